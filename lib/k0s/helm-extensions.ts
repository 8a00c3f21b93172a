/**
 * k0s `extensions.helm`: the charts that must run before anything can reconcile — the
 * CNI chart and, for MKE 4.1+, k0rdent Enterprise (kcm). Names and `order`s are constants: renaming
 * or renumbering makes k0s duplicate or orphan a release (k0s#4698).
 */
import { chartRegistry, imageRegistry } from '../config/accessors';
import { K0RDENT_NAMESPACE, KCM_CHART_REPOSITORY, MkeRelease, releaseInfo } from '../config/releases';
import type { MkeSpec } from '../config/types';
import { chartReference, repositoryFor } from '../cni/cni';
import { toYaml } from '../output/yaml';
import { kcmAirgapValues } from './kcm-airgap';
import { k0sAcceptsOciRepository } from './runtime-facts';
import type { K0sHelm, K0sHelmChart, K0sHelmRepository } from './types';

export const KCM_RELEASE_NAME = 'kcm';
export const KCM_NAMESPACE = K0RDENT_NAMESPACE;
export const KCM_CHART_ORDER = 20;
/**
 * The k0rdent Enterprise chart: `helm install kcm
 * oci://registry.mirantis.com/k0rdent-enterprise/charts/k0rdent-enterprise --version <v>`
 * (docs.mirantis.com/k0rdent-enterprise/1.1.0/admin/installation/install-k0rdent/). No chart named
 * `kcm` is published under that registry; upstream OSS publishes `kcm` at oci://ghcr.io/k0rdent/kcm/charts.
 */
export const KCM_CHART_NAME = 'k0rdent-enterprise';

export interface KcmHelmOptions {
  /**
   * Install the k0rdent Enterprise UI sub-chart (`k0rdent-ui`). It ships with a fixed, publicly
   * documented password ("By default, Mirantis k0rdent Enterprise installs and enables the UI with a
   * pre-determined password", install docs above), so it is off unless asked for.
   * @default false
   */
  readonly k0rdentUi?: boolean;
}

/**
 * Whether k0s gets a `repositories[]` entry for a chart repository: always for classic Helm
 * repositories; for `oci://` only where the k0s version accepts one (`k0sAcceptsOciRepository`) —
 * an OCI chartname needs none, and k0s < 1.32.6 fails on every reconcile with one.
 */
export function helmRepositoryEntry(url: string, k0sVersion: string): boolean {
  return !url.startsWith('oci://') || k0sAcceptsOciRepository(k0sVersion);
}

/**
 * The k0rdent Enterprise (kcm) chart for MKE 4.1+ (none for 4.0: MKE 4.0 has no k0rdent): release `kcm` in
 * namespace `k0rdent`. Airgapped clusters cannot reach registry.mirantis.com, so there the chart
 * comes from the cluster's own chart registry mirror.
 */
export function kcmHelm(spec: MkeSpec, release: MkeRelease, options: KcmHelmOptions = {}): K0sHelm | undefined {
  const info = releaseInfo(release);
  const version = info.kcmVersion;
  if (!version) return undefined;
  const repository = spec.airgap?.enabled ? chartRegistry(spec) : KCM_CHART_REPOSITORY;
  const chart = { name: KCM_CHART_NAME, version, repository };
  // The sub-chart's switch: `k0rdent-ui.enabled` (k0rdent Enterprise docs, addons/ui/k0rdent-ui-config:
  // `spec.core.kcm.config.k0rdent-ui.enabled`, the kcm chart values).
  // Airgap: the controller, its sub-charts, the provider images and template charts from the mirror.
  const airgap = spec.airgap?.enabled ? kcmAirgapValues(version, imageRegistry(spec), chartRegistry(spec)) : {};
  const values = toYaml({ 'k0rdent-ui': { enabled: options.k0rdentUi ?? false }, ...airgap });
  return {
    ...(helmRepositoryEntry(repository, info.k0sVersion) ? { repositories: [repositoryFor(chart)] } : {}),
    charts: [{ name: KCM_RELEASE_NAME, chartname: chartReference(chart), version, values, namespace: KCM_NAMESPACE, order: KCM_CHART_ORDER }],
  };
}

/**
 * Concatenates helm parts in the given order. A repository or chart that appears twice identically
 * is kept once; the same name with different content is left for validation to report.
 */
export function mergeHelm(parts: readonly (K0sHelm | undefined)[]): K0sHelm | undefined {
  const repositories: K0sHelmRepository[] = [];
  const charts: K0sHelmChart[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const part of parts) {
    for (const r of part?.repositories ?? []) if (!repositories.some((x) => same(x, r))) repositories.push(r);
    for (const c of part?.charts ?? []) if (!charts.some((x) => same(x, c))) charts.push(c);
  }
  if (!repositories.length && !charts.length) return undefined;
  return repositories.length ? { repositories, charts } : { charts };
}
