/**
 * Secret fields. Their values never reach output files, stdout, stderr, diffs or
 * errors: each is replaced by a `${MKE_<FIELD_PATH>}` placeholder, and source lines that hold one
 * are masked when diagnostics are printed.
 */
import type { PathSegment } from './diagnostics';

/** Secret field paths under `spec`; `*` matches any list index. */
export const SECRET_FIELDS: readonly (readonly PathSegment[])[] = [
  ['license', 'token'],
  ['authentication', 'oidc', 'clientSecret'],
  ['authentication', 'ldap', 'bindPW'],
  ['certificates', 'key'],
  ['network', 'cplb', 'controlPlaneLoadBalancing', 'keepalived', 'vrrpInstances', '*', 'authPass'],
  ['network', 'controlPlaneLoadBalancing', 'keepalived', 'vrrpInstances', '*', 'authPass'],
  // k0sctl's WinRM connection password (k0sctl expands `${VAR}` in its config from the environment).
  ['hosts', '*', 'winRM', 'password'],
];

/**
 * A user name and password in a URL, `scheme://user:password@host` (the scheme may be left out, as
 * curl and Go's http.ProxyFromEnvironment accept for proxies): the whole value is a credential.
 */
export const URL_CREDENTIALS = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^\s/@:]+:[^\s/@]*@/;

/**
 * Secret by value: fields whose value is a secret only when it holds a credential. `?` matches any
 * key. `hosts[].environment` sets variables such as HTTPS_PROXY on the node; a proxy URL there can
 * carry a password.
 */
export const SECRET_WHEN: readonly { readonly path: readonly PathSegment[]; readonly test: (value: string) => boolean }[] = [
  { path: ['hosts', '*', 'environment', '?'], test: (value) => URL_CREDENTIALS.test(value) },
];

function matches(pattern: readonly PathSegment[], path: readonly PathSegment[]): boolean {
  return pattern.length === path.length && pattern.every((p, i) => (p === '*' ? typeof path[i] === 'number' : p === '?' ? typeof path[i] === 'string' : p === path[i]));
}

/** True when a path under `spec` (without the leading `spec`) is a secret field whatever its value. */
export function isSecretPath(path: readonly PathSegment[]): boolean {
  return SECRET_FIELDS.some((pattern) => matches(pattern, path));
}

/**
 * True when `value` at `path` (under `spec`) is a secret: a secret field, or a field that is secret
 * by value holding a credential. Any of `values` counts (a diff's old and new value).
 */
export function isSecretAt(path: readonly PathSegment[], ...values: readonly unknown[]): boolean {
  if (isSecretPath(path)) return true;
  return SECRET_WHEN.some((rule) => matches(rule.path, path) && values.some((v) => typeof v === 'string' && rule.test(v)));
}

/** True when a path under `spec` leads to a secret field (some pattern continues below it): walks over a document descend only there. */
export function mayHoldSecret(path: readonly PathSegment[]): boolean {
  const below = (pattern: readonly PathSegment[]) => pattern.length > path.length && matches(pattern.slice(0, path.length), path);
  return SECRET_FIELDS.some(below) || SECRET_WHEN.some((rule) => below(rule.path));
}

/** A whole `${MKE_…}` placeholder: what mke4.yaml should hold in a secret field. */
export function isSecretPlaceholder(value: string): boolean {
  return /^\$\{MKE_[A-Z0-9_]+\}$/.test(value);
}

/** `${MKE_LICENSE_TOKEN}` style variable name for a secret path under `spec`. */
export function secretVariable(path: readonly PathSegment[]): string {
  return (
    'MKE_' +
    path
      .map((p) => String(p))
      .join('_')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .toUpperCase()
  );
}

/**
 * Visits the values at secret paths only: at each level just the keys some secret pattern can
 * continue with are followed, so the cost is independent of the size of the spec (hosts lists).
 */
