/**
 * `SystemService`: the base of every MKE system service construct. A service holds typed props and
 * renders, late and purely, in one of two ways:
 * - operator mode: its section of the `MkeConfig` spec (`toMkeConfig()`), which mke-operator reads;
 * - k0rdent mode: one or more Helm releases (chart coordinates + values, `toReleases()`) and extra
 *   objects (`k0rdentObjects()`) that the control plane turns into ServiceTemplates and a
 *   MultiClusterService.
 * A service creates no API object by itself, except the typed objects users add to it (MetalLB
 * pools, network attachments), which are its children and so land in the chart it lives in.
 */
import { Construct, IConstruct } from 'constructs';
import type { Diagnostic } from '../config/diagnostics';
import type { Prerequisite } from '../prerequisites';
import { ChartCoordinates, MkeRelease, NEWEST_RELEASE, releaseInfo, ServiceId } from '../config/releases';

/** Chart coordinates that replace the release catalog's. */
export interface ChartOverride {
  /** Chart name (for OCI repositories the last path element). */
  readonly name: string;
  /** Chart version. */
  readonly version: string;
  /**
   * Repository URL, `oci://…` or `https://…`.
   * @default - the cluster's chart registry (`registries.chartRegistry.url`)
   */
  readonly repository?: string;
}

/** A chart as the output uses it, with how sure we are of it. */
export interface ResolvedChart {
  readonly name: string;
  readonly version: string;
  /** `undefined` = the cluster's chart registry. */
  readonly repository?: string;
  /** False when no public source confirms name and version (synth warns `unverified-chart`). */
  readonly verified: boolean;
  /** Where the coordinates come from. */
  readonly source: string;
}

/** One Helm release a service needs (k0rdent mode). */
export interface ServiceRelease {
  /** Helm release name on the cluster; also the key other releases depend on. */
  readonly name: string;
  /** Target namespace (always set explicitly, kcm API, github.com/k0rdent/kcm). */
  readonly namespace: string;
  /** The chart; absent for a user service that names an existing ServiceTemplate. */
  readonly chart?: ResolvedChart;
  /** An existing ServiceTemplate to use instead of a chart (mke4.yaml `services[]`). */
  readonly template?: string;
  /** Helm values (rendered as a YAML string into the MultiClusterService). */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * A Secret the user creates, by name, whose Helm values are merged in (`valuesFrom`); secret
   * values never appear in the output.
   */
  readonly valuesFromSecret?: string;
  /** Release names that must be deployed first (our own graph; never emitted as `dependsOn`). */
  readonly dependsOn: readonly string[];
}

/** Props every service accepts. */
export interface SystemServiceProps {
  /**
   * MKE release whose catalog supplies chart coordinates and version-dependent defaults.
   * @default - the newest release in the catalog
   */
  readonly release?: MkeRelease;
  /**
   * Chart coordinates replacing the release catalog's (e.g. a chart the catalog marks unverified).
   * @default - from the release catalog
   */
  readonly chart?: ChartOverride;
  /**
   * Namespace the service is installed into.
   * @default - the service's MKE namespace (see each service)
   */
  readonly namespace?: string;
  /**
   * Helm values deep-merged over the values the service computes (escape hatch, k0rdent mode).
   * @default - none
   */
  readonly extraValues?: Readonly<Record<string, unknown>>;
}

const SERVICE_SYMBOL = Symbol.for('mke4k-cdk8s.SystemService');

/** What a service needs of the `MkeCluster` it is created in (structural: the cluster sits above services). */
interface ServiceHost {
  readonly clusterName: string;
  readonly release: MkeRelease;
  serviceScope(id: string): Construct;
}

function hostCluster(scope: Construct): ServiceHost | undefined {
  return Symbol.for('mke4k-cdk8s.MkeCluster') in scope ? (scope as unknown as ServiceHost) : undefined;
}

/** The construct a service is created under: for an MkeCluster, the chart its services live in. */
function placeIn(scope: Construct, id: string, props: SystemServiceProps): Construct {
  const host = hostCluster(scope);
  if (!host) return scope;
  if (props.release !== undefined && props.release !== host.release) {
    throw new Error(`${id}: release ${props.release} differs from MkeCluster ${host.clusterName}'s release ${host.release}; leave \`release\` unset`);
  }
  return host.serviceScope(id);
}

