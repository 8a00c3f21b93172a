/**
 * Structural diff of two plain-data trees (parsed YAML, normalized specs). Lists of objects are
 * matched by identity (a host by its address, a provider by its name) when the caller says how, so
 * inserting a host reports one added host instead of every later host "changed".
 */
import type { PathSegment } from '../config/diagnostics';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One difference. `old`/`new` are absent for added/removed; secret values are already masked. */
export interface Change {
  /** Display path: `spec.hosts[10.0.0.1].role`, `k0sctl.yaml[Cluster/prod].spec.k0s.version`. */
  readonly path: string;
  readonly kind: ChangeKind;
  readonly old?: unknown;
  readonly new?: unknown;
  /** What the change means for a running cluster, when known. */
  readonly impact?: string;
  /** True when the value is a secret (shown as `(secret changed)`, never the value). */
  readonly secret?: boolean;
  /** Spec diffs of two files: `user` (the files differ there) or `release` (only the defaults differ). */
  readonly origin?: 'user' | 'release';
}

/** Where a value sits: the path shown to users and the real path (indices) used for secret checks. */
export interface Location {
  readonly display: string;
  readonly real: readonly PathSegment[];
}

export interface TreeDiffOptions {
  /** Identity of list items at a location, or undefined to compare by position. */
  readonly identity?: (at: Location, items: readonly unknown[]) => ((item: unknown) => string | undefined) | undefined;
  /** True for secret locations (given the values found there): their values are masked. */
  readonly isSecret?: (real: readonly PathSegment[], values: readonly unknown[]) => boolean;
}

/** The masked stand-in for a secret value. */
export const SECRET_MASK = '(secret)';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

export function child(at: Location, key: PathSegment, label?: string): Location {
  let display: string;
  if (label !== undefined) display = `${at.display}[${label}]`;
  else if (typeof key === 'number') display = `${at.display}[${key}]`;
  else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) display = at.display ? `${at.display}.${key}` : key;
  else display = `${at.display}[${JSON.stringify(key)}]`;
  return { display, real: [...at.real, key] };
}

/** A deep copy with every secret below `at` replaced by `SECRET_MASK`. */
export function maskValue(value: unknown, real: readonly PathSegment[], isSecret?: TreeDiffOptions['isSecret']): unknown {
  if (!isSecret) return value;
  if (typeof value === 'string') return isSecret(real, [value]) ? SECRET_MASK : value;
  if (Array.isArray(value)) return value.map((v, i) => maskValue(v, [...real, i], isSecret));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskValue(v, [...real, k], isSecret);
    return out;
  }
  return value;
}

function uniqueKeys(items: readonly unknown[], key: (item: unknown) => string | undefined): string[] | undefined {
  const keys = items.map(key);
  if (keys.some((k) => k === undefined) || new Set(keys).size !== keys.length) return undefined;
  return keys as string[];
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Every difference from `a` to `b`, in a stable order (a's order, then additions). */
export function diffTrees(a: unknown, b: unknown, at: Location, options: TreeDiffOptions = {}, out: Change[] = []): Change[] {
  const mask = (value: unknown, real: readonly PathSegment[]) => maskValue(value, real, options.isSecret);
  if (a === undefined && b === undefined) return out;
  if (a === undefined) {
    out.push({ path: at.display, kind: 'added', new: mask(b, at.real) });
    return out;
  }
  if (b === undefined) {
    out.push({ path: at.display, kind: 'removed', old: mask(a, at.real) });
    return out;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of Object.keys(a)) diffTrees(a[key], Object.hasOwn(b, key) ? b[key] : undefined, child(at, key), options, out);
    for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) diffTrees(undefined, b[key], child(at, key), options, out);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b) && !(a.every(isScalar) && b.every(isScalar))) {
    diffLists(a, b, at, options, out);
    return out;
  }
  if (deepEqual(a, b)) return out;
  const secret = options.isSecret?.(at.real, [a, b]) === true && (typeof a === 'string' || typeof b === 'string');
  // A secret on either side masks both: the old value must not show when the new one is a secret.
  const show = (value: unknown) => (secret && typeof value === 'string' ? SECRET_MASK : mask(value, at.real));
  out.push({ path: at.display, kind: 'changed', old: show(a), new: show(b), ...(secret ? { secret } : {}) });
  return out;
}

function diffLists(a: readonly unknown[], b: readonly unknown[], at: Location, options: TreeDiffOptions, out: Change[]): void {
  const identify = options.identity?.(at, [...a, ...b]);
  const keysA = identify && uniqueKeys(a, identify);
  const keysB = identify && uniqueKeys(b, identify);
  if (!keysA || !keysB) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffTrees(a[i], b[i], child(at, i), options, out);
    return;
  }
  keysA.forEach((key, i) => {
    const j = keysB.indexOf(key);
    // The real path follows the side the value comes from, so secret checks see real indices.
    if (j < 0) diffTrees(a[i], undefined, { display: child(at, i, key).display, real: [...at.real, i] }, options, out);
    else diffTrees(a[i], b[j], { display: child(at, j, key).display, real: [...at.real, j] }, options, out);
  });
  keysB.forEach((key, j) => {
    if (!keysA.includes(key)) diffTrees(undefined, b[j], { display: child(at, j, key).display, real: [...at.real, j] }, options, out);
  });
}
