/**
 * NVIDIA GPU Operator (MKE 4k docs, docs.mirantis.com), `devicePlugins.nvidiaGPU`. GPU Feature
 * Discovery on; the operator's own NFD off because MKE always runs Node Feature Discovery, which it
 * therefore depends on. Namespace unpublished: the upstream default `gpu-operator` [inf].
 */
import { Construct } from 'constructs';
import { plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';
import { k0sControllerTolerations } from './tolerations';

export interface NvidiaGpuProps extends SystemServiceProps {
  /**
   * Multi-Instance GPU settings, passed as the chart's `mig` values (MKE: "not supported").
   * @see mke4.yaml `devicePlugins.nvidiaGPU.mig`
   * @default - none
   */
  readonly mig?: Readonly<Record<string, unknown>>;
  /**
   * Release name of Node Feature Discovery this service waits for; `null` when the operator
   * should run its own NFD.
   * @default 'node-feature-discovery'
   */
  readonly nodeFeatureDiscovery?: string | null;
}

/**
 * The container toolkit settings k0s needs (k0s docs/runtime.md, "Using nvidia-container-runtime"):
 * k0s's containerd imports drop-ins from /etc/k0s/containerd.d/ and listens on
 * /run/k0s/containerd.sock, not on the paths the toolkit assumes; the runtime class is `nvidia`.
 */
export const K0S_TOOLKIT_ENV: readonly { readonly name: string; readonly value: string }[] = [
  { name: 'CONTAINERD_CONFIG', value: '/etc/k0s/containerd.d/nvidia.toml' },
  { name: 'CONTAINERD_SOCKET', value: '/run/k0s/containerd.sock' },
  { name: 'CONTAINERD_RUNTIME_CLASS', value: 'nvidia' },
];

/**
 * mke4.yaml `devicePlugins.nvidiaGPU` → gpu-operator values (NVIDIA/gpu-operator
 * deployments/gpu-operator/values.yaml): `operator.defaultRuntime: containerd` and `toolkit.env`
 * as k0s documents; GFD on; the bundled NFD off when MKE's own runs; `daemonsets.tolerations` = the
 * chart's own (`nvidia.com/gpu`, values.yaml) plus the k0s controller taint (`./tolerations`), so the
 * driver, toolkit and device plugin also run on a `controller+worker` node with a GPU (Helm replaces a
 * list value, so the chart default is repeated).
 */
export function nvidiaGpuValues(p: NvidiaGpuProps): Record<string, unknown> {
  const mig = plain(p.mig) as Record<string, unknown> | undefined;
  return {
    operator: { defaultRuntime: 'containerd' },
    toolkit: { env: K0S_TOOLKIT_ENV.map((e) => ({ ...e })) },
    gfd: { enabled: true },
    nfd: { enabled: p.nodeFeatureDiscovery === null },
    daemonsets: { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }, ...k0sControllerTolerations()] },
    ...(mig && Object.keys(mig).length ? { mig } : {}),
  };
}

/**
 * The NVIDIA GPU Operator (https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/): drivers,
 * device plugin and GPU Feature Discovery. Its own Node Feature Discovery is off, because MKE always
 * runs one.
 *
 * @example
 * new NvidiaGpu(cluster, 'gpu');
 */
export class NvidiaGpu extends SystemService {
  readonly props: NvidiaGpuProps;

  constructor(scope: Construct, id: string, props: NvidiaGpuProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  toMkeConfig(): Record<string, unknown> {
    return { devicePlugins: { nvidiaGPU: { enabled: true, ...(this.props.mig ? { mig: plain(this.props.mig) } : {}) } } };
  }

  toReleases(): ServiceRelease[] {
    const nfd = this.props.nodeFeatureDiscovery === undefined ? 'node-feature-discovery' : this.props.nodeFeatureDiscovery;
    return [{ name: 'gpu-operator', namespace: this.namespaceOr('gpu-operator'), chart: this.chartFor('gpu-operator'), values: this.withExtraValues(nvidiaGpuValues(this.props)), dependsOn: nfd ? [nfd] : [] }];
  }
}
