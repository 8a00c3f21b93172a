/** Picks and configures the CNI construct an `MkeSpec` asks for (one enabled provider, rules guarantee it). */
import type { Construct } from 'constructs';
import { chartRegistry, cniExtraConfig, cniProvider, imageRegistry, kubeletRootDir, nodePortRange, podCidr } from '../config/accessors';
import { isAtLeast, MkeRelease, releaseInfo } from '../config/releases';
import type { MkeSpec } from '../config/types';
import { Calico, CalicoProps, toCalicoNetwork } from './calico';
import type { CniNetwork, ICni } from './cni';
import { CustomCni, CustomCniProps } from './custom-cni';
import { KubeRouter, KubeRouterProps, toKubeRouterNetwork } from './kube-router';
import { calicoBuiltIn } from './tigera-values';

/** Which CNI construct to build, with its props. */
export type CniSelection =
  | { readonly kind: 'calico'; readonly props: CalicoProps }
  | { readonly kind: 'kuberouter'; readonly props: KubeRouterProps }
  | { readonly kind: 'custom'; readonly props: CustomCniProps };

/** The CNI of a spec: Calico (Tigera chart on 4.1+, k0s built-in on 4.0), kube-router, or custom. */
export function cniFromSpec(spec: MkeSpec, release: MkeRelease): CniSelection {
  const provider = cniProvider(spec);
  const extra = cniExtraConfig(spec);
  const pods = podCidr(spec);
  if (provider === 'kuberouter') {
    const extraArgs: Record<string, string> = {};
    for (const [k, v] of Object.entries(extra)) if (k !== 'cidrV4') extraArgs[k] = v;
    return { kind: 'kuberouter', props: { podCidr: pods, extraArgs } };
  }
  // cilium never gets here on a valid spec (rule cni-cilium); custom keeps the pod CIDR for k0s.
  if (provider !== 'calico') return { kind: 'custom', props: { podCidr: pods } };
  const kubeProxy = spec.network?.kubeProxy;
  const ipvsNodePortRange = kubeProxy?.mode === 'ipvs' && !kubeProxy.disabled ? `${nodePortRange(spec)[0]}-${nodePortRange(spec)[1]}` : undefined;
  if (release.startsWith('4.0')) return { kind: 'calico', props: { installer: 'k0s', podCidr: pods, builtIn: calicoBuiltIn(extra, ipvsNodePortRange) } };
  const chart = releaseInfo(release).charts['tigera-operator'];
  return {
    kind: 'calico',
    props: {
      installer: 'tigera-operator',
      podCidr: pods,
      linuxDataplane: extra.linuxDataplane,
      logLevel: extra.loglevel,
      valuesYaml: extra['values.yaml'],
      kubeletVolumePluginPath: kubeletRootDir(spec, release),
      imageRegistry: spec.airgap?.enabled ? imageRegistry(spec) : undefined,
      controlPlaneOnControllers: isAtLeast(release, '4.2.0'),
      ipvsNodePortRange,
      chart: { name: chart?.name ?? 'tigera-operator', version: chart?.version ?? '0.0.0', repository: chartRegistry(spec) },
    },
  };
}

/** Builds the selected CNI construct under `scope`. */
export function createCni(scope: Construct, id: string, selection: CniSelection): ICni {
  switch (selection.kind) {
    case 'calico':
      return new Calico(scope, id, selection.props);
    case 'kuberouter':
      return new KubeRouter(scope, id, selection.props);
    case 'custom':
      return new CustomCni(scope, id, selection.props);
  }
}

/** The selected CNI's part of k0s `spec.network`, without building a construct. */
export function cniNetwork(selection: CniSelection): CniNetwork {
  switch (selection.kind) {
    case 'calico':
      return toCalicoNetwork(selection.props);
    case 'kuberouter':
      return toKubeRouterNetwork(selection.props);
    case 'custom':
      return { provider: 'custom', podCIDR: selection.props.podCidr ?? '10.244.0.0/16' };
  }
}
