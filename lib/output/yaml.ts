/**
 * Deterministic YAML for every file we write. Serialized as YAML 1.1 so that strings a YAML 1.1
 * reader (k0sctl's yaml.v2, k0s) would type as bool/number/octal (`yes`, `on`, `0755`, `1e3`) are
 * quoted; no line folding; multi-line strings as literal blocks (cdk8s#494, cdk8s-core#1850).
 */
import { Document, isScalar, Scalar, visit } from 'yaml';

const OPTIONS = { version: '1.1' as const, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, indentSeq: false };
/**
 * `directives: false`: a document we build has no directive to print (no `%YAML`, only the default
 * `!!` tag handle), and the library would otherwise walk every node of it to collect the tags in
 * use before printing nothing (a third of the cost of printing a 10,000-host file).
 */
const TO_STRING = { ...OPTIONS, directives: false as const };

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
  return blockYaml(value, options) ?? libraryYaml(value, options);
}

/** One YAML document, always through the yaml library (what `toYaml` must equal; for tests). */
export function libraryYaml(value: unknown, options: YamlOptions = {}): string {
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
  return doc.toString(TO_STRING);
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

/**
 * The common case printed directly, byte for byte as the yaml library prints it with the options
 * above: block mappings and sequences (`indentSeq: false`) of plain objects and arrays, with
 * numbers, booleans, null and single-line strings that the library prints plain or as a quoted
 * placeholder. Building the library's node tree costs most of the time of printing a large file
 * (every host of a 10,000-host cluster, every child of a fleet); anything outside that subset (a
 * multi-line string, one that needs quotes, a `<<` key, a class instance) returns `undefined` and
 * the caller uses the library. `test/output/yaml.test.ts` compares both over generated values.
 */
function blockYaml(value: unknown, options: YamlOptions): string | undefined {
  const quote = options.quotePlaceholders === true;
  const dollars = options.escapeK0sctlDollars === true;
  const out: string[] = [];
  // `indent`: of the key or `- ` the scalar follows (a block scalar's lines are indented by two more).
  const scalar = (v: unknown, indent: string): string | undefined => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string': {
        const s = dollars ? escapeDollarsForK0sctl(v) : v;
        if (quote && isPlaceholder(s)) return `"${s}"`;
        if (isPlain(s)) return s;
        const line = quotedLine(s);
        if (line !== undefined) return line;
        const text = libraryScalar(s);
        if (text === undefined) return undefined;
        return indent && text.includes('\n') ? text.replace(/\n(?=[^\n])/g, '\n' + indent) : text;
      }
      case 'number':
        return Number.isFinite(v) && !Object.is(v, -0) ? String(v) : undefined;
      case 'boolean':
        return v ? 'true' : 'false';
      default:
        return undefined;
    }
  };
  // An empty collection is printed in flow style (`[]`, `{}`); `undefined` when not a plain one.
  const emptyForm = (v: object): string | undefined => {
    if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return undefined;
    for (const k in v) if ((v as Record<string, unknown>)[k] !== undefined) return undefined;
    return '{}';
  };
  const isPlainObject = (v: object): boolean => {
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  };
  // Writes a non-empty collection whose first line continues the current line, at `indent`.
  const collection = (v: object, indent: string): boolean => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) return false;
        if (i > 0) out.push(indent);
        out.push('- ');
        const child: unknown = v[i];
        if (child !== null && typeof child === 'object') {
          const flow = emptyForm(child);
          if (flow !== undefined) out.push(flow, '\n');
          else if (!collection(child, indent + '  ')) return false;
          continue;
        }
        const text = scalar(child, indent);
        if (text === undefined) return false;
        out.push(text, '\n');
      }
      return v.length > 0;
    }
    if (!isPlainObject(v)) return false;
    let first = true;
    for (const key of Object.keys(v)) {
      const child = (v as Record<string, unknown>)[key];
      if (child === undefined) continue;
      // A key holding `$` (k0sctl expands it in keys too) goes to the library path, which escapes it.
      if (key === '<<' || key.length > 1000 || !isPlain(key) || (quote && isPlaceholder(key)) || (dollars && key.includes('$'))) return false;
      if (!first) out.push(indent);
      first = false;
      out.push(key, ':');
      if (child !== null && typeof child === 'object') {
        const flow = emptyForm(child);
        if (flow !== undefined) {
          out.push(' ', flow, '\n');
          continue;
        }
        // A sequence under a key is not indented (`indentSeq: false`); a mapping is, by two.
        const inner = Array.isArray(child) ? indent : indent + '  ';
        out.push('\n', inner);
        if (!collection(child, inner)) return false;
        continue;
      }
      const text = scalar(child, indent);
      if (text === undefined) return false;
      out.push(' ', text, '\n');
    }
    return !first;
  };
  if (value === null || typeof value !== 'object' || emptyForm(value) !== undefined) return undefined;
  return collection(value, '') ? out.join('') : undefined;
}

