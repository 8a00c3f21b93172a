/**
 * Escape hatches: set or delete a value at a path of a synthesized object, for what the typed model
 * does not cover. An override whose target object or parent path does not exist is an error, not
 * silence, so a renamed field upstream cannot make an override vanish unnoticed.
 */
import type { Diagnostic } from '../config/diagnostics';

/** `'k0sctl'` for the k0sctl `Cluster`, or a manifest object by kind and name (and namespace). */
export type OverrideTarget = 'k0sctl' | { readonly kind: string; readonly name: string; readonly namespace?: string };

export interface Override {
  readonly target: OverrideTarget;
  /** Dot-separated keys, `[n]` for list items; keys with dots are quoted: `metadata.labels["app.kubernetes.io/name"]`. */
  readonly path: string;
  /** The new value; `undefined` deletes the key. */
  readonly value: unknown;
}

/** `a.b[2]["x.y"]` → ['a', 'b', 2, 'x.y']; undefined when malformed. */
export function parseOverridePath(path: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  const re = /\.?([A-Za-z0-9_$@:/-]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let index = 0;
  while (index < path.length) {
    re.lastIndex = index;
    const m = re.exec(path);
    if (!m || m.index !== index) return undefined;
    // A key segment starts with a dot, except the first one.
    if (m[1] !== undefined && (index === 0) === (path[index] === '.')) return undefined;
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3].replace(/\\(.)/g, '$1')));
    index = re.lastIndex;
  }
  return out.length ? out : undefined;
}

export function describeTarget(target: OverrideTarget): string {
  return target === 'k0sctl' ? 'k0sctl.yaml' : `${target.kind} ${target.namespace ? `${target.namespace}/` : ''}${target.name}`;
}

function matches(target: Exclude<OverrideTarget, 'k0sctl'>, o: Record<string, unknown>): boolean {
  const meta = (o.metadata ?? {}) as { name?: string; namespace?: string };
  return o.kind === target.kind && meta.name === target.name && (target.namespace === undefined || meta.namespace === target.namespace);
}

/** Applies one override in place to a JSON object; returns a problem text, or undefined when applied. */
function applyTo(object: Record<string, unknown>, segments: (string | number)[], value: unknown): string | undefined {
  let node: unknown = object;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i];
    const next: unknown = Array.isArray(node) && typeof seg === 'number' ? node[seg] : node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[seg] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') return `${segments.slice(0, i + 1).join('.')} does not exist`;
    node = next;
  }
  const last = segments[segments.length - 1];
  if (Array.isArray(node)) {
    if (typeof last !== 'number' || last > node.length) return `list index ${String(last)} is out of range`;
    if (value === undefined) node.splice(last, 1);
    else node[last] = value;
    return undefined;
  }
  const map = node as Record<string, unknown>;
  if (value === undefined) {
    if (!(String(last) in map)) return `${segments.join('.')} does not exist`;
    delete map[String(last)];
  } else map[String(last)] = value;
  return undefined;
}

/**
 * Applies the overrides aimed at these objects (deep-copied first; the inputs are not changed).
 * `isK0sctl` says whether the objects are k0sctl.yaml's. Returns the objects and one diagnostic per
 * override that did not apply.
 */
export function applyOverrides(
  objects: readonly Record<string, unknown>[],
  overrides: readonly Override[],
  isK0sctl: boolean,
): { objects: Record<string, unknown>[]; problems: Diagnostic[]; used: Set<Override> } {
  const relevant = overrides.filter((o) => (o.target === 'k0sctl') === isK0sctl);
  if (!relevant.length) return { objects: [...objects], problems: [], used: new Set() };
  const copies = objects.map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>);
  const problems: Diagnostic[] = [];
  const used = new Set<Override>();
  for (const override of relevant) {
    const target = override.target;
    const object = target === 'k0sctl' ? copies[0] : copies.find((o) => matches(target, o));
    if (!object) continue;
    used.add(override);
    const segments = parseOverridePath(override.path) ?? [];
    const problem = applyTo(object, segments, override.value);
    if (problem) problems.push(overrideProblem(override, problem));
  }
  return { objects: copies, problems, used };
}

export function overrideProblem(override: Override, problem: string): Diagnostic {
  return {
    code: 'override-path',
    severity: 'error',
    path: override.path,
    message: `override of ${describeTarget(override.target)}: ${problem}`,
    hint: 'check the path against the synthesized file; an override must name a path whose parent exists',
  };
}
