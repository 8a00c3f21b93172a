/**
 * Synth-time checks of a cluster folder as a whole, over the objects as written:
 *
 * - **Apply staging** (`apply-staging`): Flux applies one kustomization as one batch. fluxcd/pkg
 *   ssa/manager_apply.go `ApplyAllStaged` applies CRDs, ClusterRoles and Namespaces first, then
 *   `*Class` kinds, then dry-runs and applies everything else with `ApplyAll`; a kind whose CRD does
 *   not exist yet fails the dry run, and with it the whole batch. So no object under `manifests/` may
 *   need a CRD that a chart installed by that same batch (the MultiClusterService, the MkeConfig)
 *   brings: such objects belong in `extras/`, its own kustomization applied later. Likewise the
 *   MkeConfig, whose CRD the mke-operator provider brings once `Management kcm` lists it: never in
 *   the Management's batch (it goes to `services/`).
 * - **Reference closure** (`reference-unresolved`): every Namespace, Secret, ConfigMap, CRD and
 *   k0rdent/Flux object an object names is in the folder, exists once `k0sctl apply` has run, or is
 *   a declared prerequisite.
 */
import type { Diagnostic } from '../config/diagnostics';
import { K0RDENT_NAMESPACE } from '../config/releases';
import { prerequisiteKey, type Prerequisite } from '../prerequisites';

/** One written object and the file it is in (relative to the cluster folder). */
export interface PlacedObject {
  readonly file: string;
  readonly object: Record<string, unknown>;
}

/** Namespaces every Kubernetes cluster has. */
const BUILTIN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** API groups served by Kubernetes itself (no CRD). */
const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'rbac.authorization.k8s.io', 'networking.k8s.io', 'storage.k8s.io',
  'apiextensions.k8s.io', 'admissionregistration.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io',
  'discovery.k8s.io', 'certificates.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io', 'apiregistration.k8s.io',
  'resource.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io',
]);

/**
 * API groups whose CRDs exist once `k0sctl apply` has run, before any manifest is applied:
 * k0s's own (autopilot, helm extensions), the CNI chart's (Tigera operator, Calico), and the kcm
 * chart's — its CRDs plus its `flux2` and `cert-manager` sub-charts (k0rdent/kcm
 * templates/provider/kcm/Chart.yaml `dependencies`). Not `mke.mirantis.com` (the MkeConfig): its
 * CRD comes with the mke-operator provider (`OPERATOR_CRD_GROUP`).
 */
const BOOTSTRAP_GROUPS = new Set([
  'k0rdent.mirantis.com', 'source.toolkit.fluxcd.io', 'helm.toolkit.fluxcd.io', 'cert-manager.io', 'acme.cert-manager.io',
  'autopilot.k0sproject.io', 'helm.k0sproject.io', 'operator.tigera.io', 'crd.projectcalico.org', 'projectcalico.org',
]);

/**
 * The MkeConfig's API group. Its CRD comes with mke-operator, which kcm installs as a provider once
 * `Management kcm` lists `mke-operator` (kcm installs a provider's chart, CRDs included, only for
 * the providers of `Management.spec.providers`, besides kcm and CAPI: k0rdent/kcm v1.3.1
 * internal/controller/management_controller.go `getWrappedComponents`).
 */
export const OPERATOR_CRD_GROUP = 'mke.mirantis.com';
/** The kcm provider that brings `OPERATOR_CRD_GROUP`. */
export const OPERATOR_PROVIDER = 'mke-operator';

/** Whether `object` is a `Management` that lists the mke-operator provider. */
function installsOperator(object: Record<string, unknown>): boolean {
  return object.kind === 'Management' && list(rec(object.spec).providers).some((p) => p.name === OPERATOR_PROVIDER);
}

/**
 * API groups whose CRDs a system service's chart installs, and the charts (ServiceTemplate
 * `chartSpec.chart`) that bring them: envoyproxy/gateway charts/gateway-helm (Gateway API and Envoy
 * Gateway CRDs), metallb/metallb charts/metallb (crds sub-chart), kube-prometheus-stack (crds
 * sub-chart), velero (crds/), gatekeeper, gpu-operator, node-feature-discovery,
 * secrets-store-csi-driver; Multus NetworkAttachmentDefinitions come with the multus chart.
 */