/** What the library's `plainString` refuses to print plain (yaml stringifyString.js), for a value in a block. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;

/**
 * A one-line string of printable ASCII (no backslash) as the library prints it as a value in a
 * block (yaml stringifyString.js `plainString` and `quotedString` with the default `singleQuote`):
 * plain unless an indicator or a YAML 1.1 type says otherwise; then single-quoted when it holds a
 * `"` and no `'`, else double-quoted (JSON's escaping is the library's for these characters).
 * `undefined` for anything else.
 */
function quotedLine(s: string): string | undefined {
  if (!/^[\x20-\x5b\x5d-\x7e]*$/.test(s) || s.startsWith('---') || s.startsWith('...')) return undefined;
  if (!NOT_PLAIN.test(s) && !typedScalar(s)) return s;
  return s.includes('"') && !s.includes("'") ? `'${s}'` : JSON.stringify(s);
}

/** Strings the library printed (quoted, or a literal block), by value. */
const libraryScalars = new Map<string, string | undefined>();
const LIBRARY_SCALARS_KEPT = 10_000;

/**
 * How the library prints a string that is not plain, as the value of a key at the left margin
 * (`|-` and the lines two spaces in; the caller indents them further): quoted strings print the
 * same anywhere in a block, a literal block's lines move with their key. `undefined` for a block
 * that keeps trailing newlines (`|+`, whose end depends on what follows) or anything else unusual.
 */
function libraryScalar(s: string): string | undefined {
  if (libraryScalars.has(s)) return libraryScalars.get(s);
  const printed = new Document({ k: s }, OPTIONS).toString(TO_STRING);
  let text: string | undefined = printed.startsWith('k: ') && printed.endsWith('\n') ? printed.slice(3, -1) : undefined;
  if (text !== undefined && text.includes('\n') && !/^\|-?\n/.test(text)) text = undefined;
  if (libraryScalars.size < LIBRARY_SCALARS_KEPT) libraryScalars.set(s, text);
  return text;
}

/** Characters of a string `isPlain` may accept; anything else goes to the library. */
const PLAIN_CHARS = /^[A-Za-z0-9_./:=+@~-]+$/;
type TagTest = { test?: RegExp; default?: boolean | string; tag: string };
let typedScalarTests: TagTest[] | undefined;

/**
 * True when the library prints `s` as a plain scalar (yaml stringifyString.js `plainString`): a
 * single line of unremarkable characters, not starting with an indicator or a document marker,
 * not ending in `:`, and not read as another type by a YAML 1.1 reader — the last test is the
 * library's own, over the same schema's tags.
 */
function isPlain(s: string): boolean {
  if (!PLAIN_CHARS.test(s)) return false;
  // A leading `@`, a lone `-`, a trailing `:`, `---` / `...` at the start.
  if (s.charCodeAt(0) === 64 /* @ */ || s === '-' || s.charCodeAt(s.length - 1) === 58 /* : */ || s.startsWith('---') || s.startsWith('...')) return false;
  return !typedScalar(s);
}

/** True when a YAML 1.1 reader would take the plain scalar `s` as another type than a string (the library's own test). */
function typedScalar(s: string): boolean {
  typedScalarTests ??= (() => {
    const schema = new Document(null, OPTIONS).schema as unknown as { tags: TagTest[]; compat?: TagTest[] | null };
    return [...schema.tags, ...(schema.compat ?? [])].filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test);
  })();
  for (const t of typedScalarTests) if (t.test!.test(s)) return true;
  return false;
}
