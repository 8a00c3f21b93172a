/**
 * Pure MKE → k0s translation of `spec.network`: CIDRs, the CNI's part, kube-proxy and both load
 * balancers (4.0/4.1 `network.cplb` and 4.2 `network.controlPlaneLoadBalancing` shapes).
 */
import { cplbEnabled, cplbKeepalived, nllbEnabled, serviceCidr } from '../config/accessors';
import type { MkeRelease } from '../config/releases';
import { secretVariable } from '../config/secrets';
import type { MkeSpec } from '../config/types';
import { cniFromSpec, cniNetwork } from '../cni/from-spec';
import type { CniNetwork } from '../cni/cni';
import type { K0sControlPlaneLoadBalancing, K0sKubeProxy, K0sNetwork } from './types';

/** Copy without `null`, `undefined` and `""` (mkectl prints them for unset knobs; k0s wants them absent). */
function compact<T extends object>(value: T): Record<string, never> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined || v === '') continue;
    out[k] = v;
  }
  return out as Record<string, never>;
}

/** `network.kubeProxy`: mode and its sub-configuration, as MKE writes them (mode defaults to iptables). */
export function toK0sKubeProxy(spec: MkeSpec): K0sKubeProxy {
  const kp = spec.network?.kubeProxy;
  if (kp?.disabled) return { disabled: true };
  const out: Record<string, unknown> = { mode: kp?.mode ?? 'iptables' };
  if (kp?.metricsBindAddress) out.metricsBindAddress = kp.metricsBindAddress;
  for (const section of ['iptables', 'ipvs', 'nftables'] as const) {
    const value = kp?.[section];
    if (value && Object.keys(compact(value)).length) out[section] = compact(value);
  }
  if (kp?.nodePortAddresses?.length) out.nodePortAddresses = kp.nodePortAddresses;
  return out as K0sKubeProxy;
}

/**
 * `network.controlPlaneLoadBalancing`, only when enabled: k0s validates the block (and probes NICs)
 * whenever it is present, even disabled. `type` is written because k0sctl ignores CPLB without it.
 * `authPass` is a secret: written as `${MKE_…}`, which k0sctl expands from the
 * environment before k0s reads it.
 */
export function toK0sControlPlaneLoadBalancing(spec: MkeSpec, onSecret?: (variable: string, field: string) => void): K0sControlPlaneLoadBalancing | undefined {
  if (!cplbEnabled(spec)) return undefined;
  const keepalived = cplbKeepalived(spec);
  const base = spec.network?.controlPlaneLoadBalancing ? ['network', 'controlPlaneLoadBalancing'] : ['network', 'cplb', 'controlPlaneLoadBalancing'];
  const vrrpInstances = keepalived?.vrrpInstances?.map((vrrp, i) => {
    const path = [...base, 'keepalived', 'vrrpInstances', i, 'authPass'];
    const variable = secretVariable(path);
    onSecret?.(variable, `spec.${path.join('.')}`);
    return compact({ ...vrrp, virtualIPs: [...vrrp.virtualIPs], authPass: `\${${variable}}` }) as never;
  });
  const virtualServers = keepalived?.virtualServers?.map((vs) => compact(vs) as never);
  const inner = {
    ...(vrrpInstances?.length ? { vrrpInstances } : {}),
    ...(virtualServers?.length ? { virtualServers } : {}),
  };
  return { enabled: true, type: 'Keepalived', ...(Object.keys(inner).length ? { keepalived: inner } : {}) };
}

/**
 * The whole `spec.network`. `cni` is the CNI's part; by default the one the spec selects.
 * NLLB is written only when enabled (rules reject it with an external address or a single host).
 */
export function toK0sNetwork(
  spec: MkeSpec,
  release: MkeRelease,
  cni: CniNetwork = cniNetwork(cniFromSpec(spec, release)),
  onSecret?: (variable: string, field: string) => void,
): K0sNetwork {
  const cplb = toK0sControlPlaneLoadBalancing(spec, onSecret);
  return {
    provider: cni.provider,
    podCIDR: cni.podCIDR,
    serviceCIDR: serviceCidr(spec),
    ...(cni.calico ? { calico: cni.calico } : {}),
    ...(cni.kuberouter ? { kuberouter: cni.kuberouter } : {}),
    kubeProxy: toK0sKubeProxy(spec),
    ...(nllbEnabled(spec) ? { nodeLocalLoadBalancing: { enabled: true, type: 'EnvoyProxy' as const } } : {}),
    ...(cplb ? { controlPlaneLoadBalancing: cplb } : {}),
  };
}
