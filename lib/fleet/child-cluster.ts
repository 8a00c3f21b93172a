/**
 * `ChildCluster`: one cluster k0rdent creates (or adopts) through Cluster API, as a
 * `ClusterDeployment` in namespace `k0rdent` of the management cluster (kcm API, github.com/k0rdent/kcm).
 * Its objects form their own output folder `<out>/<name>/`, applied to the management cluster:
 * `credentials/10-credentials.yaml` (Credentials defined inside this construct), then
 * `manifests/20-cluster-deployment.yaml` (kcm refuses a ClusterDeployment until its Credential is ready).
 */
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import type { MkeRelease } from '../config/releases';
import { Credential, findCredential } from './credential';
import { addDiagnosticValidation, FLEET_CODES } from './diagnostics';
import { fleetMetadata, K0RDENT_NAMESPACE, type K0rdentApi } from './k0rdent-api';
import { dns1123LabelError, dns1123SubdomainError, labelMapErrors } from '../k8s-names';
import { MANAGEMENT_CLUSTER_LABEL } from '../control-plane/k0rdent-services';
import { registerOutput } from '../output/writer';
import { findHome, registerHome, resolveApi } from './placement';
import { providerFromTemplate, type InfrastructureProvider } from './providers';
import { renderChildCluster } from './render-child';
import { declarePrerequisites, type Prerequisite } from '../prerequisites';
import { serviceErrors, serviceToJson, type FleetService } from './service-entry';

/** The files of a child cluster's folder, in apply order (the Credential must exist first). */
export const CHILD_MANIFEST_FILES = ['10-credentials', '20-cluster-deployment'] as const;
export type ChildManifestFile = (typeof CHILD_MANIFEST_FILES)[number];

export interface ChildClusterProps {
  /**
   * Cluster name: the ClusterDeployment's `metadata.name` and the output folder. A DNS-1123 label
   * (≤ 63), since CAPI derives object and host names from it.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * ClusterTemplate name in namespace `k0rdent`, one the management cluster's kcm ships (checked at
   * synth), e.g. `adopted-cluster-1-0-1` or `aws-standalone-cp-1-0-12` on MKE 4.2 (kcm templates/cluster/*).
   */
  readonly template: string;
  /**
   * The Credential to create the cluster with: a `Credential` construct, or the name of one declared
   * in the same Fleet.
   * @default - the single Credential defined inside this ChildCluster
   */
  readonly credential?: Credential | string;
  /**
   * Infrastructure the cluster runs on; decides which k0rdent provider the management cluster must enable.
   * @default - the Credential's provider, else inferred from the template name prefix
   */
  readonly provider?: InfrastructureProvider;
  /**
   * Helm values of the ClusterTemplate chart (`spec.config`). Always written — kcm turns a
   * ClusterDeployment without `config` into a dry run with the template's defaults (kcm ClusterDeployment API).
   * @default {}
   */
  readonly config?: Readonly<Record<string, unknown>>;
  /**
   * Labels MultiClusterServices select this cluster by.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Also copy `labels` into `config.clusterLabels` (user keys win). On kcm ≤ 1.2 (MKE 4.1.x)
   * selectors match the CAPI/Sveltos cluster's labels, which kcm templates take from
   * `clusterLabels` (seen in the adopted-cluster chart; inferred for the others); kcm ≥ 1.3 matches
   * the ClusterDeployment's own labels.
   * @default true
   */
  readonly labelsInConfig?: boolean;
  /**
   * Services for this cluster only (`spec.serviceSpec.services`).
   * @default []
   */
  readonly services?: readonly FleetService[];
  /**
   * `serviceSpec.priority` (1…2147483646): wins over MultiClusterServices deploying the same release.
   * @default - kcm's default (100)
   */
  readonly servicePriority?: number;
  /**
   * Pass the credential on to the cloud controller manager of the child.
   * @default - kcm's default (true)
   */
  readonly propagateCredentials?: boolean;
  /**
   * Validate only, create nothing.
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * Management cluster release whose k0rdent API to write.
   * @default - the enclosing Fleet's management cluster, else MKE 4.2 (used alone)
   */
  readonly release?: MkeRelease;
}

const CHILD_SYMBOL = Symbol.for('mke4k-cdk8s.ChildCluster');

export class ChildCluster extends Construct {
  static isChildCluster(x: unknown): x is ChildCluster {
    return typeof x === 'object' && x !== null && CHILD_SYMBOL in x;
  }

  /** Every ChildCluster below a scope, in tree order. */
  static all(scope: IConstruct): ChildCluster[] {
    return scope.node.findAll().filter((c): c is ChildCluster => ChildCluster.isChildCluster(c));
  }

  readonly clusterName: string;
  readonly template: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly api: K0rdentApi;
  /** The ClusterDeployment object. */
  readonly clusterDeployment: ApiObject;
  private readonly props: ChildClusterProps;
  private readonly services: FleetService[];
  private readonly charts = new Map<ChildManifestFile, Chart>();