export abstract class SystemService extends Construct {
  /** True for any SystemService (works across copies of the library). */
  static isSystemService(x: unknown): x is SystemService {
    return typeof x === 'object' && x !== null && SERVICE_SYMBOL in x;
  }

  /** Every SystemService below a scope, in tree order. */
  static all(scope: IConstruct): SystemService[] {
    return scope.node.findAll().filter((c): c is SystemService => SystemService.isSystemService(c));
  }

  readonly release: MkeRelease;
  protected readonly base: SystemServiceProps;

  /**
   * Created with an `MkeCluster` as its scope, a service lives in the cluster's `50-extras` chart,
   * takes the cluster's release and is delivered in the cluster's mode.
   */
  protected constructor(scope: Construct, id: string, props: SystemServiceProps) {
    super(placeIn(scope, id, props), id);
    Object.defineProperty(this, SERVICE_SYMBOL, { value: true });
    this.release = props.release ?? hostCluster(scope)?.release ?? NEWEST_RELEASE;
    this.base = props;
  }

  /** The service's `MkeConfig` section(s) as a partial spec (operator mode). */
  abstract toMkeConfig(): Record<string, unknown>;

  /** The Helm releases of the service (k0rdent mode), in install order. */
  abstract toReleases(): ServiceRelease[];

  /** Objects the service needs beside its charts in k0rdent mode (rendered into 50-extras). */
  k0rdentObjects(): Record<string, unknown>[] {
    return [];
  }

  /**
   * Objects this service's k0rdent-mode releases need that the output does not create (Secrets
   * with credentials, TLS certificates), each with how to create it. Synth lists them as
   * prerequisites, and a reference to one of them resolves. Override to add a service's own.
   */
  prerequisites(): Prerequisite[] {
    return [];
  }

  /** Warnings about what k0rdent mode cannot deliver for this service. */
  k0rdentWarnings(): Diagnostic[] {
    return [];
  }

  /**
   * Chart coordinates: the override, else the catalog entry of `id` for the service's release.
   * Throws when neither exists (the service does not ship with that release).
   */
  protected resolveChart(id: ServiceId, override: ChartOverride | undefined): ResolvedChart {
    if (override) return { ...override, verified: true, source: 'override' };
    const entry: ChartCoordinates | undefined = releaseInfo(this.release).charts[id];
    if (!entry) {
      throw new Error(`MKE ${this.release} ships no ${id} chart; give the service a \`chart: {name, version, repository}\` override`);
    }
    return { name: entry.name, version: entry.version, repository: entry.repository, verified: entry.verified, source: entry.source };
  }

  /** The service's main chart: the `chart` prop, else the catalog entry of `id`. */
  protected chartFor(id: ServiceId): ResolvedChart {
    return this.resolveChart(id, this.base.chart);
  }

  /** Whether the release catalog has a chart for `id`. */
  protected catalogHas(id: ServiceId): boolean {
    return releaseInfo(this.release).charts[id] !== undefined;
  }

  /** Namespace from props, else the service default. */
  protected namespaceOr(fallback: string): string {
    return this.base.namespace ?? fallback;
  }

  /** Computed values with `extraValues` merged over them. */
  protected withExtraValues(values: Record<string, unknown>): Record<string, unknown> {
    return this.base.extraValues ? (mergeValues(values, this.base.extraValues) as Record<string, unknown>) : values;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Helm-style merge: mappings merge key by key, anything else from `over` wins. Inputs are not modified. */
export function mergeValues(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = mergeValues(base[k], v);
    return out;
  }
  return over;
}

/** Drops `undefined` members (and objects left empty by that) so renderings only hold what is set. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => compact(v)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = compact(v);
    }
    return out as T;
  }
  return value;
}

/** Copies a readonly value into a plain mutable JSON value (props are deeply readonly). */
export function plain<T>(value: T): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * Annotation on every object except the MkeConfig: Flux's post-build substitution must leave them
 * alone, so only the MkeConfig's `${MKE_…}` placeholders are filled.
 */
export const SUBSTITUTE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/substitute';
export const SUBSTITUTE_DISABLED: Readonly<Record<string, string>> = { [SUBSTITUTE_ANNOTATION]: 'disabled' };
