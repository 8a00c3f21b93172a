/**
 * k0rdent delivery (DECISIONS 3, k0rdent mode): the Flux sources, one ServiceTemplate per
 * chart+version, and the MultiClusterService that attaches every added service to the MKE cluster
 * itself. Only fields the target CRD set has are emitted (DECISIONS 4): no `dependsOn`; `provider`
 * only for kcm ≥ 1.3; `valuesFrom[].namespace` only where the CRD has it (≤ 1.2).
 */
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type { Diagnostic } from '../config/diagnostics';
import { MkeRelease, releaseInfo } from '../config/releases';
import type { MkeSpec } from '../config/types';
import { toYaml } from '../output/yaml';
import { ResolvedChart, ServiceRelease, SUBSTITUTE_DISABLED, SystemService } from '../services/system-service';
import { orderServices } from './dependency-graph';
import { ChartRegistry, helmRepositoryObjects, REGISTRY_SOURCE_NAME, repositorySlug } from './flux-sources';

/** The k0rdent system namespace on MKE (not upstream's `kcm-system`, k0rdent-reference §1). */
export const K0RDENT_NAMESPACE = 'k0rdent';
export const MANAGEMENT_CLUSTER_LABEL = 'k0rdent.mirantis.com/management-cluster';
/** Namespaces that always exist; never emitted. */
const BUILTIN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

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
   * Charts per output file.
   * @default - every object in the chart this construct lives in
   */
  readonly charts?: K0rdentCharts;
}

/** ServiceTemplate name: `<chart>-<version with . and + as ->` (kcm's own convention). */
export function serviceTemplateName(chart: { name: string; version: string }): string {
  return `${chart.name.split('/').pop()}-${chart.version.replace(/[.+]/g, '-')}`.toLowerCase();
}

interface Entry extends ServiceRelease {
  readonly templateName: string;
}

export class K0rdentServices extends Construct {
  readonly release: MkeRelease;
  readonly apiVersion: string;
  private readonly charts: K0rdentCharts;
  private readonly registry: ChartRegistry;
  private readonly entries: Entry[] = [];
  private readonly templates = new Map<string, string>();
  private readonly sources = new Map<string, string>();
  private readonly namespaces = new Set<string>();
  private readonly unverified: ResolvedChart[] = [];
  private readonly notes: Diagnostic[] = [];
  private readonly problems: string[] = [];

  constructor(scope: Construct, id: string, props: K0rdentServicesProps) {
    super(scope, id);
    const info = releaseInfo(props.release);
    if (!info.k0rdentApiVersion) throw new Error(`MKE ${props.release} has no k0rdent (4.0 uses the Blueprint Operator)`);
    this.release = props.release;
    this.apiVersion = `k0rdent.mirantis.com/${info.k0rdentApiVersion}`;
    const own = Chart.of(this);
    this.charts = props.charts ?? { namespaces: own, sources: own, templates: own, services: own, extras: own };
    this.registry = props.chartRegistry ?? { url: 'oci://registry.mirantis.com/mke' };
    this.addNamespace(K0RDENT_NAMESPACE);

    const drift = props.driftDetection;
    new ApiObject(this.charts.services, 'multi-cluster-service', {
      apiVersion: this.apiVersion,
      kind: 'MultiClusterService',
      metadata: { name: props.name ?? 'mke-system-services', annotations: { ...SUBSTITUTE_DISABLED } },
      spec: {
        // Always a non-empty selector: on kcm 1.3–1.8 an empty one matches every cluster (pitfall 9).
        clusterSelector: { matchLabels: { [MANAGEMENT_CLUSTER_LABEL]: 'true' } },
        serviceSpec: {
          ...(info.selfManagement ? { provider: { selfManagement: true } } : {}),
          // MKE keeps system services under drift detection (mke4-services.md §4) [inf].
          syncMode: 'ContinuousWithDriftDetection',
          priority: props.priority ?? 100,
          ...(drift?.driftIgnore?.length ? { driftIgnore: JSON.parse(JSON.stringify(drift.driftIgnore)) } : {}),
          ...(drift?.driftExclusions?.length ? { driftExclusions: JSON.parse(JSON.stringify(drift.driftExclusions)) } : {}),
          services: Lazy.any({ produce: () => this.renderServices() }),
        },
      },
    });
    this.node.addValidation({ validate: () => [...this.problems, ...orderServices(this.entries).problems.map((p) => `${p.code}: ${p.message}`)] });
  }

  /**
   * Adds a service: its sources, templates, namespaces and extra objects, and its MCS entries.
   * Returns the warnings of this service alone (delivery limits, unverified charts).
   */
  addService(service: SystemService): Diagnostic[] {
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

  /** Warnings: what cannot be delivered, then one `unverified-chart` listing every unverified chart. */
  warnings(): Diagnostic[] {
    return this.unverified.length ? [...this.notes, this.unverifiedWarning(this.unverified)] : [...this.notes];
  }

  private unverifiedWarning(charts: readonly ResolvedChart[]): Diagnostic {
    const list = charts.map((c) => `${c.name}:${c.version} (${c.repository ?? this.registry.url}; ${c.source})`).join(', ');
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

  private addRelease(release: ServiceRelease): void {
    let templateName = release.template ?? '';
    if (release.chart) {
      const chart = release.chart;
      templateName = serviceTemplateName(chart);
      const source = this.sourceFor(chart.repository);
      const existing = this.templates.get(templateName);
      if (existing === undefined) {
        this.templates.set(templateName, source);
        if (!DNS_SUBDOMAIN.test(templateName) || templateName.length > 253) this.problems.push(`invalid-name: ServiceTemplate name ${templateName} is not a DNS-1123 subdomain`);
        new ApiObject(this.charts.templates, `template-${templateName}`, {
          apiVersion: this.apiVersion,
          kind: 'ServiceTemplate',
          metadata: { name: templateName, namespace: K0RDENT_NAMESPACE, annotations: { ...SUBSTITUTE_DISABLED } },
          spec: { helm: { chartSpec: { chart: chart.name.split('/').pop(), version: chart.version, interval: '10m0s', sourceRef: { kind: 'HelmRepository', name: source } } } },
        });
        if (!chart.verified && !this.unverified.some((c) => c.name === chart.name && c.version === chart.version)) this.unverified.push(chart);
      } else if (existing !== source) {
        this.problems.push(`invalid-name: ServiceTemplate ${templateName} would come from two repositories`);
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
    const objects = helmRepositoryObjects(name, K0RDENT_NAMESPACE, isRegistry ? { ...this.registry, url } : { url });
    for (const obj of objects) {
      new ApiObject(this.charts.sources, `${String(obj.kind).toLowerCase()}-${(obj.metadata as { name: string }).name}`, { ...obj, apiVersion: String(obj.apiVersion), kind: String(obj.kind) });
    }
    return name;
  }

  private addNamespace(name: string): void {
    if (BUILTIN_NAMESPACES.has(name) || this.namespaces.has(name)) return;
    this.namespaces.add(name);
    new ApiObject(this.charts.namespaces, `namespace-${name}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations: { ...SUBSTITUTE_DISABLED } } });
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
