/**
 * Kubernetes name and label rules, as pure functions returning the reason a value is invalid (or
 * `undefined`), for names that come from user code rather than a validated mke4.yaml (fleets,
 * ServiceTemplates). The rules are Kubernetes' own (apimachinery `validation.IsDNS1123*`,
 * `IsQualifiedName`, `IsValidLabelValue`).
 */

import { createHash } from 'node:crypto';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** A DNS-1123 label: namespaces, cluster names, anything that becomes a host or folder name. */
export function dns1123LabelError(value: string, max = 63): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > max) return `must be at most ${max} characters (has ${value.length})`;
  if (!DNS1123_LABEL.test(value)) return 'must consist of lower-case letters, digits and "-", and start and end with a letter or digit';
  return undefined;
}

/** A DNS-1123 subdomain: object names (ServiceTemplate, Credential, MultiClusterService, …). */
export function dns1123SubdomainError(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 253) return `must be at most 253 characters (has ${value.length})`;
  if (!DNS1123_SUBDOMAIN.test(value)) return 'must consist of lower-case letters, digits, "-" and ".", and start and end with a letter or digit';
  return undefined;
}

/** A label key: `[prefix/]name`, prefix a DNS-1123 subdomain, name ≤ 63 characters. */
export function labelKeyError(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    const prefixError = dns1123SubdomainError(prefix);
    if (prefixError) return `prefix "${prefix}" ${prefixError}`;
  }
  if (name.length === 0) return 'name part must not be empty';
  if (name.length > 63) return `name part must be at most 63 characters (has ${name.length})`;
  if (!QUALIFIED_NAME_PART.test(name)) return 'name part must consist of letters, digits, "-", "_" and ".", and start and end with a letter or digit';
  return undefined;
}

/** A label value: empty, or ≤ 63 characters of letters, digits, `-_.`, alphanumeric at both ends. */
export function labelValueError(value: string): string | undefined {
  if (value.length === 0) return undefined;
  if (value.length > 63) return `must be at most 63 characters (has ${value.length})`;
  if (!QUALIFIED_NAME_PART.test(value)) return 'must consist of letters, digits, "-", "_" and ".", and start and end with a letter or digit';
  return undefined;
}

/** Every problem of a label map, as `key: reason` lines. */
export function labelMapErrors(labels: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const keyError = labelKeyError(key);
    if (keyError) out.push(`label key "${key}" ${keyError}`);
    const valueError = labelValueError(value);
    if (valueError) out.push(`label "${key}" value "${value}" ${valueError}`);
  }
  return out;
}

/** A stable object name from free text: `oci://ghcr.io/k0rdent/catalog/charts` → `ghcr-io-k0rdent-catalog-charts`. */
export function slug(text: string, max = 63): string {
  const cleaned = text
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned.slice(0, max).replace(/-+$/, '') || 'x';
}

/** kcm's naming convention for versioned objects: `ingress-nginx` + `4.11.0` → `ingress-nginx-4-11-0` (the k0rdent catalog, github.com/k0rdent/catalog). */
export function versionedName(name: string, version: string): string {
  return `${name}-${version.replace(/^v/, '').replace(/[.+_]/g, '-')}`.toLowerCase();
}

/** JSON with object keys sorted at every level and no whitespace: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * `<base>-<first 6 hex of the sha256 of the canonical JSON of spec>`: a name that changes whenever
 * the spec does. kcm makes the spec of templates immutable (CRD CEL `self == oldSelf`, e.g.
 * templates/provider/kcm/templates/crds/k0rdent.mirantis.com_servicetemplates.yaml), so new content
 * must be a new object, never an update.
 */
export function contentHashedName(base: string, spec: unknown): string {
  return `${base}-${createHash('sha256').update(canonicalJson(spec)).digest('hex').slice(0, 6)}`;
}
