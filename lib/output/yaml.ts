/**
 * Deterministic YAML for every file we write. Serialized as YAML 1.1 so that strings a YAML 1.1
 * reader (k0sctl's yaml.v2, k0s) would type as bool/number/octal (`yes`, `on`, `0755`, `1e3`) are
 * quoted; no line folding; multi-line strings as literal blocks (cdk8s#494, cdk8s-core#1850).
 */
import { Document, isScalar, Scalar, visit } from 'yaml';

const OPTIONS = { version: '1.1' as const, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, indentSeq: false };

export interface YamlOptions {
  /**
   * Write each `${MKE_…}` secret placeholder as a double-quoted scalar. Flux fills
   * placeholders in the text: in a plain scalar a value such as `12345` or `a: b` would change type
   * or break the document; in double quotes it stays a string, and a multi-line value (a PEM key)
   * can be stored with `\n` escapes.
   * @default false
   */
  readonly quotePlaceholders?: boolean;
}

const PLACEHOLDER = /^\$\{MKE_[A-Z0-9_]+\}$/;

/** One YAML document. */
export function toYaml(value: unknown, options: YamlOptions = {}): string {
  const doc = new Document(value, OPTIONS);
  visit(doc, {
    Pair(_key, pair) {
      // A plain `<<` key is a merge key to a YAML 1.1 reader (k0sctl, k0s): a map key that is the
      // string "<<" (from Helm values, say) is written `!!str "<<"` so it stays an ordinary key
      // (the yaml library prints a bare `<<` for it, quoted or not, unless the tag is explicit).
      const key: unknown = pair.key;
      if (key === '<<' || (isScalar(key) && key.value === '<<')) {
        const quoted = new Scalar('<<');
        quoted.type = 'QUOTE_DOUBLE';
        quoted.tag = 'tag:yaml.org,2002:str';
        pair.key = quoted;
      }
    },
    Scalar(_key, node) {
      if (options.quotePlaceholders && typeof node.value === 'string' && PLACEHOLDER.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString(OPTIONS);
}

/** Several documents separated by `---`, in the given order. */
export function toYamlDocuments(values: readonly unknown[], options: YamlOptions = {}): string {
  return values.map((v) => toYaml(v, options)).join('---\n');
}

/**
 * k0sctl expands `$VAR`/`${VAR}` over the whole file before parsing (k0sctl#258): every literal `$`
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
