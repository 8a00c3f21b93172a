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
  /**
   * Escape every literal `$` in string values for k0sctl (`escapeDollarsForK0sctl`), while the
   * document is built instead of in a separate copy of the value.
   * @default false
   */
  readonly escapeK0sctlDollars?: boolean;
}

const PLACEHOLDER = /^\$\{MKE_[A-Z0-9_]+\}$/;

/** True when a string is exactly one `${MKE_…}` placeholder (a cheap first-character test before the regex). */
function isPlaceholder(s: string): boolean {
  return s.charCodeAt(0) === 36 /* $ */ && PLACEHOLDER.test(s);
}

/** One YAML document. */
export function toYaml(value: unknown, options: YamlOptions = {}): string {
  const quote = options.quotePlaceholders === true;
  const dollars = options.escapeK0sctlDollars === true;
  // One walk over the value: the yaml library calls the replacer for every value as it builds the
  // nodes, so the `$` escaping and the placeholder quoting happen there. The node visit below is
  // only needed for map keys (a `<<` key, a key that is a placeholder), which a replacer cannot
  // change; such keys are rare, so the visit runs only when one was seen.
  let keysToFix = false;
  const replacer = (key: string, v: unknown): unknown => {
    if (!keysToFix && (key === '<<' || (quote && typeof key === 'string' && isPlaceholder(key)) || (dollars && typeof key === 'string' && key.includes('$')))) keysToFix = true;
    if (typeof v !== 'string') return v;
    const s = dollars ? escapeDollarsForK0sctl(v) : v;
    if (quote && isPlaceholder(s)) {
      const node = new Scalar(s);
      node.type = 'QUOTE_DOUBLE';
      return node;
    }
    return s;
  };
  const doc = new Document(value, replacer, OPTIONS);
  if (keysToFix) {
    visit(doc, {
      Pair(_key, pair) {
        // A plain `<<` key is a merge key to a YAML 1.1 reader (k0sctl, k0s): a map key that is the
        // string "<<" (from Helm values, say) is written `!!str "<<"` so it stays an ordinary key
        // (the yaml library prints a bare `<<` for it, quoted or not, unless the tag is explicit).
        const key: unknown = pair.key;
        // k0sctl expands `$` in map keys too (envsubst runs over the whole file, k0sctl cmd/flags.go).
        if (dollars && isScalar(key) && typeof key.value === 'string' && key.value.includes('$')) key.value = escapeDollarsForK0sctl(key.value);
        else if (dollars && typeof key === 'string' && key.includes('$')) pair.key = new Scalar(escapeDollarsForK0sctl(key));
        if (key === '<<' || (isScalar(key) && key.value === '<<')) {
          const quoted = new Scalar('<<');
          quoted.type = 'QUOTE_DOUBLE';
          quoted.tag = 'tag:yaml.org,2002:str';
          pair.key = quoted;
        }
      },
      Scalar(_key, node) {
        if (quote && typeof node.value === 'string' && PLACEHOLDER.test(node.value)) node.type = 'QUOTE_DOUBLE';
      },
    });
  }
  return doc.toString(OPTIONS);
}

/** Several documents separated by `---`, in the given order. */
export function toYamlDocuments(values: readonly unknown[], options: YamlOptions = {}): string {
  return values.map((v) => toYaml(v, options)).join('---\n');
}

/**
 * k0sctl expands `$VAR`/`${VAR}` over the whole file before parsing (k0sctl#258): every literal `$`
 * in a string (a value or a map key) becomes `$$`, except the `${MKE_…}` placeholders we emit on purpose for secrets.
 */
export function escapeDollarsForK0sctl<T>(value: T): T {
  if (typeof value === 'string') {
    if (!value.includes('$')) return value;
    const parts = value.split(/(\$\{MKE_[A-Z0-9_]+\})/);
    return parts.map((part, i) => (i % 2 === 1 ? part : part.replace(/\$/g, '$$$$'))).join('') as T;
  }
  if (Array.isArray(value)) return value.map((v) => escapeDollarsForK0sctl(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k.includes('$') ? escapeDollarsForK0sctl(k) : k] = escapeDollarsForK0sctl(v);
    return out as T;
  }
  return value;
}
