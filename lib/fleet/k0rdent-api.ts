/**
 * What the fleet emits depends on the management cluster's release: the
 * `k0rdent.mirantis.com` API version, the CRD set the objects must satisfy, and which optional
 * fields that CRD set knows. One table, read by every fleet construct, so gating lives in one place.
 */
import type { MkeCluster } from '../cluster';
import { K0RDENT_NAMESPACE, releaseInfo, type MkeRelease } from '../config/releases';

/** The k0rdent system namespace on MKE 4k (kcm API, github.com/k0rdent/kcm: `k0rdent`, not upstream's `kcm-system`). */
export { K0RDENT_NAMESPACE };
export const K0RDENT_GROUP = 'k0rdent.mirantis.com';
/** Flux source API used by kcm for every release we support (kcm API, github.com/k0rdent/kcm). */
export const FLUX_SOURCE_API_VERSION = 'source.toolkit.fluxcd.io/v1';
/** kcm runs Flux with a watch-label selector: a source without this label is never reconciled (kcm#1544). */
export const MANAGED_LABEL = 'k0rdent.mirantis.com/managed';

/** The k0rdent API surface of one management cluster release. */
export interface K0rdentApi {
  readonly release: MkeRelease;
  /** `k0rdent.mirantis.com/v1alpha1` (MKE 4.1.0) or `/v1beta1` (4.1.1+). */
  readonly apiVersion: string;
  /** Folder of ../shared/crds/k0rdent whose schemas the output must satisfy. */
  readonly crdSet: 'v0.2.0' | 'v1.2.0' | 'v1.3.1';
  /** `serviceSpec.services[].templateChain` exists (kcm ≥ 1.0; absent in v0.2.0). */
  readonly serviceTemplateChain: boolean;
  /** `serviceSpec.provider` exists (kcm ≥ 1.3). */
  readonly serviceProvider: boolean;
}

/**
 * The API of a release, or `undefined` for MKE 4.0 (Blueprint Operator, no k0rdent).
 * No release we support has `dependsOn` (kcm ≥ 1.4 / MCS ≥ 1.5), so it is never emitted.
 */
export function k0rdentApiFor(release: MkeRelease): K0rdentApi | undefined {
  const info = releaseInfo(release);
  if (!info.k0rdentApiVersion || !info.k0rdentCrdSet) return undefined;
  return {
    release,
    apiVersion: `${K0RDENT_GROUP}/${info.k0rdentApiVersion}`,
    crdSet: info.k0rdentCrdSet,
    serviceTemplateChain: info.k0rdentCrdSet !== 'v0.2.0',
    serviceProvider: info.k0rdentCrdSet === 'v1.3.1',
  };
}

/**
 * The API used when a management cluster has none (4.0): constructs still build, with the newest
 * API, so that the validation can report the 4.0 cluster once instead of every construct throwing.
 */
export function k0rdentApiOrNewest(cluster: MkeCluster | undefined): K0rdentApi {
  return (cluster && k0rdentApiFor(cluster.release)) ?? (k0rdentApiFor('4.2.0') as K0rdentApi);
}

/**
 * Every fleet object opts out of Flux post-build substitution, so only the management cluster's
 * `MkeConfig` placeholders are filled and literal `${…}` in Helm values survive.
 * Same annotation as lib/services' `SUBSTITUTE_DISABLED`.
 */
export const FLUX_SUBSTITUTE_DISABLED: Readonly<Record<string, string>> = { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' };

/** `metadata` of a fleet object: name, namespace (omitted for cluster-scoped kinds), labels, the annotation above. */
export function fleetMetadata(name: string, namespace: string | undefined, labels?: Readonly<Record<string, string>>): Record<string, unknown> {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}),
    annotations: { ...FLUX_SUBSTITUTE_DISABLED },
  };
}
