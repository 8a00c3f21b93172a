/**
 * `FleetServiceSet`: services rolled out to every child cluster a label selector matches — a
 * k0rdent `MultiClusterService` (cluster-scoped, no namespace; kcm API, github.com/k0rdent/kcm). The selector
 * must not be empty: kcm 1.3–1.8 (MKE 4.2) reads an empty selector as "every cluster" (kcm#2610).
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type { Diagnostic } from '../config/diagnostics';
import type { MkeRelease } from '../config/releases';
import { addDiagnosticValidation, FLEET_CODES } from './diagnostics';
import { fleetMetadata, type K0rdentApi } from './k0rdent-api';
import { isEmptySelector, labelSelectorErrors, selectorToJson, type LabelSelector } from './label-selector';
import { dns1123SubdomainError } from '../k8s-names';
import { placeObject } from './placement';
import { serviceErrors, serviceToJson, type FleetService } from './service-entry';

/** How Sveltos keeps services in step (classic `serviceSpec.syncMode`, honoured while `provider.name` is unset). */
export type SyncMode = 'OneTime' | 'Continuous' | 'ContinuousWithDriftDetection' | 'DryRun';

export interface FleetServiceSetProps {
  /**
   * MultiClusterService name.
   * @default - the construct id
   */
  readonly name?: string;
  /** Which child clusters get the services (ClusterDeployment labels; must not be empty). */
  readonly selector: LabelSelector;
  /**
   * The services.
   * @default []
   */
  readonly services?: readonly FleetService[];
  /**
   * `serviceSpec.priority` (1…2147483646) when two sets deploy the same release; higher wins.
   * @default - kcm's default (100)
   */
  readonly priority?: number;
  /**
   * `serviceSpec.syncMode`.
   * @default - kcm's default (`Continuous`)
   */
  readonly syncMode?: SyncMode;
  /**
   * Management cluster release whose k0rdent API to write.
   * @default - the enclosing Fleet's management cluster, else MKE 4.2 (used alone)
   */
  readonly release?: MkeRelease;
}

const SET_SYMBOL = Symbol.for('mke4k-cdk8s.FleetServiceSet');

export class FleetServiceSet extends Construct {
  static isFleetServiceSet(x: unknown): x is FleetServiceSet {
    return typeof x === 'object' && x !== null && SET_SYMBOL in x;
  }

  readonly setName: string;
  readonly selector: LabelSelector;
  readonly api: K0rdentApi;
  readonly multiClusterService: ApiObject;
  private readonly services: FleetService[];
  private readonly props: FleetServiceSetProps;

  constructor(scope: Construct, id: string, props: FleetServiceSetProps) {
    super(scope, id);
    Object.defineProperty(this, SET_SYMBOL, { value: true });
    this.props = props;
    this.setName = props.name ?? id;
    this.selector = props.selector;
    this.services = [...(props.services ?? [])];
    const placed = placeObject(this, 'service', props.release);
    this.api = placed.api;
    this.multiClusterService = new ApiObject(placed.scope, placed.scope === this ? 'Resource' : `multi-cluster-service-${this.node.addr}`, {
      apiVersion: placed.api.apiVersion,
      kind: 'MultiClusterService',
      metadata: fleetMetadata(this.setName, undefined),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    addDiagnosticValidation(this, () => this.localProblems());
  }

  /** Adds a service to every selected cluster. */
  addService(service: FleetService): void {
    this.services.push(service);
  }

  get serviceList(): readonly FleetService[] {
    return [...this.services];
  }

  private renderSpec(): Record<string, unknown> {
    const serviceSpec: Record<string, unknown> = { services: this.services.map(serviceToJson) };
    if (this.props.priority !== undefined) serviceSpec.priority = this.props.priority;
    if (this.props.syncMode !== undefined) serviceSpec.syncMode = this.props.syncMode;
    return { clusterSelector: selectorToJson(this.selector), serviceSpec };
  }

  private localProblems(): Diagnostic[] {
    const path = this.node.path;
    const out: Diagnostic[] = [];
    const nameError = dns1123SubdomainError(this.setName);
    if (nameError) out.push({ code: FLEET_CODES.invalidName, severity: 'error', message: `service set name "${this.setName}" ${nameError}`, path });
    if (isEmptySelector(this.selector)) {
      out.push({
        code: FLEET_CODES.selectorEmpty,
        severity: 'error',
        message: `service set ${this.setName} has an empty selector, which k0rdent 1.3–1.8 applies to every cluster`,
        path,
        hint: 'select clusters by label, e.g. `selector: { matchLabels: { env: "prod" } }`',
      });
    }
    for (const message of labelSelectorErrors(this.selector)) out.push({ code: FLEET_CODES.invalidLabel, severity: 'error', message: `service set ${this.setName}: selector ${message}`, path });
    for (const message of serviceErrors(this.services, 'services')) out.push({ code: FLEET_CODES.invalidName, severity: 'error', message: `service set ${this.setName}: ${message}`, path });
    if (this.services.length === 0) out.push({ code: FLEET_CODES.invalidValue, severity: 'warning', message: `service set ${this.setName} has no services`, path });
    const priority = this.props.priority;
    if (priority !== undefined && (!Number.isInteger(priority) || priority < 1 || priority > 2147483646)) {
      out.push({ code: FLEET_CODES.invalidValue, severity: 'error', message: `service set ${this.setName}: priority ${priority} must be an integer in 1…2147483646`, path });
    }
    return out;
  }
}
