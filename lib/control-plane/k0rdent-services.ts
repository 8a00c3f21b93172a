/**
 * k0rdent delivery (k0rdent mode): the Flux sources, one ServiceTemplate per
 * chart+version, and the MultiClusterService that attaches every added service to the MKE cluster
 * itself. Only fields the target CRD set has are emitted: no `dependsOn`; `provider`
 * only for kcm ≥ 1.3; `valuesFrom[].namespace` only where the CRD has it (≤ 1.2).
 */
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { KubeNamespace } from '../k8s-namespace';
import { Construct } from 'constructs';
import * as k0rdent from '../../imports/k0rdent.mirantis.com';
import { HelmRepository } from '../../imports/source.toolkit.fluxcd.io';
import type { Diagnostic, DiagnosticCode } from '../config/diagnostics';
import { addDiagnosticValidation } from '../construct-diagnostics';
import { contentHashedName, dns1123SubdomainError } from '../k8s-names';
import { K0RDENT_NAMESPACE, MkeRelease, releaseInfo } from '../config/releases';
import type { MkeSpec } from '../config/types';
import { toYaml } from '../output/yaml';
import { airgapImageValues, allowMovedImagesValues, chartImages, deployedImages, initContainerImages, publishedImageValues, withMirroredInitContainers } from '../services/airgap-values';
import { mergeValues, ResolvedChart, ServiceRelease, SUBSTITUTE_DISABLED, SystemService } from '../services/system-service';
import { declarePrerequisites, type Prerequisite } from '../prerequisites';
import { orderServices } from './dependency-graph';
import { PRUNE_DISABLED } from './management';
import { ChartRegistry, helmRepositoryParts, REGISTRY_SOURCE_NAME, repositorySlug } from './flux-sources';

/** The k0rdent system namespace on MKE (not upstream's `kcm-system`, kcm API, github.com/k0rdent/kcm). */
export { K0RDENT_NAMESPACE };
export const MANAGEMENT_CLUSTER_LABEL = 'k0rdent.mirantis.com/management-cluster';
/** The only Secret type Sveltos reads `valuesFrom` (and policyRefs) from (projectsveltos/addon-controller controllers/handlers_utils.go `getSecret`). */
export const SVELTOS_SECRET_TYPE = 'addons.projectsveltos.io/cluster-profile';
/** Namespaces that always exist; never emitted. */
const BUILTIN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** Which charts hold which objects (the numbered files when wired by MkeCluster). */
export interface K0rdentCharts {
  readonly namespaces: Chart;
  readonly sources: Chart;
  readonly templates: Chart;
  readonly services: Chart;
  readonly extras: Chart;
}

export interface K0rdentServicesProps {
  /** MKE release: decides the API version and the fields emitted. */
  readonly release: MkeRelease;
  /**
   * The chart registry of the cluster's system charts. @see mke4.yaml `registries.chartRegistry`
   * @default - `oci://registry.mirantis.com/mke`
   */
  readonly chartRegistry?: ChartRegistry;
  /**
   * Objects MKE must not reconcile back. @see mke4.yaml `driftDetection`
   * @default - none
   */
  readonly driftDetection?: MkeSpec['driftDetection'];
  /**
   * MultiClusterService priority (higher wins a conflict with another MCS or ClusterDeployment).
   * @default 100
   */
  readonly priority?: number;
  /**
   * MultiClusterService name.
   * @default 'mke-system-services'
   */
  readonly name?: string;
  /**
   * Airgapped clusters: the private image registry (`registries.imageRegistry.url`). Each service
   * chart whose default images are known gets values that pull them from there.
   * @default - none: the charts' own image defaults
   */
  readonly imageRegistry?: string;
  /**
   * Charts per output file.
   * @default - every object in the chart this construct lives in
   */
  readonly charts?: K0rdentCharts;
}

/**
 * Base of a ServiceTemplate name: `<chart>-<version with . and + as ->` (kcm's own convention). The
 * emitted name adds the content hash of the spec (`contentHashedName`): the spec is immutable.
 */
