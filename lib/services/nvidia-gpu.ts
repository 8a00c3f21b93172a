/**
 * NVIDIA GPU Operator (MKE 4k docs, docs.mirantis.com), `devicePlugins.nvidiaGPU`. GPU Feature
 * Discovery on; the operator's own NFD off because MKE always runs Node Feature Discovery, which it
 * therefore depends on. Namespace unpublished: the upstream default `gpu-operator` [inf].
 */
import { Construct } from 'constructs';
import { plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';

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

/** mke4.yaml `devicePlugins.nvidiaGPU` → gpu-operator values [inf]. */
export function nvidiaGpuValues(p: NvidiaGpuProps): Record<string, unknown> {
  const mig = plain(p.mig) as Record<string, unknown> | undefined;
  return {
    gfd: { enabled: true },
    nfd: { enabled: p.nodeFeatureDiscovery === null },
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
