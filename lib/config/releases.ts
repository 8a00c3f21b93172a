/**
 * The release catalog: per MKE 4k release, the k0s version, the k0rdent (kcm) version and the chart
 * of every system service. Every value names its source; values no public source confirms are
 * marked `verified: false`, and synth warns with the list of unverified coordinates it used.
 *
 * Sources (MKE 4k release notes at docs.mirantis.com, the release matrix in github.com/MirantisContainers/mke-release, kcm's templates in github.com/k0rdent/kcm):
 * - `matrix`: MirantisContainers/mke-release release-matrix.json (k0s, k0rdent, mke-operator, Calico);
 * - `docs-<v>`: the component table of the MKE docs for that release;
 * - `inferred`: upstream chart name / namespace matched to MKE's mirror, no MKE source publishes it.
 */

export const MKE_RELEASES = ['4.0.0', '4.0.1', '4.1.0', '4.1.1', '4.1.2', '4.1.3', '4.1.4', '4.1.5', '4.2.0'] as const;
export type MkeRelease = (typeof MKE_RELEASES)[number];
export const NEWEST_RELEASE: MkeRelease = '4.2.0';

/** Where a chart comes from and how sure we are of it. */
export interface ChartCoordinates {
  /** Chart name inside the repository. */
  readonly name: string;
  /** Chart version. */
  readonly version: string;
  /** Repository URL (`oci://…` or `https://…`). `undefined` = the cluster's `registries.chartRegistry`. */
  readonly repository?: string;
  /** Whether a public source confirms name and version for this release. */
  readonly verified: boolean;
  /** Where the value comes from. */
  readonly source: string;
}

/** System services whose charts the catalog knows. */
export const SERVICE_IDS = [
  'tigera-operator',
  'ingress-nginx',
  'envoy-gateway',
  'metallb',
  'dex',
  'dex-http-server',
  'dashboard',
  'kube-prometheus-stack',
  'cadvisor',
  'velero',
  'minio',
  'gatekeeper',
  'gpu-operator',
  'node-feature-discovery',
  'multus',
  'aws-cloud-controller-manager',
  'node-local-dns',
  'secrets-store-csi-driver',
] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export interface ReleaseInfo {
  readonly release: MkeRelease;
  readonly k0sVersion: string;
  /** k0rdent Enterprise (kcm) chart version; absent for 4.0 (Blueprint Operator). */
  readonly kcmVersion?: string;
  /** `k0rdent.mirantis.com` API version emitted for this release. */
  readonly k0rdentApiVersion?: 'v1alpha1' | 'v1beta1';
  /** Folder of ../shared/crds/k0rdent that matches this release's kcm. */
  readonly k0rdentCrdSet?: 'v0.2.0' | 'v1.2.0' | 'v1.3.1';
  /** kcm ≥ 1.3: MultiClusterService `provider.selfManagement`. */
  readonly selfManagement: boolean;
  readonly mkeOperatorChartVersion?: string;
  /** mke-operator image tag (release matrix `mkeOperatorImageVersion`). */
  readonly mkeOperatorImageVersion?: string;
  readonly charts: Partial<Record<ServiceId, ChartCoordinates>>;
}

/** The k0rdent Enterprise chart registry. */
export const KCM_CHART_REPOSITORY = 'oci://registry.mirantis.com/k0rdent-enterprise/charts';
/** k0rdent's system namespace on MKE (upstream's `kcm-system` does not apply; kcm API, github.com/k0rdent/kcm). */
export const K0RDENT_NAMESPACE = 'k0rdent';
export const DEFAULT_CHART_REGISTRY = 'oci://registry.mirantis.com/mke';
export const DEFAULT_IMAGE_REGISTRY = 'registry.mirantis.com/mke';

type ChartTable = Partial<Record<ServiceId, string>>;

/** Chart names as mirrored under the MKE registry (upstream names; inferred, see MKE 4k docs). */
const CHART_NAMES: Record<ServiceId, string> = {
  'tigera-operator': 'tigera-operator',
  'ingress-nginx': 'ingress-nginx',
  'envoy-gateway': 'gateway-helm',
  metallb: 'metallb',
  dex: 'dex',
  'dex-http-server': 'dex-http-server',
  dashboard: 'mke-dashboard',
  'kube-prometheus-stack': 'kube-prometheus-stack',
  cadvisor: 'cadvisor',
  velero: 'velero',
  minio: 'minio',
  gatekeeper: 'gatekeeper',
  'gpu-operator': 'gpu-operator',
  'node-feature-discovery': 'node-feature-discovery',
  multus: 'multus',
  'aws-cloud-controller-manager': 'aws-cloud-controller-manager',
  'node-local-dns': 'node-local-dns',
  'secrets-store-csi-driver': 'secrets-store-csi-driver',
};

