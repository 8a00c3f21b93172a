/**
 * Airgap image rewrites for the service charts: for a chart version whose default images we know
 * (from its upstream values.yaml, see `chart-images.generated.ts`), the Helm values that make every
 * default image come from a private registry (`airgapImageValues`).
 */
import { bitnamiLegacyImageValues, mirroredReference, type ChartImage } from '../config/image-rewrite';
import { SERVICE_CHART_IMAGES } from './chart-images.generated';

export { airgapImageValues, mirroredImage } from '../config/image-rewrite';
export type { ChartImage } from '../config/image-rewrite';

/** What we know of a chart version's images. */
export interface ChartImages {
  readonly chart: string;
  readonly version: string;
  readonly images: readonly ChartImage[];
  /** Sub-charts (their images are not in the table). */
  readonly dependencies: readonly {
    readonly name: string;
    readonly version: string;
    readonly repository: string;
    /** Helm `condition` (values paths, comma-separated). */
    readonly condition?: string;
    /** Whether the condition holds with the chart's default values. */
    readonly enabledByDefault: boolean;
    /** The sub-chart version used for `images` (a range resolved by release date is marked `range`). */
    readonly resolvedVersion?: string;
    readonly versionFrom?: string;
    /** Where the sub-chart's images come from. */
    readonly source?: string;
    /** The sub-chart's default images, paths prefixed with the sub-chart key; absent = unknown. */
    readonly images?: readonly ChartImage[];
  }[];
}

/** The image table of an upstream chart version (`v` prefixes ignored), or undefined. */
export function chartImages(chart: string, version: string): ChartImages | undefined {
  const table = SERVICE_CHART_IMAGES as unknown as Record<string, ChartImages>;
  return table[`${chart}@${version.replace(/^v/, '')}`];
}


/**
 * Whether a sub-chart is deployed: the first `condition` path that the given values set to a
 * boolean decides (Helm's rule), else the chart's default.
 */
export function dependencyEnabled(dep: ChartImages['dependencies'][number], values: Readonly<Record<string, unknown>>): boolean {
  for (const path of (dep.condition ?? '').split(',').map((c) => c.trim()).filter(Boolean)) {
    let node: unknown = values;
    for (const k of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
    if (typeof node === 'boolean') return node;
  }
  return dep.enabledByDefault;
}

/**
 * Chart images that only a switch of the chart's values deploys, keyed `<chart>@<path>`: each is
 * deployed when any listed values path is true (else its default). The velero chart runs its kubectl
 * image only in the CRD jobs: templates/upgrade-crds/upgrade-crds.yaml (`if .Values.upgradeCRDs`,
 * default true) and templates/cleanup-crds.yaml (`if .Values.cleanUpCRDs`, default false),
 * vmware-tanzu/helm-charts velero-6.0.0 … velero-11.4.0 (12.0.0 drops the image).
 */
const IMAGE_SWITCHES: Readonly<Record<string, readonly (readonly [path: string, byDefault: boolean])[]>> = {
  'velero@kubectl.image': [
    ['upgradeCRDs', true],
    ['cleanUpCRDs', false],
  ],
};

function valueAt(values: Readonly<Record<string, unknown>>, path: string): unknown {
  let node: unknown = values;
  for (const k of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
  return node;
}

/** The chart's own default images (not optional) that a release with `values` deploys. */
export function ownDeployedImages(known: ChartImages, values: Readonly<Record<string, unknown>>): ChartImage[] {
  return known.images.filter((i) => {
    if (i.optional) return false;
    const switches = IMAGE_SWITCHES[`${known.chart}@${i.path}`];
    if (!switches) return true;
    return switches.some(([path, byDefault]) => {
      const v = valueAt(values, path);
      return typeof v === 'boolean' ? v : byDefault;
    });
  });
}

/**
 * Every default image a release of the chart deploys with `values`: the chart's own (not optional,
 * and switched on) and those of each enabled sub-chart whose images are known.
 */
export function deployedImages(known: ChartImages, values: Readonly<Record<string, unknown>>): ChartImage[] {
  return [...ownDeployedImages(known, values), ...known.dependencies.filter((d) => dependencyEnabled(d, values)).flatMap((d) => d.images ?? [])];
}

/**
 * Bitnami chart versions whose templates refuse to render when an image is not the one the chart
 * names (another repository, or another registry): NOTES.txt includes `common.errors.insecureImages`
 * (bitnami/charts minio/14.10.5 templates/NOTES.txt, with common 2.29.0 in its Chart.lock;
 * bitnami/common templates/_errors.tpl: `fail` when an image in docker.io/bitnami was substituted,
 * unless `global.security.allowInsecureImages`). minio 14.1.2 (common 2.19.0) has no such check and
 * no such key.
 */
const VERIFIES_IMAGES: ReadonlySet<string> = new Set(['minio@14.10.5']);

/**
 * The values a chart version needs to accept images moved from their default repository or
 * registry (`{ global: { security: { allowInsecureImages: true } } }`), or `{}`.
 */
export function allowMovedImagesValues(chart: string, version: string): Record<string, unknown> {
  return VERIFIES_IMAGES.has(`${chart}@${version.replace(/^v/, '')}`) ? { global: { security: { allowInsecureImages: true } } } : {};
}

/**
 * The values that make a chart's default Bitnami images come from docker.io/bitnamilegacy (clusters
 * with internet access), with what the chart needs to accept them; `{}` when the chart has none.
 */
export function publishedImageValues(known: ChartImages, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const moved = bitnamiLegacyImageValues(deployedImages(known, values));
  return Object.keys(moved).length ? { ...moved, ...allowMovedImagesValues(known.chart, known.version) } : {};
}

/**
 * The images of the containers a service's values add to its chart's `initContainers` list (the
 * velero plugin: vmware-tanzu/helm-charts charts/velero/values.yaml `initContainers`, rendered as
 * they are by templates/deployment.yaml). Chart defaults never hold such images, so the table of
 * default images cannot name them.
 */
export function initContainerImages(values: Readonly<Record<string, unknown>>): string[] {
  const list = values.initContainers;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) => (c && typeof c === 'object' && typeof (c as { image?: unknown }).image === 'string' ? [(c as { image: string }).image] : []));
}

/** `values` with each public `initContainers[].image` under `registry` (path and tag kept). */
export function withMirroredInitContainers(values: Readonly<Record<string, unknown>>, registry: string): Record<string, unknown> {
  const list = values.initContainers;
  if (!Array.isArray(list)) return { ...values };
  return {
    ...values,
    initContainers: list.map((c) => (c && typeof c === 'object' && typeof (c as { image?: unknown }).image === 'string' ? { ...(c as object), image: mirroredReference(registry, (c as { image: string }).image) } : c)),
  };
}
