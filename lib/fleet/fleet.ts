/**
 * `Fleet`: the child clusters a management `MkeCluster` runs through k0rdent, and the services
 * shared between them. Objects below a Fleet land in the management cluster's folder
 * (`10-sources`: Flux sources and shared Credentials, `20-templates`; `30-services`, which goes to
 * `services/`, applied after the templates kcm validates the MultiClusterServices against); each
 * `ChildCluster` gets its own folder. Cross-references are checked once, for the whole fleet, at
 * synth time (see fleet-checks.ts).
 */
import type { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import type { MkeCluster } from '../cluster';
import type { Diagnostic } from '../config/diagnostics';
import { registerOutput } from '../output/writer';
import { ChildCluster, type ChildClusterProps } from './child-cluster';
import { Credential } from './credential';
import { addDiagnosticValidation, structuredDiagnostics } from './diagnostics';
import { checkFleet } from './fleet-checks';
import { FleetServiceSet, type FleetServiceSetProps } from './fleet-service-set';
import { FleetServiceTemplate, type FleetServiceTemplateProps } from './fleet-service-template';
import { k0rdentApiFor, k0rdentApiOrNewest, type K0rdentApi } from './k0rdent-api';
import { registerHome } from './placement';
import { k0rdentProvidersFor } from './providers';
import { controlPlaneOf } from '../control-plane';
import { kcmCatalogFor, providersForClusterTemplate } from '../config/kcm-release';
import { releaseInfo } from '../config/releases';
import { declarePrerequisites, type Prerequisite } from '../prerequisites';
import { K0RDENT_NAMESPACE } from './k0rdent-api';

export interface FleetProps {
  /** The MKE cluster that runs k0rdent and manages the fleet (MKE 4.1.0 or newer). */
  readonly management: MkeCluster;
  /**
   * ServiceTemplates that exist on the management cluster by other means (e.g. installed from the
   * k0rdent catalog), so services may refer to them.
   * @default []
   */
  readonly externalTemplates?: readonly string[];
  /**
   * Credentials that exist on the management cluster by other means, so child clusters may refer to them.
   * @default []
   */
  readonly externalCredentials?: readonly string[];
  /**
   * ClusterTemplates that exist on the management cluster by other means (e.g. MKE's own
   * `mke4k-aws-…` templates), so child clusters may use them although the kcm release does not ship them.
   * @default []
   */
  readonly externalClusterTemplates?: readonly string[];
}

const FLEET_SYMBOL = Symbol.for('mke4k-cdk8s.Fleet');

export class Fleet extends Construct {
  static isFleet(x: unknown): x is Fleet {
    return typeof x === 'object' && x !== null && FLEET_SYMBOL in x;
  }

  /** Every Fleet below a scope, in tree order. */
  static all(scope: IConstruct): Fleet[] {
    return scope.node.findAll().filter((c): c is Fleet => Fleet.isFleet(c));
  }

  readonly management: MkeCluster;
  /** The k0rdent API of the management cluster (the newest for a 4.0 cluster, which is reported as an error). */
  readonly api: K0rdentApi;
  readonly externalTemplates: readonly string[];
  readonly externalCredentials: readonly string[];
  readonly externalClusterTemplates: readonly string[];

  constructor(scope: Construct, id: string, props: FleetProps) {
    super(scope, id);
    Object.defineProperty(this, FLEET_SYMBOL, { value: true });
    this.management = props.management;
    this.api = k0rdentApiFor(props.management.release) ?? k0rdentApiOrNewest(undefined);
    this.externalTemplates = [...(props.externalTemplates ?? [])];
    this.externalCredentials = [...(props.externalCredentials ?? [])];
    this.externalClusterTemplates = [...(props.externalClusterTemplates ?? [])];
    const mgmt = props.management;
    // The management cluster's `Management kcm` enables what the child clusters' templates need.
    controlPlaneOf(mgmt)?.management?.requireProviders(() => this.requiredProviders());
    declarePrerequisites(mgmt, () => this.externalPrerequisites());
    registerHome(this, {
      api: this.api,
      scopeFor: (kind) => {
        switch (kind) {
          case 'template':
            return mgmt.chart('20-templates');
          case 'service':
            return mgmt.chart('30-services');
          case 'cluster':
            throw new Error('a ClusterDeployment belongs to a ChildCluster');
          default:
            // Flux sources and fleet-wide Credentials: what templates and deployments refer to.
            return mgmt.chart('10-sources');
        }
      },
    });
    addDiagnosticValidation(this, () => checkFleet(this));
    // Its objects may sit outside the management cluster's tree; its warnings go with that cluster.
    registerOutput(this, { warningsFor: { target: mgmt, warnings: () => fleetWarnings(this) }, validatesScope: true });
  }

  /** Templates and Credentials the fleet says exist by other means, as prerequisites of the management cluster's folder. */
  externalPrerequisites(): Prerequisite[] {
    const how = 'created on the management cluster by other means (declared external in the Fleet)';
    return [
      ...this.externalTemplates.map((name) => ({ kind: 'ServiceTemplate', apiVersion: this.api.apiVersion, namespace: K0RDENT_NAMESPACE, name, why: 'Fleet externalTemplates', how })),
      ...this.externalCredentials.map((name) => ({ kind: 'Credential', apiVersion: this.api.apiVersion, namespace: K0RDENT_NAMESPACE, name, why: 'Fleet externalCredentials', how })),
    ];
  }

  /** Adds a child cluster (a ClusterDeployment with its own output folder). */
  addCluster(id: string, props: ChildClusterProps): ChildCluster {
    return new ChildCluster(this, id, props);
  }

  /** Adds a Helm chart as a ServiceTemplate (+ labelled HelmRepository) on the management cluster. */
  addServiceTemplate(id: string, props: FleetServiceTemplateProps): FleetServiceTemplate {
    return new FleetServiceTemplate(this, id, props);
  }

  /** Adds services for every child cluster a selector matches (a MultiClusterService). */
  addServiceSet(id: string, props: FleetServiceSetProps): FleetServiceSet {
    return new FleetServiceSet(this, id, props);
  }

  /** The child clusters, in tree order. */
  clusters(): ChildCluster[] {
    return ChildCluster.all(this);
  }

  /** Every Credential of the fleet (fleet-wide and per child). */
  credentials(): Credential[] {
    return this.node.findAll().filter((c): c is Credential => Credential.isCredential(c));
  }

  serviceTemplates(): FleetServiceTemplate[] {
    return this.node.findAll().filter((c): c is FleetServiceTemplate => FleetServiceTemplate.isFleetServiceTemplate(c));
  }

  serviceSets(): FleetServiceSet[] {
    return this.node.findAll().filter((c): c is FleetServiceSet => FleetServiceSet.isFleetServiceSet(c));
  }

  /** Every object the fleet emits (wherever it is written), in tree order. */
  apiObjects(): ApiObject[] {
    const out: ApiObject[] = [];
    for (const c of this.node.findAll()) {
      if (Credential.isCredential(c)) out.push(c.apiObject);
      else if (FleetServiceTemplate.isFleetServiceTemplate(c)) out.push(...(c.helmRepository ? [c.helmRepository] : []), c.serviceTemplate);
      else if (FleetServiceSet.isFleetServiceSet(c)) out.push(c.multiClusterService);
      else if (ChildCluster.isChildCluster(c)) out.push(c.clusterDeployment);
    }
    return out;
  }

  /** The k0rdent provider names the child clusters need (e.g. `cluster-api-provider-aws`), sorted. */
  requiredProviders(): string[] {
    return requiredProviders(this);
  }
}

/**
 * The k0rdent providers (Management `spec.providers[].name`) a fleet's child clusters need: for a
 * ClusterTemplate the management cluster's kcm ships, every provider its `cluster.x-k8s.io/provider`
 * annotation names (e.g. `aws-standalone-cp` needs `cluster-api-provider-aws` and
 * `cluster-api-provider-k0sproject-k0smotron`); otherwise the infrastructure provider's. Sorted, no duplicates.
 */
export function requiredProviders(fleet: Fleet): string[] {
  const kcm = releaseInfo(fleet.management.release).kcmVersion;
  const catalog = kcm ? kcmCatalogFor(kcm)?.catalog : undefined;
  const names = new Set<string>();
  for (const child of fleet.clusters()) {
    const fromTemplate = catalog && providersForClusterTemplate(catalog, child.template);
    for (const name of fromTemplate ?? k0rdentProvidersFor([child.provider])) names.add(name);
  }
  return [...names].sort();
}

/**
 * Warnings of a fleet (selectors that match nothing, unknown providers, …), reported with its
 * management cluster. Child clusters report their own in their folder.
 */
function fleetWarnings(fleet: Fleet): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of fleet.node.findAll()) {
    if (c.node.scopes.some((s) => ChildCluster.isChildCluster(s))) continue;
    out.push(...structuredDiagnostics(c).filter((d) => d.severity === 'warning'));
  }
  return out;
}