/** Charts whose names are not the upstream name of a published chart (unpublished Mirantis charts). */
const UNPUBLISHED: ReadonlySet<ServiceId> = new Set<ServiceId>(['dashboard', 'multus', 'node-local-dns']);

/**
 * Versions per release from the docs component tables (MKE 4k docs, docs.mirantis.com). `?` cells are filled
 * with the nearest earlier documented version and flagged unverified. The Calico chart comes from
 * the release matrix instead (`RELEASE_MATRIX`): the docs give Calico's own version, not the tag.
 */
const DOCUMENTED: Record<string, ChartTable> = {
  '4.0.0': {
    'ingress-nginx': '4.9.1', metallb: '0.14.7', dex: '0.16.0', 'dex-http-server': '0.2.2',
    'kube-prometheus-stack': '57.2.0', cadvisor: '2.3.3', velero: '6.0.0', minio: '14.1.2', gatekeeper: '3.17.0',
    'node-feature-discovery': '0.16.1', 'aws-cloud-controller-manager': '0.0.8',
  },
  '4.1.0': {
    'ingress-nginx': '4.12.1', metallb: '0.14.7', dex: '0.23.0', 'dex-http-server': '0.3.0',
    dashboard: '1.6.2', 'kube-prometheus-stack': '57.2.0', cadvisor: '2.4.0', velero: '6.0.0', minio: '14.10.5',
    gatekeeper: '3.17.1', 'gpu-operator': '24.9.2', 'node-feature-discovery': '0.17.2', multus: '0.0.1',
    'aws-cloud-controller-manager': '0.0.8',
  },
  '4.1.1': {
    'ingress-nginx': '4.12.1', metallb: '0.14.7', dex: '0.23.0', dashboard: '1.10.1',
    'kube-prometheus-stack': '57.2.0', cadvisor: '2.4.0', velero: '6.0.0', gatekeeper: '3.17.1', 'gpu-operator': '24.9.2',
    'node-feature-discovery': '0.17.2', 'aws-cloud-controller-manager': '0.0.8',
  },
  '4.1.2': {},
  '4.1.3': {
    'envoy-gateway': '1.6.1', metallb: '0.15.2', dex: '0.24.0',
    'kube-prometheus-stack': '79.5.0', cadvisor: '2.4.1', velero: '6.0.0', gatekeeper: '3.20.1', 'gpu-operator': '24.9.2',
    'node-feature-discovery': '0.18.3', multus: '4.2.3', 'aws-cloud-controller-manager': '0.0.10',
  },
  '4.1.4': {
    'envoy-gateway': '1.6.1', metallb: '0.15.2', dex: '0.24.0',
    'kube-prometheus-stack': '79.5.0', cadvisor: '2.4.1', velero: '6.0.0', gatekeeper: '3.20.1', 'gpu-operator': '24.9.2',
    'node-feature-discovery': '0.18.3', multus: '4.2.3', 'aws-cloud-controller-manager': '0.0.10',
  },
  '4.1.5': {
    'ingress-nginx': '4.14.0', 'envoy-gateway': '1.6.1', metallb: '0.15.2', dex: '0.24.0',
    'kube-prometheus-stack': '79.5.0', cadvisor: '2.4.1', gatekeeper: '3.20.1', 'gpu-operator': '24.9.2',
    'node-feature-discovery': '0.18.3', multus: '4.2.3', 'aws-cloud-controller-manager': '0.0.10',
  },
  '4.2.0': {},
};
DOCUMENTED['4.0.1'] = DOCUMENTED['4.0.0'];

/** Services each release line ships (4.0 has no k0rdent delivery). */
const SHIPPED: Record<'4.0' | '4.1' | '4.1.3' | '4.2', readonly ServiceId[]> = {
  '4.0': [],
  '4.1': ['tigera-operator', 'ingress-nginx', 'metallb', 'dex', 'dex-http-server', 'dashboard', 'kube-prometheus-stack',
    'cadvisor', 'velero', 'minio', 'gatekeeper', 'gpu-operator', 'node-feature-discovery', 'multus', 'aws-cloud-controller-manager'],
  '4.1.3': ['tigera-operator', 'ingress-nginx', 'envoy-gateway', 'metallb', 'dex', 'dex-http-server', 'dashboard',
    'kube-prometheus-stack', 'cadvisor', 'velero', 'minio', 'gatekeeper', 'gpu-operator', 'node-feature-discovery', 'multus',
    'aws-cloud-controller-manager', 'node-local-dns'],
  '4.2': ['tigera-operator', 'ingress-nginx', 'envoy-gateway', 'metallb', 'dex', 'dex-http-server', 'dashboard',
    'kube-prometheus-stack', 'cadvisor', 'velero', 'minio', 'gatekeeper', 'gpu-operator', 'node-feature-discovery', 'multus',
    'aws-cloud-controller-manager', 'node-local-dns', 'secrets-store-csi-driver'],
};