function visitSecretPaths(value: unknown, visit: (path: PathSegment[], value: string) => unknown, at: readonly PathSegment[] = []): unknown {
  type Pattern = { readonly path: readonly PathSegment[]; readonly test?: (value: string) => boolean };
  const all: Pattern[] = [...SECRET_FIELDS.map((path) => ({ path })), ...SECRET_WHEN].filter((p) => p.path.length > at.length && matches(p.path.slice(0, at.length), at));
  const walk = (node: unknown, patterns: readonly Pattern[], depth: number, path: PathSegment[]): unknown => {
    if (typeof node === 'string') {
      return node !== '' && patterns.some((p) => p.path.length === depth && (!p.test || p.test(node))) ? visit(path, node) : node;
    }
    if (!node || typeof node !== 'object') return node;
    const next = (key: PathSegment) =>
      patterns.filter((p) => p.path.length > depth && (p.path[depth] === '*' ? typeof key === 'number' : p.path[depth] === '?' ? typeof key === 'string' : p.path[depth] === key));
    if (Array.isArray(node)) {
      let copy: unknown[] | undefined;
      node.forEach((item, i) => {
        const sub = next(i);
        if (!sub.length) return;
        const replaced = walk(item, sub, depth + 1, [...path, i]);
        if (replaced !== item) (copy ??= [...node])[i] = replaced;
      });
      return copy ?? node;
    }
    let copy: Record<string, unknown> | undefined;
    for (const [key, child] of Object.entries(node)) {
      const sub = next(key);
      if (!sub.length) continue;
      const replaced = walk(child, sub, depth + 1, [...path, key]);
      if (replaced !== child) (copy ??= { ...(node as Record<string, unknown>) })[key] = replaced;
    }
    return copy ?? node;
  };
  return walk(value, all, at.length, [...at]);
}

/** Every secret field present (non-empty) in a spec-shaped value: `[path, value]`. */
export function findSecrets(spec: unknown): [PathSegment[], string][] {
  const out: [PathSegment[], string][] = [];
  visitSecretPaths(spec, (path, value) => {
    out.push([path, value]);
    return value;
  });
  return out;
}

/**
 * A spec-shaped value with every non-empty secret replaced by its placeholder (copied along the
 * paths to secrets, everything else shared with the input); `onSecret` is told each variable and
 * field path.
 */
export function replaceSecrets<T>(spec: T, onSecret?: (variable: string, field: string) => void): T {
  return replaceSecretsAt([], spec, onSecret);
}

/** `replaceSecrets` for the value at `path` under `spec` (one host: `['hosts', 3]`). */
export function replaceSecretsAt<T>(path: readonly PathSegment[], value: T, onSecret?: (variable: string, field: string) => void): T {
  return visitSecretPaths(
    value,
    (path) => {
      const variable = secretVariable(path);
      onSecret?.(variable, `spec.${path.map(String).join('.')}`);
      return `\${${variable}}`;
    },
    path,
  ) as T;
}

/** Masks every occurrence of the given secret values in a text (last line of defence for messages). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return out;
}

const VARIABLE_NAME = /^[A-Z0-9_]*$/;

/**
 * Orders secret variable names exactly as `a.localeCompare(b)` does (ICU root collation), without
 * starting ICU's collator, which costs a small synth a few milliseconds. For names of `A-Z`, `0-9`
 * and `_` (every name `secretVariable` makes) that order is character by character with `_` before
 * the digits and the digits before the letters, a shorter prefix first; other names use `localeCompare`.
 */
export function compareVariableNames(a: string, b: string): number {
  if (!VARIABLE_NAME.test(a) || !VARIABLE_NAME.test(b)) return a.localeCompare(b);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    // `_` (95) ranks below `0` (48); digits and capitals keep their ASCII order.
    if (x !== y) return (x === 95 ? 0 : x) < (y === 95 ? 0 : y) ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
