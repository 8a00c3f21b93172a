/**
 * Where a fleet object's ApiObject lives. The construct tree decides, explicitly: below a
 * `ChildCluster` an object goes to that child's folder; below a `Fleet` to the management
 * cluster's manifests; elsewhere to the nearest enclosing cdk8s Chart (the construct used alone).
 * A symbol marks the owners, so this module needs neither the Fleet nor the ChildCluster class.
 */
import { Chart } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import type { MkeRelease } from '../config/releases';
import { k0rdentApiFor, k0rdentApiOrNewest, type K0rdentApi } from './k0rdent-api';

/** What an object is, which decides its file (the numbered manifest files of the management cluster). */
export type FleetObjectKind = 'credential' | 'source' | 'template' | 'service' | 'cluster';

/** A construct that owns the placement of fleet objects below it. */
export interface FleetHome {
  /** The construct to create the ApiObject in (a Chart or a construct below one). */
  scopeFor(kind: FleetObjectKind): Construct;
  /** The k0rdent API the objects must follow. */
  readonly api: K0rdentApi;
}

const HOME = Symbol.for('mke4k-cdk8s.FleetHome');
type Marked = IConstruct & { [HOME]?: FleetHome };

/** Marks `construct` as the home of the fleet objects created below it. */
export function registerHome(construct: IConstruct, home: FleetHome): void {
  Object.defineProperty(construct, HOME, { value: home, enumerable: false });
}

/** The nearest home at or above `scope`, if any. */
export function findHome(scope: IConstruct): FleetHome | undefined {
  for (const c of [...scope.node.scopes].reverse()) {
    const home = (c as Marked)[HOME];
    if (home) return home;
  }
  return undefined;
}

/** The API to write with: an explicit release's, else the enclosing home's, else the newest. */
export function resolveApi(scope: IConstruct, release: MkeRelease | undefined): K0rdentApi {
  if (release) return k0rdentApiFor(release) ?? k0rdentApiOrNewest(undefined);
  return findHome(scope)?.api ?? k0rdentApiOrNewest(undefined);
}

/** The scope to put an object of `kind` in, and the API to write it with. */
export function placeObject(scope: Construct, kind: FleetObjectKind, release: MkeRelease | undefined): { scope: Construct; api: K0rdentApi } {
  const home = findHome(scope);
  const api = resolveApi(scope, release);
  if (home) return { scope: home.scopeFor(kind), api };
  // Used alone: the object must sit inside a Chart, like any cdk8s ApiObject.
  Chart.of(scope);
  return { scope, api };
}
