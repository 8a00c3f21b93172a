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
];

/** True when a path under `spec` (without the leading `spec`) is a secret field. */
export function isSecretPath(path: readonly PathSegment[]): boolean {
  return SECRET_FIELDS.some((pattern) => pattern.length === path.length && pattern.every((p, i) => p === '*' ? typeof path[i] === 'number' : p === path[i]));
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
function visitSecretPaths(value: unknown, visit: (path: PathSegment[], value: string) => unknown): unknown {
  const walk = (node: unknown, patterns: readonly (readonly PathSegment[])[], depth: number, path: PathSegment[]): unknown => {
    if (typeof node === 'string') {
      return node !== '' && patterns.some((p) => p.length === depth) ? visit(path, node) : node;
    }
    if (!node || typeof node !== 'object') return node;
    const next = (key: PathSegment) => patterns.filter((p) => p.length > depth && (p[depth] === '*' ? typeof key === 'number' : p[depth] === key));
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
  return walk(value, SECRET_FIELDS, 0, []);
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
  return visitSecretPaths(spec, (path) => {
    const variable = secretVariable(path);
    onSecret?.(variable, `spec.${path.map(String).join('.')}`);
    return `\${${variable}}`;
  }) as T;
}

/** Masks every occurrence of the given secret values in a text (last line of defence for messages). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return out;
}