export function serviceTemplateName(chart: { name: string; version: string }): string {
  return `${chart.name.split('/').pop()}-${chart.version.replace(/[.+]/g, '-')}`.toLowerCase();
}

interface TemplateChart {
  readonly chart: string;
  readonly version: string;
  readonly interval: string;
  readonly source: string;
}

/** The `spec` of a ServiceTemplate of a chart from a HelmRepository (the same in v1alpha1 and v1beta1). */
function serviceTemplateSpec(c: TemplateChart): Record<string, unknown> {
  return { helm: { chartSpec: { chart: c.chart, version: c.version, interval: c.interval, sourceRef: { kind: 'HelmRepository', name: c.source } } } };
}

/** Leaf key paths of Helm values (`config.localDnsIp`, `resources.requests.cpu`), lists as leaves. */
export function valueKeyPaths(values: Readonly<Record<string, unknown>>, prefix = ''): string[] {
  return Object.entries(values).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length ? valueKeyPaths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

interface Entry extends ServiceRelease {
  readonly templateName: string;
}

export class K0rdentServices extends Construct {
  readonly release: MkeRelease;
  readonly apiVersion: string;
  /** MKE 4.1.0's kcm 0.2.x: the `V1Alpha1` L1 classes. */
  private readonly v1alpha1: boolean;
  private readonly charts: K0rdentCharts;
  private readonly registry: ChartRegistry;
  private readonly imageRegistry?: string;
  private readonly entries: Entry[] = [];
  /** ServiceTemplate name → its source. */
  private readonly templates = new Map<string, string>();
  private readonly sources = new Map<string, string>();
  private readonly namespaces = new Set<string>();
  private readonly unverified: ResolvedChart[] = [];
  private readonly notes: Diagnostic[] = [];
  private readonly problems: { code: DiagnosticCode; message: string }[] = [];
  private readonly services: SystemService[] = [];

  constructor(scope: Construct, id: string, props: K0rdentServicesProps) {
    super(scope, id);
    const info = releaseInfo(props.release);
    if (!info.k0rdentApiVersion) throw new Error(`MKE ${props.release} has no k0rdent (4.0 uses the Blueprint Operator)`);
    this.release = props.release;
    this.apiVersion = `k0rdent.mirantis.com/${info.k0rdentApiVersion}`;
    this.v1alpha1 = info.k0rdentApiVersion === 'v1alpha1';
    const own = Chart.of(this);
    this.charts = props.charts ?? { namespaces: own, sources: own, templates: own, services: own, extras: own };
    this.registry = props.chartRegistry ?? { url: 'oci://registry.mirantis.com/mke' };
    this.imageRegistry = props.imageRegistry;
    // kcm's own namespace (the k0sctl helm extension installs kcm into it): never pruned by Flux.
    this.addNamespace(K0RDENT_NAMESPACE, PRUNE_DISABLED);

    const drift = props.driftDetection;
    const metadata = { name: props.name ?? 'mke-system-services', annotations: { ...SUBSTITUTE_DISABLED } };
    // Always a non-empty selector: on kcm 1.3–1.8 an empty one matches every ClusterDeployment too
    // (fixed in k0rdent/kcm v1.9.0, PR #2630 "don't use empty selector when matching CD").
    const clusterSelector = { matchLabels: { [MANAGEMENT_CLUSTER_LABEL]: 'true' } };
    const common = {
      priority: props.priority ?? 100,
      driftIgnore: drift?.driftIgnore?.length ? drift.driftIgnore.map((target) => ({ ...target })) : undefined,
      driftExclusions: drift?.driftExclusions?.length ? drift.driftExclusions.map((e) => ({ paths: [...e.paths], target: e.target && { ...e.target } })) : undefined,
      services: Lazy.any({ produce: () => this.renderServices() }),
    };
    // MKE keeps system services under drift detection: its docs' `driftDetection` section
    // (docs.mirantis.com/mke4k, driftIgnore/driftExclusions) configures exactly Sveltos' drift fields.
    if (this.v1alpha1) {
      new k0rdent.MultiClusterServiceV1Alpha1(this.charts.services, 'multi-cluster-service', {
        metadata,
        spec: { clusterSelector, serviceSpec: { ...common, syncMode: k0rdent.MultiClusterServiceV1Alpha1SpecServiceSpecSyncMode.CONTINUOUS_WITH_DRIFT_DETECTION } },
      });
    } else {
      new k0rdent.MultiClusterService(this.charts.services, 'multi-cluster-service', {
        metadata,
        spec: {
          clusterSelector,
          serviceSpec: {
            ...common,
            provider: info.selfManagement ? { selfManagement: true } : undefined,
            syncMode: k0rdent.MultiClusterServiceSpecServiceSpecSyncMode.CONTINUOUS_WITH_DRIFT_DETECTION,
          },
        },
      });
    }
    declarePrerequisites(this, () => this.prerequisites());
    addDiagnosticValidation(this, () =>
      [...this.problems, ...orderServices(this.entries).problems].map((p) => ({ ...p, severity: 'error' as const, path: this.node.path })),
    );
  }

  /**
   * Adds a service: its sources, templates, namespaces and extra objects, and its MCS entries.
   * Returns the warnings of this service alone (delivery limits, unverified charts).
   */
  addService(service: SystemService): Diagnostic[] {
    this.services.push(service);
    const unverifiedBefore = this.unverified.length;
    for (const release of service.toReleases()) this.addRelease(release);
    service.k0rdentObjects().forEach((obj, i) => {
      const meta = (obj.metadata ?? {}) as Record<string, unknown>;
      new ApiObject(this.charts.extras, `${service.node.id}-${i}-${String(obj.kind).toLowerCase()}`, {
        ...obj,
        apiVersion: String(obj.apiVersion),
        kind: String(obj.kind),
        metadata: { ...meta, annotations: { ...((meta.annotations as Record<string, string>) ?? {}), ...SUBSTITUTE_DISABLED } },
      });
      if (typeof meta.namespace === 'string') this.addNamespace(meta.namespace);
    });
    const notes = service.k0rdentWarnings();
    this.notes.push(...notes);
    const fresh = this.unverified.slice(unverifiedBefore);
    return fresh.length ? [...notes, this.unverifiedWarning(fresh)] : notes;
  }

  /**
   * What the k0rdent objects refer to and the user creates: the registry credentials Secret, each
   * `valuesFrom` Secret, ServiceTemplates named by user services, and each service's own.
   */
  prerequisites(): Prerequisite[] {
    const out: Prerequisite[] = [];
    if (this.registry.credentialsSecretName) {
      out.push({
        kind: 'Secret',
        namespace: K0RDENT_NAMESPACE,
        name: this.registry.credentialsSecretName,
        why: `HelmRepository ${REGISTRY_SOURCE_NAME} spec.secretRef (registries.chartRegistry.credentialsSecretName)`,
        // Flux source-controller reads `username`/`password` of the secretRef (HelmRepository docs), or a dockerconfigjson for OCI.
        how: `kubectl -n ${K0RDENT_NAMESPACE} create secret docker-registry ${this.registry.credentialsSecretName} --docker-server=<registry host> --docker-username=<user> --docker-password=<password>`,
      });
    }
    for (const r of this.orderedReleases()) {
      if (r.valuesFromSecret) {
        out.push({
          kind: 'Secret',
          namespace: K0RDENT_NAMESPACE,
          name: r.valuesFromSecret,
          why: `MultiClusterService service ${r.name} valuesFrom (secret Helm values)`,
          // Sveltos, which installs the chart, reads a valuesFrom Secret only of its type (projectsveltos/addon-controller
          // v0.57.2, the version kcm 1.2/1.3 ship, controllers/handlers_utils.go `getSecret`: ErrSecretTypeNotSupported otherwise).
          how: `kubectl -n ${K0RDENT_NAMESPACE} create secret generic ${r.valuesFromSecret} --type=${SVELTOS_SECRET_TYPE} --from-file=values.yaml=<file with the secret Helm values>`,
        });
      }
      if (!r.chart && r.template) {
        out.push({
          kind: 'ServiceTemplate',
          apiVersion: this.apiVersion,
          namespace: K0RDENT_NAMESPACE,
          name: r.template,
          why: `MultiClusterService service ${r.name} template`,
          how: `a ServiceTemplate named ${r.template} in namespace ${K0RDENT_NAMESPACE} (e.g. installed from the k0rdent catalog); check with kubectl -n ${K0RDENT_NAMESPACE} get servicetemplate ${r.template}`,
        });
      }
    }
    for (const service of this.services) out.push(...service.prerequisites());
    return out;
  }

  /** Warnings: what cannot be delivered, then one `unverified-chart` listing every unverified chart. */
  warnings(): Diagnostic[] {
    return this.unverified.length ? [...this.notes, this.unverifiedWarning(this.unverified)] : [...this.notes];
  }

  private unverifiedWarning(charts: readonly ResolvedChart[]): Diagnostic {
    // Name the value keys too: for a chart no public source has, they are as much a guess as its coordinates.
    const keys = (c: ResolvedChart) => {
      const paths = [...new Set(this.entries.filter((e) => e.chart?.name === c.name && e.chart.version === c.version).flatMap((e) => valueKeyPaths(e.values)))];
      return paths.length ? `values ${paths.join(', ')}` : 'no values';
    };
    const list = charts.map((c) => `${c.name}:${c.version} (${c.repository ?? this.registry.url}; ${c.source}; ${keys(c)})`).join(', ');
    return {
      code: 'unverified-chart',
      severity: 'warning',
      path: 'spec',
      message: `MKE ${this.release}: no public source confirms these chart coordinates: ${list}`,
      hint: 'check them against your registry and set the service `chart: {name, version, repository}` override',
    };
  }

  /** The release entries in MCS order (dependencies first). */
  orderedReleases(): ServiceRelease[] {
    return orderServices(this.entries).ordered;
  }

  private addRelease(given: ServiceRelease): void {
    const release = this.imageRegistry ? withMirroredImages(given, this.imageRegistry) : withPublishedImages(given);
    let templateName = release.template ?? '';
    if (release.chart) {
      const chart = release.chart;
      const source = this.sourceFor(chart.repository);
      const chartSpec = { chart: chart.name.split('/').pop() ?? chart.name, version: chart.version, interval: '10m0s', source };
      templateName = contentHashedName(serviceTemplateName(chart), serviceTemplateSpec(chartSpec));
      if (!this.templates.has(templateName)) {
        this.templates.set(templateName, source);
        const nameError = dns1123SubdomainError(templateName);
        if (nameError) this.problems.push({ code: 'invalid-name', message: `ServiceTemplate name ${templateName} ${nameError}` });
        this.addServiceTemplate(templateName, chartSpec);
        if (!chart.verified && !this.unverified.some((c) => c.name === chart.name && c.version === chart.version)) this.unverified.push(chart);
      }
    }
    this.addNamespace(release.namespace);
    this.entries.push({ ...release, templateName });
  }

  private sourceFor(repository: string | undefined): string {
    const url = (repository ?? this.registry.url).replace(/\/+$/, '');
    const known = this.sources.get(url);
    if (known) return known;
    const isRegistry = url === this.registry.url.replace(/\/+$/, '');
    let name = isRegistry ? REGISTRY_SOURCE_NAME : repositorySlug(url);
    const taken = new Set(this.sources.values());
    for (let n = 2; taken.has(name); n++) name = `${repositorySlug(url).slice(0, 60)}-${n}`;
    this.sources.set(url, name);
    const parts = helmRepositoryParts(name, K0RDENT_NAMESPACE, isRegistry ? { ...this.registry, url } : { url });
    if (parts.caSecret) {
      const secret = parts.caSecret;
      new ApiObject(this.charts.sources, `secret-${(secret.metadata as { name: string }).name}`, { ...secret, apiVersion: String(secret.apiVersion), kind: String(secret.kind) });
    }
    new HelmRepository(this.charts.sources, `helmrepository-${name}`, parts.repository);
    return name;
  }

  /** A ServiceTemplate of a chart from a HelmRepository in the k0rdent namespace. */
  private addServiceTemplate(name: string, chart: TemplateChart): void {
    const id = `template-${name}`;
    const metadata = { name, namespace: K0RDENT_NAMESPACE, annotations: { ...SUBSTITUTE_DISABLED } };
    const spec = serviceTemplateSpec(chart);
    if (this.v1alpha1) new k0rdent.ServiceTemplateV1Alpha1(this.charts.templates, id, { metadata, spec: spec as k0rdent.ServiceTemplateV1Alpha1Spec });
    else new k0rdent.ServiceTemplate(this.charts.templates, id, { metadata, spec: spec as k0rdent.ServiceTemplateSpec });
  }

  private addNamespace(name: string, annotations: Readonly<Record<string, string>> = {}): void {
    if (BUILTIN_NAMESPACES.has(name) || this.namespaces.has(name)) return;
    this.namespaces.add(name);
    new KubeNamespace(this.charts.namespaces, `namespace-${name}`, { metadata: { name, annotations: { ...SUBSTITUTE_DISABLED, ...annotations } } });
  }

  private renderServices(): Record<string, unknown>[] {
    const withNamespace = releaseInfo(this.release).k0rdentCrdSet !== 'v1.3.1';
    return this.orderedReleases().map((r) => {
      const entry = r as Entry;
      return {
        template: entry.templateName,
        name: r.name,
        namespace: r.namespace,
        ...(Object.keys(r.values).length ? { values: toYaml(r.values) } : {}),
        ...(r.valuesFromSecret
          ? { valuesFrom: [{ kind: 'Secret', name: r.valuesFromSecret, ...(withNamespace ? { namespace: K0RDENT_NAMESPACE } : {}) }] }
          : {}),
      };
    });
  }
}

/**
 * A release whose chart's default images (known per chart version) come from `registry`; the
 * service's own values win over the rewrite.
 */
function withMirroredImages(release: ServiceRelease, registry: string): ServiceRelease {
  // Images the service's own values add (the velero plugin init container): host replaced, path kept.
  const values = initContainerImages(release.values).length ? withMirroredInitContainers(release.values, registry) : release.values;
  const known = release.chart && chartImages(release.chart.name.split('/').pop() ?? release.chart.name, release.chart.version);
  if (!known) return values === release.values ? release : { ...release, values };
  const overlay = airgapImageValues(deployedImages(known, values), registry);
  if (!Object.keys(overlay).length) return values === release.values ? release : { ...release, values };
  // A Bitnami chart that checks its images fails to render once they come from another registry.
  return { ...release, values: mergeValues({ ...overlay, ...allowMovedImagesValues(known.chart, known.version) }, values) as Record<string, unknown> };
}

/**
 * A release with internet access: its chart's default images that Bitnami no longer publishes
 * under the name the chart gives (docker.io/bitnami, moved to docker.io/bitnamilegacy in 2025:
 * bitnami/containers#83267) come from docker.io/bitnamilegacy with the chart's tag; the service's
 * own values win.
 */
function withPublishedImages(release: ServiceRelease): ServiceRelease {
  const known = release.chart && chartImages(release.chart.name.split('/').pop() ?? release.chart.name, release.chart.version);
  if (!known) return release;
  const overlay = publishedImageValues(known, release.values);
  if (!Object.keys(overlay).length) return release;
  return { ...release, values: mergeValues(overlay, release.values) as Record<string, unknown> };
}
