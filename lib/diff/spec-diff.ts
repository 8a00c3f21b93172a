/**
 * Diff of two normalized MKE specs (defaults applied on both sides, so a default written out and a
 * default left implicit compare equal). Hosts are matched by address, CNI providers by name; secret
 * fields are masked; each change carries its impact on a running cluster when known (k0sctl#308, k0s#6408).
 */
import type { Delivery } from '../cluster';
import type { PathSegment } from '../config/diagnostics';
import { isSecretAt } from '../config/secrets';
import type { MkeSpec } from '../config/types';
import { impactOf } from './impact';
import { Change, diffTrees, isPlainObject, Location, TreeDiffOptions } from './tree-diff';

/** One side of a spec diff. */
export interface SpecSide {
  readonly name: string;
  readonly spec: MkeSpec;
  /** Only for programs (YAML files do not store it). */
  readonly delivery?: Delivery;
}

function hostKey(item: unknown): string | undefined {
  if (!isPlainObject(item)) return undefined;
  for (const conn of ['ssh', 'winRM']) {
    const c = item[conn];
    if (isPlainObject(c) && typeof c.address === 'string') return c.address;
  }
  if (typeof item.hostname === 'string') return item.hostname;
  return isPlainObject(item.localhost) ? 'localhost' : undefined;
}

function fieldKey(field: string): (item: unknown) => string | undefined {
  return (item) => (isPlainObject(item) && typeof item[field] === 'string' ? (item[field] as string) : undefined);
}

/** How list items are matched: hosts by address, providers by name, named items by `name`. */
export function specIdentity(at: Location, items: readonly unknown[]): ((item: unknown) => string | undefined) | undefined {
  if (/(^|\.)spec\.hosts$/.test(at.display) || at.display.endsWith('.hosts')) return hostKey;
  if (at.display.endsWith('network.providers')) return fieldKey('provider');
  if (items.length && items.every((i) => isPlainObject(i) && typeof i.name === 'string')) return fieldKey('name');
  return undefined;
}

/** Secret check for a real path that starts at the document (`spec`, …). */
function secretUnderSpec(prefix: number): (real: readonly PathSegment[], values: readonly unknown[]) => boolean {
  return (real, values) => real[prefix] === 'spec' && isSecretAt(real.slice(prefix + 1), ...values);
}

export interface SpecDiffOptions {
  /** Prefix of every path (a cluster name when comparing programs with several clusters). */
  readonly prefix?: string;
  /** Delivery assumed for both sides (wording of service impacts). */
  readonly delivery?: Delivery;
}

/** Changes from `a` to `b`: `metadata.name`, `delivery` (programs) and every `spec` field. */
export function diffSpecs(a: SpecSide, b: SpecSide, options: SpecDiffOptions = {}): Change[] {
  const prefix = options.prefix ? `${options.prefix}/` : '';
  const treeOptions: TreeDiffOptions = { identity: specIdentity, isSecret: secretUnderSpec(0) };
  const changes: Change[] = [];
  if (a.name !== b.name) changes.push({ path: `${prefix}metadata.name`, kind: 'changed', old: a.name, new: b.name, impact: 'the output folder changes' });
  if ((a.delivery ?? 'operator') !== (b.delivery ?? 'operator')) {
    changes.push({ path: `${prefix}delivery`, kind: 'changed', old: a.delivery ?? 'operator', new: b.delivery ?? 'operator', impact: 'system services change owner: remove the old mode\'s objects first (two owners of one release fight)' });
  }
  const specChanges = diffTrees(a.spec, b.spec, { display: 'spec', real: ['spec'] }, treeOptions);
  const delivery = options.delivery ?? b.delivery ?? a.delivery ?? 'operator';
  for (const change of specChanges) {
    const impact = impactOf(change, delivery);
    changes.push({ ...change, path: prefix + change.path, ...(impact ? { impact } : {}) });
  }
  return changes;
}
