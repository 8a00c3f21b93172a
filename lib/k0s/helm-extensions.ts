/**
 * k0s `extensions.helm`: the charts that must run before anything can reconcile — the
 * CNI chart and, for MKE 4.1+, k0rdent Enterprise (kcm). Names and `order`s are constants: renaming
 * or renumbering makes k0s duplicate or orphan a release (k0s#4698).
 */
import { chartRegistry } from '../config/accessors';
import { K0RDENT_NAMESPACE, KCM_CHART_REPOSITORY, MkeRelease, releaseInfo } from '../config/releases';
import type { MkeSpec } from '../config/types';
import { chartReference, repositoryFor } from '../cni/cni';
import type { K0sHelm, K0sHelmChart, K0sHelmRepository } from './types';

export const KCM_RELEASE_NAME = 'kcm';
export const KCM_NAMESPACE = K0RDENT_NAMESPACE;
export const KCM_CHART_ORDER = 20;

/**
 * The kcm chart for MKE 4.1+ (none for 4.0). Airgapped clusters cannot reach
 * registry.mirantis.com, so there the chart comes from the cluster's own chart registry mirror.
 */
export function kcmHelm(spec: MkeSpec, release: MkeRelease): K0sHelm | undefined {
  const version = releaseInfo(release).kcmVersion;
  if (!version) return undefined;
  const repository = spec.airgap?.enabled ? chartRegistry(spec) : KCM_CHART_REPOSITORY;
  const chart = { name: 'kcm', version, repository };
  return {
    repositories: [repositoryFor(chart)],
    charts: [{ name: KCM_RELEASE_NAME, chartname: chartReference(chart), version, namespace: KCM_NAMESPACE, order: KCM_CHART_ORDER }],
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
  return { repositories, charts };
}