export const CHART_CRD_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'gateway.networking.k8s.io': ['gateway-helm'],
  'gateway.envoyproxy.io': ['gateway-helm'],
  'metallb.io': ['metallb'],
  'k8s.cni.cncf.io': ['multus'],
  'monitoring.coreos.com': ['kube-prometheus-stack'],
  'velero.io': ['velero'],
  'templates.gatekeeper.sh': ['gatekeeper'],
  'config.gatekeeper.sh': ['gatekeeper'],
  'constraints.gatekeeper.sh': ['gatekeeper'],
  'mutations.gatekeeper.sh': ['gatekeeper'],
  'nvidia.com': ['gpu-operator'],
  'nfd.k8s-sigs.io': ['node-feature-discovery', 'gpu-operator'],
  'secrets-store.csi.x-k8s.io': ['secrets-store-csi-driver'],
};

function groupOf(apiVersion: unknown): string {
  const v = String(apiVersion ?? '');
  return v.includes('/') ? v.slice(0, v.indexOf('/')) : '';
}

function meta(o: Record<string, unknown>): { name: string; namespace?: string } {
  const m = (o.metadata ?? {}) as Record<string, unknown>;
  return { name: String(m.name ?? ''), namespace: typeof m.namespace === 'string' ? m.namespace : undefined };
}

function describe(o: Record<string, unknown>): string {
  const m = meta(o);
  return `${String(o.kind)} ${m.namespace ? `${m.namespace}/` : ''}${m.name}`;
}

function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : '';
}

/**
 * `apply-staging` errors: objects outside `extras/` whose CRD a service's chart installs; and a
 * MultiClusterService or ClusterDeployment in the same folder (the same Flux batch) as a
 * ServiceTemplate or Credential it names. kcm's webhooks refuse it until the template exists and is
 * `status.valid` (k0rdent/kcm v1.3.1 internal/utils/validation/services.go `ServicesHaveValidTemplates`,
 * the MultiClusterService webhook up to kcm 1.4) or the Credential is `status.ready`
 * (internal/utils/validation/cd.go `ClusterDeployCredential`); the webhooks declare
 * `sideEffects: None`, so Flux's dry run of the batch (fluxcd/pkg ssa/manager_apply.go `ApplyAll`,
 * every object before any is applied) fails and the templates are never created.
 */
export function applyStagingProblems(objects: readonly PlacedObject[], clusterName: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const placedAt = new Map<string, string>();
  for (const { file, object } of objects) {
    const m = meta(object);
    if (object.kind === 'ServiceTemplate' || object.kind === 'Credential') placedAt.set(`${String(object.kind)}/${m.namespace ?? ''}/${m.name}`, folderOf(file));
  }
  for (const { file, object } of objects) {
    if (object.kind !== 'MultiClusterService' && object.kind !== 'ClusterDeployment') continue;
    const m = meta(object);
    // An MCS names templates of the system namespace, a ClusterDeployment those of its own (as referencesOf).
    const home = object.kind === 'ClusterDeployment' ? (m.namespace ?? '') : K0RDENT_NAMESPACE;
    const spec = rec(object.spec);
    const named = [
      ...list(rec(spec.serviceSpec).services).map((s) => `ServiceTemplate/${home}/${String(s.template ?? '')}`),
      ...(object.kind === 'ClusterDeployment' && typeof spec.credential === 'string' ? [`Credential/${home}/${spec.credential}`] : []),
    ];
    const together = [...new Set(named.filter((k) => placedAt.get(k) === folderOf(file)))];
    if (!together.length) continue;
    out.push({
      code: 'apply-staging',
      severity: 'error',
      path: `${clusterName}/${file}`,
      message: `${describe(object)} is in the same kustomization as ${together.map((k) => k.split('/').filter(Boolean).join(' ')).join(', ')}: kcm's admission webhook refuses it until they exist and are valid, so Flux's dry run of the batch fails and nothing in it is ever applied`,
      hint: 'keep MultiClusterServices and ClusterDeployments in a folder applied after the one with their ServiceTemplates and Credentials',
    });
  }
  const managementFolders = new Set(objects.filter((p) => installsOperator(p.object)).map((p) => folderOf(p.file)));
  for (const { file, object } of objects) {
    if (groupOf(object.apiVersion) !== OPERATOR_CRD_GROUP || !managementFolders.has(folderOf(file))) continue;
    out.push({
      code: 'apply-staging',
      severity: 'error',
      path: `${clusterName}/${file}`,
      message: `${describe(object)} is in the same kustomization as Management kcm, which installs the mke-operator provider that brings its CRD: Flux's dry run of the batch fails on a fresh cluster and Management kcm is never applied`,
      hint: 'keep the MkeConfig in a folder applied after the one with Management kcm (the 40-mke-config chart is written to services/)',
    });
  }
  for (const { file, object } of objects) {
    if (folderOf(file) === 'extras') continue;
    const charts = CHART_CRD_GROUPS[groupOf(object.apiVersion)];
    if (!charts) continue;
    out.push({
      code: 'apply-staging',
      severity: 'error',
      path: `${clusterName}/${file}`,
      message: `${describe(object)} needs a CRD that chart ${charts.join(' or ')} installs; in a kustomization applied before or with that chart's installer, Flux's dry run of the batch fails on a fresh cluster and nothing is applied`,
      hint: 'create the object in the 50-extras chart (written to extras/, applied after the services are up)',
    });
  }
  return out;
}

