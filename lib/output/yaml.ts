/**
 * Deterministic YAML for every file we write. Serialized as YAML 1.1 so that strings a YAML 1.1
 * reader (k0sctl's yaml.v2, k0s) would type as bool/number/octal (`yes`, `on`, `0755`, `1e3`) are
 * quoted; no line folding; multi-line strings as literal blocks (pitfall 1).
 */
import { stringify } from 'yaml';

const OPTIONS = { version: '1.1' as const, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, indentSeq: false };

/** One YAML document. */
export function toYaml(value: unknown): string {
  return stringify(value, OPTIONS);
}

/** Several documents separated by `---`, in the given order. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map((v) => toYaml(v)).join('---\n');
}

/**
 * k0sctl expands `$VAR`/`${VAR}` over the whole file before parsing (pitfall 2): every literal `$`
 * in a string becomes `$$`, except the `${MKE_…}` placeholders we emit on purpose for secrets.
 */
export function escapeDollarsForK0sctl<T>(value: T): T {
  if (typeof value === 'string') {
    const parts = value.split(/(\$\{MKE_[A-Z0-9_]+\})/);
    return parts.map((part, i) => (i % 2 === 1 ? part : part.replace(/\$/g, '$$$$'))).join('') as T;
  }
  if (Array.isArray(value)) return value.map((v) => escapeDollarsForK0sctl(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeDollarsForK0sctl(v);
    return out as T;
  }
  return value;
}
