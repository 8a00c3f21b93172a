/**
 * What a CNI contributes to `k0sctl.yaml`: its part of k0s `spec.network` and, when k0s does not
 * ship it, the Helm chart that installs it at bootstrap.
 */
import type { IConstruct } from 'constructs';
import type { K0sCalico, K0sHelmChart, K0sHelmRepository, K0sKubeRouter } from '../k0s-shapes';

/** The CNI's part of k0s `spec.network`. */
export interface CniNetwork {
  /** k0s `network.provider`: `custom` when the CNI comes from a Helm chart or from the user. */
  readonly provider: 'calico' | 'kuberouter' | 'custom';
  readonly podCIDR: string;
  readonly calico?: K0sCalico;
  readonly kuberouter?: K0sKubeRouter;
}

/** A CNI construct (`Calico`, `KubeRouter`, `CustomCni`). */
export interface ICni extends IConstruct {
  /** The CNI's part of k0s `spec.network`. */
  k0sNetwork(): CniNetwork;
  /** Helm repositories its charts need. */
  helmRepositories(): K0sHelmRepository[];
  /** Charts installed through k0s `extensions.helm` at bootstrap. */
  helmCharts(): K0sHelmChart[];
}

/** A chart's coordinates as CNI props take them. */
export interface CniChart {
  /** Chart name inside the repository. */
  readonly name: string;
  /** Chart version (written as a string). */
  readonly version: string;
  /** `oci://…` registry (charts are addressed as `<registry>/<name>`) or an `https://` Helm repository. */
  readonly repository: string;
}

/** Stable k0s repository name for a registry URL (k0s keys repositories by name). */
export function repositoryName(url: string): string {
  const name = url
    .replace(/^[a-z]+:\/\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name.slice(0, 63).replace(/-+$/, '') || 'charts';
}

/** `chartname` as k0s wants it: the full reference for OCI, `<repo>/<chart>` for HTTP repositories. */
export function chartReference(chart: CniChart): string {
  return chart.repository.startsWith('oci://') ? `${chart.repository.replace(/\/+$/, '')}/${chart.name}` : `${repositoryName(chart.repository)}/${chart.name}`;
}

/** The repository entry for a chart; `insecure: false` explicitly (k0s ≤ 1.34 skips TLS checks when unset). */
export function repositoryFor(chart: CniChart): K0sHelmRepository {
  return { name: repositoryName(chart.repository), url: chart.repository.replace(/\/+$/, ''), insecure: false };
}