interface Reference {
  readonly from: PlacedObject;
  readonly field: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function list(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.map(rec) : [];
}

/** The object references each kind we write carries (field paths of the upstream APIs). */
function referencesOf(placed: PlacedObject): Reference[] {
  const o = placed.object;
  const m = meta(o);
  const spec = rec(o.spec);
  const out: Reference[] = [];
  const ref = (field: string, kind: string, name: unknown, namespace: string | undefined) => {
    if (typeof name === 'string' && name) out.push({ from: placed, field, kind, name, namespace });
  };
  if (m.namespace) ref('metadata.namespace', 'Namespace', m.namespace, undefined);
  switch (o.kind) {
    case 'HelmRepository':
      ref('spec.secretRef', 'Secret', rec(spec.secretRef).name, m.namespace);
      ref('spec.certSecretRef', 'Secret', rec(spec.certSecretRef).name, m.namespace);
      break;
    case 'ServiceTemplate': {
      const sourceRef = rec(rec(rec(spec.helm).chartSpec).sourceRef);
      ref('spec.helm.chartSpec.sourceRef', String(sourceRef.kind ?? 'HelmRepository'), sourceRef.name, m.namespace);
      break;
    }
    case 'MultiClusterService':
    case 'ClusterDeployment': {
      // An MCS resolves templates and valuesFrom in the system namespace, a ClusterDeployment in its own
      // (k0rdent/kcm v1.3.1 internal/utils/validation/services.go `ServicesHaveValidTemplates`: the
      // MultiClusterService webhook passes the system namespace, the ClusterDeployment webhook its own).
      const home = o.kind === 'ClusterDeployment' ? m.namespace : K0RDENT_NAMESPACE;
      list(rec(spec.serviceSpec).services).forEach((s, i) => {
        ref(`spec.serviceSpec.services[${i}].template`, 'ServiceTemplate', s.template, home);
        list(s.valuesFrom).forEach((v, j) => ref(`spec.serviceSpec.services[${i}].valuesFrom[${j}]`, String(v.kind ?? 'Secret'), v.name, typeof v.namespace === 'string' ? v.namespace : home));
      });
      if (o.kind === 'ClusterDeployment') ref('spec.credential', 'Credential', spec.credential, m.namespace);
      break;
    }
    case 'Credential': {
      const identity = rec(spec.identityRef);
      ref('spec.identityRef', String(identity.kind ?? ''), identity.name, typeof identity.namespace === 'string' ? identity.namespace : undefined);
      break;
    }
    case 'Gateway':
      list(spec.listeners).forEach((l, i) =>
        list(rec(l.tls).certificateRefs).forEach((c, j) => ref(`spec.listeners[${i}].tls.certificateRefs[${j}]`, String(c.kind ?? 'Secret'), c.name, typeof c.namespace === 'string' ? c.namespace : m.namespace)),
      );
      break;
    case 'GatewayClass': {
      const p = rec(spec.parametersRef);
      ref('spec.parametersRef', String(p.kind ?? ''), p.name, typeof p.namespace === 'string' ? p.namespace : undefined);
      break;
    }
    case 'Ingress':
      list(spec.tls).forEach((t, i) => ref(`spec.tls[${i}].secretName`, 'Secret', t.secretName, m.namespace));
      break;
    default:
      break;
  }
  return out;
}

/** Cluster-scoped kinds among those we reference: their namespace is ignored when matching. */
const CLUSTER_SCOPED = new Set(['Namespace', 'AWSClusterStaticIdentity', 'AWSClusterRoleIdentity', 'AWSClusterControllerIdentity', 'CustomResourceDefinition']);

function key(kind: string, namespace: string | undefined, name: string): string {
  return prerequisiteKey({ kind, namespace: CLUSTER_SCOPED.has(kind) ? undefined : namespace, name });
}

export interface ReferenceContext {
  /** Objects of the folder (manifests and extras). */
  readonly objects: readonly PlacedObject[];
  /** Declared prerequisites of the folder. */
  readonly prerequisites: readonly Prerequisite[];
  /** Namespaces that exist before the folder is applied (besides Kubernetes' own). */
  readonly namespaces?: readonly string[];
  /** Folder name, for the diagnostic path. */
  readonly clusterName: string;
}

/** `reference-unresolved` errors: references that resolve to nothing in the folder, the bootstrap or the prerequisites. */
export function referenceProblems(ctx: ReferenceContext): Diagnostic[] {
  const present = new Set<string>();
  for (const { object } of ctx.objects) {
    const m = meta(object);
    present.add(key(String(object.kind), m.namespace, m.name));
  }
  for (const p of ctx.prerequisites) present.add(key(p.kind, p.namespace, p.name));
  for (const n of [...BUILTIN_NAMESPACES, ...(ctx.namespaces ?? [])]) present.add(key('Namespace', undefined, n));
  // Charts the folder installs through ServiceTemplates: their CRDs exist after the services are up.
  const installed = new Set(ctx.objects.filter((p) => p.object.kind === 'ServiceTemplate').map((p) => String(rec(rec(rec(p.object.spec).helm).chartSpec).chart ?? '')));
  const operatorMode = ctx.objects.some((p) => p.object.kind === 'MkeConfig');
  const operatorInstalled = ctx.objects.some((p) => installsOperator(p.object));
  const crdPrerequisites = ctx.prerequisites.filter((p) => p.kind === 'CustomResourceDefinition').map((p) => p.name);

  const out: Diagnostic[] = [];
  const fail = (placed: PlacedObject, message: string, hint: string) =>
    out.push({ code: 'reference-unresolved', severity: 'error', path: `${ctx.clusterName}/${placed.file}`, message: `${describe(placed.object)}: ${message}`, hint });
  for (const placed of ctx.objects) {
    const group = groupOf(placed.object.apiVersion);
    if (group === OPERATOR_CRD_GROUP) {
      const declared = crdPrerequisites.some((n) => n.endsWith(`.${group}`));
      if (!operatorInstalled && !declared) {
        fail(
          placed,
          `its CRD (group ${group}) comes with the ${OPERATOR_PROVIDER} provider, which no Management kcm in the output lists`,
          `keep ${OPERATOR_PROVIDER} among Management kcm's providers (operator delivery), or declare the CRD as a prerequisite`,
        );
      }
    } else if (!BUILTIN_GROUPS.has(group) && !BOOTSTRAP_GROUPS.has(group)) {
      const charts = CHART_CRD_GROUPS[group];
      const byChart = charts && (operatorMode || charts.some((c) => installed.has(c)));
      const declared = crdPrerequisites.some((n) => n === group || n.endsWith(`.${group}`));
      if (!byChart && !declared) {
        fail(
          placed,
          charts ? `its CRD (group ${group}) comes with chart ${charts.join(' or ')}, which this output does not install` : `nothing in the output or the bootstrap installs its CRD (group ${group})`,
          charts ? `enable the service that installs ${charts.join(' or ')}, or declare the CRD as a prerequisite` : `declare a prerequisite { kind: 'CustomResourceDefinition', name: '<plural>.${group}', … } saying how it is installed`,
        );
      }
    }
    for (const r of referencesOf(placed)) {
      if (present.has(key(r.kind, r.namespace, r.name))) continue;
      fail(
        placed,
        `${r.field} names ${r.kind} ${r.namespace && !CLUSTER_SCOPED.has(r.kind) ? `${r.namespace}/` : ''}${r.name}, which is neither in the output nor a declared prerequisite`,
        `add the ${r.kind} to the output, or declare it as a prerequisite (declarePrerequisites) with how to create it`,
      );
    }
  }
  return out;
}

/** `prerequisites.yaml`: what the user creates before applying the folder, with why and how. */
export function prerequisitesDocument(prerequisites: readonly Prerequisite[]): Record<string, unknown> {
  return {
    prerequisites: prerequisites.map((p) => ({
      kind: p.kind,
      ...(p.apiVersion ? { apiVersion: p.apiVersion } : {}),
      ...(p.namespace ? { namespace: p.namespace } : {}),
      name: p.name,
      why: p.why,
      how: p.how,
    })),
  };
}
