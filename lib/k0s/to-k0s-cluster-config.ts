/** Assembles the k0s `ClusterConfig` spec from the per-section translation functions. */
import type { MkeRelease } from '../config/releases';
import type { MkeSpec } from '../config/types';
import type { CniNetwork } from '../cni/cni';
import { kcmHelm } from './helm-extensions';
import {
  toK0sApi,
  toK0sControllerManager,
  toK0sImages,
  toK0sScheduler,
  toK0sStorage,
  toK0sTelemetry,
} from './to-k0s-control-plane';
import { toK0sNetwork } from './to-k0s-network';
import type { K0sClusterConfigSpec, K0sHelm } from './types';
import { toK0sWorkerProfiles } from './worker-profiles';

export interface ClusterConfigOptions {
  /** The CNI's part of `spec.network`. @default - the CNI the spec selects */
  readonly cni?: CniNetwork;
  /** Bootstrap charts. @default - the kcm chart (MKE 4.1+) */
  readonly helm?: K0sHelm;
  /** Told about every secret placeholder written. @default - ignored */
  readonly onSecret?: (variable: string, field: string) => void;
}

/**
 * The ClusterConfig `spec` for an MKE spec. Always written, whatever k0s' defaults: storage.type,
 * network.provider/podCIDR/serviceCIDR and telemetry.enabled (k0s `pkg/apis/k0s/v1beta1`).
 */
export function toK0sClusterConfigSpec(spec: MkeSpec, release: MkeRelease, options: ClusterConfigOptions = {}): K0sClusterConfigSpec {
  const api = toK0sApi(spec);
  const controllerManager = toK0sControllerManager(spec);
  const scheduler = toK0sScheduler(spec);
  const workerProfiles = toK0sWorkerProfiles(spec);
  const images = toK0sImages(spec);
  const helm = 'helm' in options ? options.helm : kcmHelm(spec, release);
  return {
    ...(api ? { api } : {}),
    storage: toK0sStorage(spec),
    network: options.cni ? toK0sNetwork(spec, release, options.cni, options.onSecret) : toK0sNetwork(spec, release, undefined, options.onSecret),
    ...(controllerManager ? { controllerManager } : {}),
    ...(scheduler ? { scheduler } : {}),
    ...(workerProfiles.length ? { workerProfiles } : {}),
    telemetry: toK0sTelemetry(spec),
    ...(images ? { images } : {}),
    ...(helm && (helm.charts.length || helm.repositories?.length) ? { extensions: { helm } } : {}),
  };
}