/** Fallback versions for charts no table lists for a line (upstream/catalog versions; unverified). */
const FALLBACK: ChartTable = {
  'secrets-store-csi-driver': '1.5.4',
  'node-local-dns': '1.26.4',
  'dex-http-server': '0.3.0',
  dashboard: '1.10.1',
  minio: '14.10.5',
  'ingress-nginx': '4.14.0',
};

/**
 * MirantisContainers/mke-release `release-matrix/release-matrix.json`, the source MKE's installer reads:
 * 4.1.0–4.1.3 and 4.1.5 from commit e81f933 (2026-06-30), 4.1.4 from 0c09db5 ("4.1.4 GA"; later
 * commits dropped it), 4.2.0 from the `v4.2.0-rc.8` entry (the newest 4.2 entry; no GA entry yet).
 * `calico` is `network.calico.oss.version`: the Tigera operator chart version as MKE's registry tags
 * it (Mirantis builds: `v3.30.200` is Calico 3.30.2, see `upstreamCalicoVersion`).
 */
export const RELEASE_MATRIX: Partial<Record<MkeRelease, { readonly k0s: string; readonly k0rdent: string; readonly mkeOperatorChart: string; readonly mkeOperatorImage: string; readonly calico: string }>> = {
  '4.1.0': { k0s: 'v1.32.3+k0s.0', k0rdent: '0.2.0-alpha4', mkeOperatorChart: '1.0.0', mkeOperatorImage: 'v1.3.0', calico: 'v3.29.3' },
  '4.1.1': { k0s: 'v1.32.6+k0s.0', k0rdent: '1.1.0', mkeOperatorChart: '3.4.1', mkeOperatorImage: 'v1.4.5', calico: 'v3.30.200' },
  '4.1.2': { k0s: 'v1.32.6+k0s.0', k0rdent: '1.1.0', mkeOperatorChart: '3.11.2', mkeOperatorImage: 'v1.4.15', calico: 'v3.30.200' },
  '4.1.3': { k0s: 'v1.32.11+k0s.0', k0rdent: '1.2.3', mkeOperatorChart: '3.17.1', mkeOperatorImage: 'v1.6.1', calico: 'v3.30.200' },
  '4.1.4': { k0s: 'v1.32.11+k0s.0', k0rdent: '1.2.3', mkeOperatorChart: '3.17.1', mkeOperatorImage: 'v1.6.1', calico: 'v3.30.200' },
  '4.1.5': { k0s: 'v1.32.11+k0s.0', k0rdent: '1.2.3', mkeOperatorChart: '3.17.2', mkeOperatorImage: 'v1.6.3', calico: 'v3.30.200' },
  '4.2.0': { k0s: 'v1.35.4+k0s.0', k0rdent: '1.3.2', mkeOperatorChart: '3.19.24', mkeOperatorImage: 'v1.7.10', calico: 'v3.31.500' },
};

/**
 * The upstream Calico release a Tigera operator chart version packages: Mirantis tags its builds
 * `v<major>.<minor>.<patch × 100>` (`v3.31.500` = Calico v3.31.5); plain upstream versions map to
 * themselves. Used to find the upstream `values.yaml` and Installation CRD of a chart version.
 */
export function upstreamCalicoVersion(chartVersion: string): string {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(chartVersion);
  if (!m) return chartVersion.replace(/^v/, '');
  const patch = Number(m[3]);
  return `${m[1]}.${m[2]}.${patch >= 100 && patch % 100 === 0 ? patch / 100 : patch}`;
}

function line(release: MkeRelease): keyof typeof SHIPPED {
  if (release.startsWith('4.0')) return '4.0';
  if (release.startsWith('4.2')) return '4.2';
  return ['4.1.3', '4.1.4', '4.1.5'].includes(release) ? '4.1.3' : '4.1';
}

