/**
 * Secret fields (DECISIONS 17). Their values never reach output files, stdout, stderr, diffs or
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

/** Every secret field present (non-empty) in a spec-shaped value: `[path, value]`. */
export function findSecrets(spec: unknown): [PathSegment[], string][] {
  const out: [PathSegment[], string][] = [];
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (typeof value === 'string') {
      if (value !== '' && isSecretPath(path)) out.push([path, value]);
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(spec, []);
  return out;
}

/**
 * Returns a deep copy of a spec-shaped value with every non-empty secret replaced by its
 * placeholder; `onSecret` is told each variable and field path.
 */
export function replaceSecrets<T>(spec: T, onSecret?: (variable: string, field: string) => void): T {
  const walk = (value: unknown, path: PathSegment[]): unknown => {
    if (typeof value === 'string') {
      if (value !== '' && isSecretPath(path)) {
        const variable = secretVariable(path);
        onSecret?.(variable, `spec.${path.map(String).join('.')}`);
        return `\${${variable}}`;
      }
      return value;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, [...path, k]);
      return out;
    }
    return value;
  };
  return walk(spec, []) as T;
}

/** Masks every occurrence of the given secret values in a text (last line of defence for messages). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return out;
}
