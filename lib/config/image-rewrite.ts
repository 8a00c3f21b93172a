/**
 * Image references under a private registry (airgapped clusters). The rule is k0s' and the Tigera
 * operator's: the registry host is replaced, the path is kept (`quay.io/prometheus/prometheus` →
 * `<registry>/prometheus/prometheus`; Docker Hub `velero/velero` → `<registry>/velero/velero`) —
 * k0s pkg/apis/k0s/v1beta1/images.go `overrideRepository`.
 */

/** Registries on the internet that charts and images default to. */
export const PUBLIC_REGISTRIES = [
  'registry.mirantis.com',
  'quay.io',
  'docker.io',
  'registry-1.docker.io',
  'index.docker.io',
  'ghcr.io',
  'registry.k8s.io',
  'k8s.gcr.io',
  'gcr.io',
  'nvcr.io',
  'public.ecr.aws',
  'mcr.microsoft.com',
] as const;

/**
 * Registry host of an image reference, or '' for a Docker Hub short name: the first path component
 * is a host when it has a `.` or `:` or is `localhost` (distribution/reference normalize.go; k0s
 * pkg/apis/k0s/v1beta1/images.go getHostName).
 */
export function imageHost(ref: string): string {
  const i = ref.indexOf('/');
  if (i < 0) return '';
  const first = ref.slice(0, i);
  return /[.:]/.test(first) || first === 'localhost' ? first : '';
}

/**
 * `ref` (with tag or digest) under `registry` when it is pulled from the internet: a Docker Hub short
 * name or a host of `PUBLIC_REGISTRIES`; the path is kept (`velero/velero-plugin-for-aws:v1.9.0` →
 * `<registry>/velero/velero-plugin-for-aws:v1.9.0`). Other references are returned as they are.
 */
export function mirroredReference(registry: string, ref: string): string {
  const host = imageHost(ref).toLowerCase();
  const reg = registry.replace(/\/+$/, '');
  if (ref.startsWith(`${reg}/`)) return ref;
  if (host && !PUBLIC_REGISTRIES.some((r) => host === r || host.endsWith(`.${r}`))) return ref;
  return mirroredImage(reg, host ? ref.slice(host.length + 1) : ref);
}

/** One default image of a chart version, as its values.yaml names it. */
export interface ChartImage {
  /** Values path of the mapping (or string) that names the image. */
  readonly path: string;
  /** How the mapping names the image (decides which key the rewrite sets). */
  readonly shape: string;
  /** Full source reference without tag (`docker.io/library/busybox` for short Docker Hub names). */
  readonly image: string;
  /** Path kept under the private registry. */
  readonly repoPath: string;
  /** Default tag (from values, else the chart's appVersion). */
  readonly tag: string;
  /** Where the tag comes from: `values`, `appVersion`, `kubeVersion` (the cluster's, `tag` empty), or a release-time substitution. */
  readonly tagFrom: string;
  /** Not deployed with the chart's defaults (under `enabled: false` / `create: false`). */
  readonly optional?: boolean;
  /** The value is not read from a file (release-time substitution). */
  readonly unverified?: boolean;
}

/**
 * The tag a chart deploys `image` with on a cluster of `kubernetesVersion` (`v1.32.3+k0s.0`): the
 * default tag, or the cluster's `major.minor` where the chart takes it from the API server (velero's
 * kubectl image: vmware-tanzu/helm-charts charts/velero/templates/_helpers.tpl "chart.KubernetesVersion").
 */
export function chartImageTag(image: Pick<ChartImage, 'tag' | 'tagFrom'>, kubernetesVersion: string): string {
  return image.tagFrom === 'kubeVersion' ? kubernetesVersion.replace(/^v/, '').split('.').slice(0, 2).join('.') : image.tag;
}

/** Target reference (without tag) of a source image under `registry`. */
export function mirroredImage(registry: string, repoPath: string): string {
  return `${registry.replace(/\/+$/, '')}/${repoPath}`;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/**
 * Helm values that point each default image of `images` at `registry`. Optional images are left
 * alone (their mappings may compose names differently once enabled).
 */
export function airgapImageValues(images: readonly ChartImage[], registry: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const reg = registry.replace(/\/+$/, '');
  for (const i of images) {
    if (i.optional) continue;
    const path = i.path.split('.');
    switch (i.shape) {
      case 'registry+repository':
      case 'registry+image':
        setPath(out, [...path, 'registry'], reg);
        break;
      case 'repository':
        setPath(out, [...path, 'repository'], mirroredImage(reg, i.repoPath));
        break;
      case 'repository+image':
        // gpu-operator: `repository` is the image's namespace, `image` its name.
        setPath(out, [...path, 'repository'], mirroredImage(reg, i.repoPath.slice(0, i.repoPath.lastIndexOf('/'))));
        break;
      case 'image':
        // `path` is the mapping; its `image` key holds the name without tag (flux2, tigera-operator).
        setPath(out, [...path, 'image'], mirroredImage(reg, i.repoPath));
        break;
      case 'string':
        setPath(out, path, `${mirroredImage(reg, i.repoPath)}${i.tag ? `:${i.tag}` : ''}`);
        break;
    }
  }
  return out;
}

/**
 * Bitnami moved every existing Debian-based image, versioned tags included, from docker.io/bitnami
 * to docker.io/bitnamilegacy (effective 2025-08-28) and no longer updates them; docker.io/bitnami
 * keeps no versioned tags, and released charts still name docker.io/bitnami (bitnami/containers
 * issue #83267; maintainers in bitnami/charts PR #36599: "Existing Helm charts are not going to be
 * modified"). Returns the repository (without tag) where `docker.io/bitnami/<name>` is published
 * now, or undefined for any other repository.
 */
export function bitnamiLegacyRepository(image: string): string | undefined {
  const m = /^(?:docker\.io\/)?bitnami\/([^:@/]+)$/.exec(image);
  return m ? `docker.io/bitnamilegacy/${m[1]}` : undefined;
}

/**
 * Helm values that make each image of `images` named `docker.io/bitnami/<name>` come from
 * docker.io/bitnamilegacy, keeping the chart's registry (docker.io) and default tag: every versioned
 * tag was copied there (`bitnamiLegacyRepository`). Other images are left alone.
 */
export function bitnamiLegacyImageValues(images: readonly ChartImage[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const i of images) {
    const moved = bitnamiLegacyRepository(i.image);
    if (i.optional || !moved) continue;
    const path = i.path.split('.');
    switch (i.shape) {
      case 'registry+repository':
        // Bitnami charts: `<registry>/<repository>:<tag>` (bitnami common templates/_images.tpl).
        setPath(out, [...path, 'repository'], moved.slice('docker.io/'.length));
        break;
      case 'repository':
        setPath(out, [...path, 'repository'], moved);
        break;
    }
  }
  return out;
}