function chartsFor(release: MkeRelease): Partial<Record<ServiceId, ChartCoordinates>> {
  const out: Partial<Record<ServiceId, ChartCoordinates>> = {};
  const order = MKE_RELEASES.slice(0, MKE_RELEASES.indexOf(release) + 1).reverse();
  for (const id of SHIPPED[line(release)]) {
    const own = DOCUMENTED[release]?.[id];
    const earlier = order.map((r) => DOCUMENTED[r]?.[id]).find((v) => v !== undefined);
    const matrix = id === 'tigera-operator' ? RELEASE_MATRIX[release]?.calico : undefined;
    if (matrix) {
      out[id] = { name: CHART_NAMES[id], version: matrix, verified: true, source: `matrix-${release} (network.calico.oss.version; name inferred)` };
      continue;
    }
    const version = own ?? earlier ?? FALLBACK[id] ?? '0.0.0';
    const verified = own !== undefined && !UNPUBLISHED.has(id);
    out[id] = {
      name: CHART_NAMES[id],
      version,
      verified,
      source: own !== undefined ? `docs-${release} (name inferred)` : earlier ? 'nearest earlier release (inferred)' : 'upstream catalog (inferred)',
    };
  }
  return out;
}

const BASE: Record<MkeRelease, Omit<ReleaseInfo, 'charts' | 'release'>> = {
  '4.0.0': { k0sVersion: 'v1.31.1+k0s.1', selfManagement: false },
  '4.0.1': { k0sVersion: 'v1.31.1+k0s.1', selfManagement: false },
  '4.1.0': { k0sVersion: 'v1.32.3+k0s.0', kcmVersion: '0.2.0-alpha4', k0rdentApiVersion: 'v1alpha1', k0rdentCrdSet: 'v0.2.0', selfManagement: false, mkeOperatorChartVersion: '1.0.0' },
  '4.1.1': { k0sVersion: 'v1.32.6+k0s.0', kcmVersion: '1.1.0', k0rdentApiVersion: 'v1beta1', k0rdentCrdSet: 'v1.2.0', selfManagement: false, mkeOperatorChartVersion: '3.4.1' },
  '4.1.2': { k0sVersion: 'v1.32.6+k0s.0', kcmVersion: '1.1.0', k0rdentApiVersion: 'v1beta1', k0rdentCrdSet: 'v1.2.0', selfManagement: false, mkeOperatorChartVersion: '3.11.2' },
  '4.1.3': { k0sVersion: 'v1.32.11+k0s.0', kcmVersion: '1.2.3', k0rdentApiVersion: 'v1beta1', k0rdentCrdSet: 'v1.2.0', selfManagement: false, mkeOperatorChartVersion: '3.17.1' },
  '4.1.4': { k0sVersion: 'v1.32.11+k0s.0', kcmVersion: '1.2.3', k0rdentApiVersion: 'v1beta1', k0rdentCrdSet: 'v1.2.0', selfManagement: false, mkeOperatorChartVersion: '3.17.1' },
  '4.1.5': { k0sVersion: 'v1.32.11+k0s.0', kcmVersion: '1.2.3', k0rdentApiVersion: 'v1beta1', k0rdentCrdSet: 'v1.2.0', selfManagement: false, mkeOperatorChartVersion: '3.17.2' },
  '4.2.0': { k0sVersion: 'v1.35.4+k0s.0', kcmVersion: '1.3.2', k0rdentApiVersion: 'v1beta1', k0rdentCrdSet: 'v1.3.1', selfManagement: true, mkeOperatorChartVersion: '3.19.24' },
};

const cache = new Map<MkeRelease, ReleaseInfo>();

/** Catalog entry of a release. */
export function releaseInfo(release: MkeRelease): ReleaseInfo {
  let info = cache.get(release);
  if (!info) {
    const matrix = RELEASE_MATRIX[release];
    info = {
      release,
      ...BASE[release],
      ...(matrix ? { k0sVersion: matrix.k0s, kcmVersion: matrix.k0rdent, mkeOperatorChartVersion: matrix.mkeOperatorChart, mkeOperatorImageVersion: matrix.mkeOperatorImage } : {}),
      charts: chartsFor(release),
    };
    cache.set(release, info);
  }
  return info;
}

/** `v4.1.2` / `4.1.2` → the catalog release, or undefined when we do not know it. */
export function toRelease(version: string): MkeRelease | undefined {
  const bare = version.replace(/^v/, '').replace(/-.*$/, '');
  return (MKE_RELEASES as readonly string[]).includes(bare) ? (bare as MkeRelease) : undefined;
}

/** Ordering helper: compares two releases by position in the catalog. */
export function compareReleases(a: MkeRelease, b: MkeRelease): number {
  return MKE_RELEASES.indexOf(a) - MKE_RELEASES.indexOf(b);
}

export function isAtLeast(release: MkeRelease, min: MkeRelease): boolean {
  return compareReleases(release, min) >= 0;
}

/** The kcm Release object name kcm creates for a version: `kcm-1-2-3`. */
export function kcmReleaseName(kcmVersion: string): string {
  return `kcm-${kcmVersion.replace(/[.+]/g, '-')}`;
}
