/**
 * The layout of a management cluster's folder: its numbered manifest files, and the delivery modes
 * that fill them. Below the cluster and the control plane, which both use it.
 */

/**
 * How system services reach the cluster: `operator` (the MkeConfig for mke-operator) or `k0rdent`
 * (ServiceTemplates + MultiClusterService, no operator).
 */
export type Delivery = 'operator' | 'k0rdent';

/** The numbered manifest files, in apply order. */
export const MANIFEST_FILES = ['00-namespaces', '10-sources', '15-management', '20-templates', '30-services', '40-mke-config', '50-extras'] as const;
export type ManifestFile = (typeof MANIFEST_FILES)[number];

/**
 * The kinds kcm's admission webhooks check against other objects when they are created or updated:
 * a MultiClusterService (kcm ≤ 1.4) or a ClusterDeployment is refused unless every ServiceTemplate it
 * names exists and is `status.valid` (k0rdent/kcm v1.3.1 internal/webhook/multiclusterservice_webhook.go
 * and clusterdeployment_webhook.go → internal/utils/validation/services.go `ServicesHaveValidTemplates`).
 * The webhooks have `sideEffects: None`, so Flux's server-side dry run calls them too.
 */
export const KCM_WEBHOOK_CHECKED_KINDS: readonly string[] = ['MultiClusterService', 'ClusterDeployment'];

/**
 * The folder a manifest file is written to; each folder is its own kustomization (its own Flux
 * batch), applied in the order manifests/ → services/ → extras/:
 * - `extras/`: objects whose CRDs the services' charts install (Flux dry-runs a whole batch first).
 * - `services/`: `30-services` when it holds a MultiClusterService or ClusterDeployment. kcm refuses
 *   one whose ServiceTemplates do not exist or are not yet valid, and Flux dry-runs every object of a
 *   batch before it applies any (fluxcd/pkg ssa/manager_apply.go `ApplyAll`), so in the batch that
 *   creates the templates nothing at all would ever be applied. Also `40-mke-config`: the MkeConfig's
 *   CRD comes with mke-operator, a kcm provider that kcm installs only once `Management kcm` (in
 *   `manifests/`) lists it, so in the Management's batch the MkeConfig fails the dry run on a fresh
 *   cluster and the Management that would install its CRD is never applied.
 * - `manifests/`: everything else, `15-management` (`Management kcm`) included, in both delivery modes
 *   and with a fleet (whose MultiClusterServices put `30-services` in `services/`).
 */
export function folderOfFile(file: ManifestFile | string, objects: readonly Record<string, unknown>[]): 'manifests' | 'services' | 'extras' {
  if (file === '50-extras') return 'extras';
  if (file === '40-mke-config') return 'services';
  if (file === '30-services' && objects.some((o) => KCM_WEBHOOK_CHECKED_KINDS.includes(String(o.kind)))) return 'services';
  return 'manifests';
}

/** The folders of a cluster, in apply order. */
export const CLUSTER_FOLDERS = ['manifests', 'services', 'extras'] as const;