  constructor(scope: Construct, id: string, props: ChildClusterProps) {
    super(scope, id);
    Object.defineProperty(this, CHILD_SYMBOL, { value: true });
    this.props = props;
    this.clusterName = props.name ?? id;
    this.template = props.template;
    this.labels = { ...(props.labels ?? {}) };
    this.services = [...(props.services ?? [])];
    const outer = findHome(scope);
    this.api = resolveApi(scope, props.release);
    // Credentials go to this folder; anything else (e.g. a template declared here) to the fleet.
    registerHome(this, {
      api: this.api,
      scopeFor: (kind) => (kind === 'credential' ? this.chart('10-credentials') : kind === 'cluster' ? this.chart('20-cluster-deployment') : outer?.scopeFor(kind) ?? this.chart('20-cluster-deployment')),
    });
    this.clusterDeployment = new ApiObject(this.chart('20-cluster-deployment'), 'cluster-deployment', {
      apiVersion: this.api.apiVersion,
      kind: 'ClusterDeployment',
      metadata: fleetMetadata(this.clusterName, K0RDENT_NAMESPACE, this.labels),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    declarePrerequisites(this.clusterDeployment, () => this.prerequisites());
    addDiagnosticValidation(this, () => this.localProblems());
    // Its own folder; it may sit outside every MkeCluster, so the whole tree is validated first.
    registerOutput(this, { folder: { name: this.clusterName, rank: 1, render: () => renderChildCluster(this) }, validatesScope: true });
  }

  /**
   * What this cluster's folder refers to and does not create: namespace `k0rdent` (the management
   * cluster's kcm install creates it), a Credential kept elsewhere, the ServiceTemplates its services
   * use (in the management cluster's folder or installed by other means), and the Sveltos
   * `<identity>-resource-template` ConfigMap kcm references when it propagates credentials
   * (k0rdent/kcm v1.3.1 internal/controller/adapters/sveltos/serviceset_controller.go `projectPolicyRefs`,
   * v1.2.0 internal/controller/clusterdeployment_controller.go: only when `propagateCredentials`, default true).
   */
  prerequisites(): Prerequisite[] {
    const out: Prerequisite[] = [
      {
        kind: 'Namespace',
        name: K0RDENT_NAMESPACE,
        why: `namespace of ClusterDeployment ${this.clusterName}`,
        how: `created on the management cluster by its k0sctl apply (the kcm Helm extension is installed into ${K0RDENT_NAMESPACE}); apply this folder to the management cluster`,
      },
    ];
    const credential = this.resolvedCredential();
    const name = this.credentialName;
    if (name !== undefined && !this.ownCredentials().some((c) => c.credentialName === name)) {
      out.push({
        kind: 'Credential',
        apiVersion: this.api.apiVersion,
        namespace: K0RDENT_NAMESPACE,
        name,
        why: `ClusterDeployment ${this.clusterName} spec.credential`,
        how: credential ? `declared in the fleet: apply the management cluster's manifests first` : `create it on the management cluster (listed in the Fleet's externalCredentials)`,
      });
    }
    if (credential && this.props.propagateCredentials !== false) {
      const identity = credential.identityRef;
      out.push({
        kind: 'ConfigMap',
        namespace: identity.namespace,
        name: `${identity.name}-resource-template`,
        why: `kcm propagates credential ${credential.credentialName} to child cluster ${this.clusterName} through this Sveltos template (propagateCredentials)`,
        // Shape: k0rdent/kcm config/dev/<provider>-credentials.yaml (`<identity>-resource-template`, annotation projectsveltos.io/template).
        how: `a ConfigMap in ${identity.namespace} with the annotation projectsveltos.io/template: "true" whose data renders the provider's cloud credentials on the child (see k0rdent/kcm config/dev/<provider>-credentials.yaml); or set propagateCredentials: false`,
      });
    }
    for (const service of this.services) {
      out.push({
        kind: 'ServiceTemplate',
        apiVersion: this.api.apiVersion,
        namespace: K0RDENT_NAMESPACE,
        name: service.template,
        why: `ClusterDeployment ${this.clusterName} service ${service.name}`,
        how: 'declared in the fleet (apply the management cluster\'s manifests first) or installed on the management cluster by other means',
      });
    }
    return out;
  }

  /** The Credential construct this cluster uses, when it is in the construct tree. */
  resolvedCredential(): Credential | undefined {
    const credential = this.props.credential ?? this.ownCredentials()[0];
    if (credential === undefined || typeof credential !== 'string') return credential;
    return findCredential(this, credential);
  }

  /** Adds a service for this cluster only. */
  addService(service: FleetService): void {
    this.services.push(service);
  }

  /** The services of this cluster (copy). */
  get serviceList(): readonly FleetService[] {
    return [...this.services];
  }

  /** The Credential name the ClusterDeployment refers to, when one can be determined. */
  get credentialName(): string | undefined {
    const credential = this.props.credential ?? this.ownCredentials()[0];
    if (credential === undefined) return undefined;
    return typeof credential === 'string' ? credential : credential.credentialName;
  }

  /** Whether kcm passes the credential on to the child (`propagateCredentials`, kcm's default true). */
  get propagatesCredentials(): boolean {
    return this.props.propagateCredentials !== false;
  }

  /** The infrastructure provider: explicit, else the Credential's, else the template name's. */
  get provider(): InfrastructureProvider | undefined {
    if (this.props.provider) return this.props.provider;
    const credential = this.props.credential ?? this.ownCredentials()[0];
    if (credential && typeof credential !== 'string') return credential.provider;
    return providerFromTemplate(this.template);
  }

  /** The chart behind one file of this cluster's folder (created on first use). */
  chart(file: ChildManifestFile): Chart {
    let chart = this.charts.get(file);
    if (!chart) {
      chart = new Chart(this, file, { disableResourceNameHashes: true });
      this.charts.set(file, chart);
    }
    return chart;
  }

  /** The objects of each file, in file order; empty files left out. */
  manifestObjects(): { file: ChildManifestFile; objects: Record<string, unknown>[] }[] {
    const out: { file: ChildManifestFile; objects: Record<string, unknown>[] }[] = [];
    for (const file of CHILD_MANIFEST_FILES) {
      const chart = this.charts.get(file);
      if (!chart) continue;
      // Not chart.toJson(): cdk8s validates the whole App on every chart synth, which is
      // quadratic with one folder per child cluster. The writer has validated already.
      const objects = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((o) => o.toJson() as Record<string, unknown>);
      if (objects.length) out.push({ file, objects });
    }
    return out;
  }

  /** Credentials defined inside this construct (they land in this folder). */
  ownCredentials(): Credential[] {
    return this.node.findAll().filter((c): c is Credential => Credential.isCredential(c));
  }

  private renderSpec(): Record<string, unknown> {
    const config: Record<string, unknown> = { ...(this.props.config ?? {}) };
    if ((this.props.labelsInConfig ?? true) && Object.keys(this.labels).length) {
      const userLabels = (config.clusterLabels ?? {}) as Record<string, unknown>;
      config.clusterLabels = { ...this.labels, ...userLabels };
    }
    const spec: Record<string, unknown> = { template: this.template };
    const credential = this.credentialName;
    if (credential !== undefined) spec.credential = credential;
    spec.config = config;
    if (this.props.propagateCredentials !== undefined) spec.propagateCredentials = this.props.propagateCredentials;
    if (this.props.dryRun !== undefined) spec.dryRun = this.props.dryRun;
    if (this.services.length || this.props.servicePriority !== undefined) {
      spec.serviceSpec = {
        ...(this.services.length ? { services: this.services.map(serviceToJson) } : {}),
        ...(this.props.servicePriority !== undefined ? { priority: this.props.servicePriority } : {}),
      };
    }
    return spec;
  }

  private localProblems() {
    const path = this.node.path;
    const out: { code: (typeof FLEET_CODES)[keyof typeof FLEET_CODES]; severity: 'error'; message: string; path: string; hint?: string }[] = [];
    const nameError = dns1123LabelError(this.clusterName);
    if (nameError) out.push({ code: FLEET_CODES.invalidName, severity: 'error', message: `child cluster name "${this.clusterName}" ${nameError}`, path });
    const templateError = dns1123SubdomainError(this.template);
    if (templateError) out.push({ code: FLEET_CODES.invalidName, severity: 'error', message: `cluster template "${this.template}" ${templateError}`, path });
    for (const message of labelMapErrors(this.labels)) out.push({ code: FLEET_CODES.invalidLabel, severity: 'error', message: `child cluster ${this.clusterName}: ${message}`, path });
    // The management cluster's own system services are selected by this label: the system
    // MultiClusterService's clusterSelector (k0rdent-services.ts), matched against ClusterDeployment labels.
    if (MANAGEMENT_CLUSTER_LABEL in this.labels) {
      out.push({ code: FLEET_CODES.invalidLabel, severity: 'error', message: `child cluster ${this.clusterName}: label ${MANAGEMENT_CLUSTER_LABEL} is reserved for the management cluster`, path, hint: 'remove the label; it would roll the management cluster\'s system services out to this child' });
    }
    for (const message of serviceErrors(this.services, 'services')) out.push({ code: FLEET_CODES.invalidName, severity: 'error', message: `child cluster ${this.clusterName}: ${message}`, path });
    const priority = this.props.servicePriority;
    if (priority !== undefined && (!Number.isInteger(priority) || priority < 1 || priority > 2147483646)) {
      out.push({ code: FLEET_CODES.invalidValue, severity: 'error', message: `child cluster ${this.clusterName}: servicePriority ${priority} must be an integer in 1…2147483646`, path });
    }
    const own = this.ownCredentials();
    if (this.props.credential === undefined && own.length !== 1) {
      out.push({
        code: FLEET_CODES.credentialMissing,
        severity: 'error',
        message: own.length === 0 ? `child cluster ${this.clusterName} has no credential` : `child cluster ${this.clusterName} defines ${own.length} credentials and names none`,
        path,
        hint: 'set `credential` (a Credential or the name of one in the fleet), or define exactly one Credential inside the ChildCluster',
      });
    }
    return out;
  }
}
