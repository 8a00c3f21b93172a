/**
 * Reading the kcm catalog (kcm-catalog.ts, facts from k0rdent/kcm per tag) for a kcm version: which
 * providers its Release enables by default, which ClusterTemplates it ships, and which kcm providers
 * a ClusterTemplate needs.
 */
import { KCM_CATALOG, type KcmTagCatalog } from './kcm-catalog';

/** The catalog entry that stands for one kcm version. */
export interface KcmCatalogEntry {
  /** kcm tag the facts were read at, e.g. `v1.3.1`. */
  readonly tag: string;
  /** False when the version has no tag of its own in the source and the nearest earlier tag of the same minor line is used. */
  readonly exact: boolean;
  readonly catalog: KcmTagCatalog;
}

function parse(version: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/**
 * The catalog of a kcm version: its own tag, else the newest tag of the same major.minor that is not
 * newer (1.2.3 → v1.2.0, 1.3.2 → v1.3.1, 0.2.0-alpha4 → v0.2.0). `undefined` when none is known.
 */
export function kcmCatalogFor(kcmVersion: string): KcmCatalogEntry | undefined {
  const want = parse(kcmVersion);
  if (!want) return undefined;
  const exactTag = `v${kcmVersion}`;
  if (KCM_CATALOG[exactTag]) return { tag: exactTag, exact: true, catalog: KCM_CATALOG[exactTag] };
  let best: { tag: string; patch: number } | undefined;
  for (const tag of Object.keys(KCM_CATALOG)) {
    const v = parse(tag);
    if (!v || v[0] !== want[0] || v[1] !== want[1] || v[2] > want[2]) continue;
    if (!best || v[2] > best.patch) best = { tag, patch: v[2] };
  }
  if (!best) return undefined;
  // A pre-release of x.y.z (0.2.0-alpha4) is read at tag x.y.z: the nearest published facts.
  return { tag: best.tag, exact: false, catalog: KCM_CATALOG[best.tag] };
}

/** CAPI providers built into kcm itself: nothing to enable (internal/controller/management_controller.go, `infrastructure-internal`). */
const BUILT_IN_CAPI_PROVIDERS = new Set(['infrastructure-internal']);

/**
 * The kcm providers (Management `spec.providers[].name`) a ClusterTemplate needs: for each CAPI
 * provider in its `cluster.x-k8s.io/provider` annotation, the ProviderTemplate chart that exposes
 * it. `undefined` when the catalog does not ship the template. Sorted, without duplicates.
 */
export function providersForClusterTemplate(catalog: KcmTagCatalog, template: string): string[] | undefined {
  const needs = catalog.clusterTemplates[template];
  if (!needs) return undefined;
  const out = new Set<string>();
  for (const capi of needs) {
    if (BUILT_IN_CAPI_PROVIDERS.has(capi)) continue;
    for (const [provider, exposed] of Object.entries(catalog.providers)) if (exposed.includes(capi)) out.add(provider);
  }
  return [...out].sort();
}

/** The `<chart>` part of a ClusterTemplate name `<chart>-<x>-<y>-<z>`, when it has that form. */
export function clusterTemplateChart(template: string): string | undefined {
  return /^(.+?)-\d+-\d+-\d+$/.exec(template)?.[1];
}

/** The templates the catalog ships for one chart (e.g. `aws-standalone-cp` → [`aws-standalone-cp-1-0-12`]). */
export function shippedVersionsOf(catalog: KcmTagCatalog, chart: string): string[] {
  return Object.keys(catalog.clusterTemplates).filter((t) => clusterTemplateChart(t) === chart);
}
