/**
 * kcm (k0rdent) chart values for airgapped clusters, and what we know of the images the kcm chart
 * deploys (`kcm-images.generated.ts`, from k0rdent/kcm templates/provider/kcm at each tag):
 * - `controller.globalRegistry`: kcm passes it to every provider chart as `global.registry`
 *   (k0rdent/kcm internal/controller/management_controller.go), and the provider templates then
 *   pull their images and components from `<registry>/capi/…` (templates/provider/<p>/templates/provider.yaml);
 * - `controller.templatesRepoURL` (0.2.x: `controller.defaultRegistryURL`): where kcm's Flux pulls
 *   the provider and cluster template charts (templates/provider/kcm/templates/deployment.yaml);
 * - `image.repository`: the kcm controller image (templates/provider/kcm/values.yaml `image`);
 * - the sub-charts kcm enables (flux2, cert-manager, velero): each default image, at the values key
 *   of that sub-chart version (fluxcd-community/helm-charts, cert-manager, vmware-tanzu/helm-charts).
 */
import { airgapImageValues, ChartImage, mirroredImage } from '../config/image-rewrite';
import { KCM_IMAGE_TABLE } from './kcm-images.generated';

/** What the kcm chart of one upstream version deploys. */
export interface KcmImages {
  /** The upstream kcm tag the data comes from. */
  readonly upstreamVersion: string;
  /** Whether `upstreamVersion` is the catalog's version exactly. */
  readonly exact: boolean;
  readonly commit: string;
  readonly controller: { readonly repository: string; readonly tag: string };
  /** The `controller.*` key of the template chart repository: 1.x `templatesRepoURL`, 0.2.x `defaultRegistryURL`. */
  readonly templatesRepoKey: 'templatesRepoURL' | 'defaultRegistryURL';
  readonly templatesRepoURL: string;
  /** Whether the chart has `controller.globalRegistry` (kcm ≥ 1.0; 0.2.x providers take no registry). */
  readonly globalRegistry: boolean;
  readonly subcharts: readonly {
    readonly name: string;
    readonly version: string;
    readonly repository: string;
    readonly enabled: boolean;
    /** Who turns the sub-chart on when its default is off (cluster-api-operator: kcm's Management controller). */
    readonly enabledBy?: string;
    readonly source?: string;
    readonly images?: readonly ChartImage[];
  }[];
  /**
   * The ProviderTemplate and ClusterTemplate charts the kcm-templates chart of this version installs;
   * kcm's Flux pulls each from the templates repository (`<templatesRepoURL>/<chart>:<version>`).
   */
  readonly templates: readonly { readonly kind: string; readonly chart: string; readonly version: string }[];
  /** Provider charts and the images they pull from `global.registry` (paths under it, with tags). */
  readonly providers: readonly KcmProviderImages[];
}

/** The images of one provider chart of a kcm version. */
export interface KcmProviderImages {
  readonly provider: string;
  readonly appVersion: string;
  /** Paths with tags below the registry the chart pulls from (`global.registry` where the chart reads it). */
  readonly images: readonly string[];
  /** The public registry of `images` where the chart names one (projectsveltos: docker.io); absent = not public. */
  readonly sourceRegistry?: string;
  /** Whether the chart composes the images from `global.registry` (kcm passes controller.globalRegistry). */
  readonly usesGlobalRegistry?: boolean;
  /** The upstream files the images are read from. */
  readonly source?: string;
  /**
   * Images the provider's controllers deploy at run time, digest-pinned, below the same registry
   * (Sveltos: sveltos-agent, drift-detection-manager); `tag` is the release they belong to.
   */
  readonly agents?: readonly { readonly image: string; readonly tag: string; readonly source: string }[];
}

function parse(v: string): number[] {
  return v.replace(/^v/, '').replace(/-.*$/, '').split('.').map((n) => Number(n));
}

/**
 * The kcm data of a catalog kcm version: the same version, else the nearest upstream tag of the
 * same major.minor that is not newer in patch (a pre-release such as 0.2.0-alpha4 takes 0.2.0's);
 * `exact` is false then.
 */
export function kcmImages(kcmVersion: string): KcmImages | undefined {
  const table = KCM_IMAGE_TABLE as unknown as Record<string, Omit<KcmImages, 'upstreamVersion' | 'exact'>>;
  const want = parse(kcmVersion);
  const cmp = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  const candidates = Object.keys(table)
    .filter((v) => cmp(parse(v), want) <= 0 && parse(v)[0] === want[0] && parse(v)[1] === want[1])
    .sort((a, b) => cmp(parse(b), parse(a)));
  const version = candidates[0];
  if (!version) return undefined;
  return { ...table[version], upstreamVersion: version, exact: version === kcmVersion.replace(/^v/, '') };
}

/**
 * The kcm controller image of the k0rdent Enterprise chart (the chart MKE installs), without tag: the
 * k0rdent Enterprise docs name `registry.mirantis.com/k0rdent-enterprise/kcm-controller:1.3.0`
 * (docs.mirantis.com/k0rdent-enterprise admin/installation/airgap/airgap-pull-through) and set
 * `image.repository: <registry>/k0rdent-enterprise/kcm-controller` for an airgapped install
 * (admin/installation/airgap/airgap-install). Upstream kcm's is `ghcr.io/k0rdent/kcm/controller`
 * (templates/provider/kcm/values.yaml), which has no tag for Enterprise-only versions such as 1.3.2.
 */
export const ENTERPRISE_KCM_CONTROLLER_IMAGE = 'registry.mirantis.com/k0rdent-enterprise/kcm-controller';

/** Where the kcm controller image goes under the private registry (host replaced, path kept). */
export function kcmControllerTarget(_images: KcmImages, registry: string): string {
  return mirroredImage(registry, ENTERPRISE_KCM_CONTROLLER_IMAGE.replace(/^[^/]*[.:][^/]*\//, ''));
}

/**
 * The kcm chart values of an airgapped cluster: every image and template chart the chart pulls by
 * default comes from the private registries.
 */
export function kcmAirgapValues(kcmVersion: string, imageRegistry: string, chartRegistry: string): Record<string, unknown> {
  const images = kcmImages(kcmVersion);
  const templates = chartRegistry.replace(/\/+$/, '');
  const registry = imageRegistry.replace(/\/+$/, '');
  if (!images) return { controller: { globalRegistry: registry, templatesRepoURL: templates } };
  const values: Record<string, unknown> = {
    controller: { ...(images.globalRegistry ? { globalRegistry: registry } : {}), [images.templatesRepoKey]: templates },
  };
  values.image = { repository: kcmControllerTarget(images, imageRegistry) };
  for (const sub of images.subcharts) {
    if (!sub.enabled || !sub.images?.length) continue;
    // Sub-chart image paths are recorded with the sub-chart name first (`flux2.helmController`).
    Object.assign(values, mergeTop(values, airgapImageValues(sub.images, imageRegistry)));
  }
  return values;
}

function mergeTop(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = cur && typeof cur === 'object' && v && typeof v === 'object' ? mergeTop(cur as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}
