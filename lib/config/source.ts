/**
 * Parses one mke4.yaml with positions and guards against hostile input (size, binary, alias bombs,
 * duplicate keys, several documents, non-mapping roots). Offsets are kept; line:col is computed when
 * a diagnostic is made.
 */
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseAllDocuments, Scalar, visit, YAMLMap } from 'yaml';
import { Diagnostic, DiagnosticCode, formatPath, PathSegment, Severity } from './diagnostics';
import { isSecretAt, mayHoldSecret } from './secrets';

/** Inputs larger than this are refused before parsing. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;
/** Aliases a document may expand; more is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;
/**
 * YAML syntax diagnostics kept per file. One broken construct (a tab, a 100 000-deep flow list) can
 * make the parser report thousands of follow-on errors; the first few say all there is to say.
 */
export const MAX_SYNTAX_DIAGNOSTICS = 10;

/** A parsed input document with the means to point at its nodes. */
export class SourceDocument {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly doc: Document.Parsed | undefined,
    private readonly lines: LineCounter,
  ) {}

  /** Position of an offset, 1-based. */
  position(offset: number): { line: number; col: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line, col };
  }

  /**
   * Position of the node at `path`. When the path does not exist in the file (a missing key, or a
   * value that only a default supplies) the diagnostic goes to the key of the nearest existing
   * ancestor (`apiServer:` for a missing `apiServer.externalAddress`), not to the first line of
   * its value, which would name an unrelated field. `onKey` points at the key instead of the
   * value (unknown keys).
   */
  locate(path: readonly PathSegment[], onKey = false): { line?: number; col?: number } {
    if (!this.doc?.contents) return {};
    let node: unknown = this.doc.contents;
    let best: Node | undefined = node as Node;
    // The key of the last pair walked through; where a missing child is reported.
    let ancestorKey: Node | undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = (node as YAMLMap).items.find((p) => isScalar(p.key) && String((p.key as Scalar).value) === String(seg));
        if (!pair) {
          if (ancestorKey?.range) best = ancestorKey;
          break;
        }
        if (last && onKey && pair.key) {
          best = pair.key as Node;
          break;
        }
        node = pair.value;
        ancestorKey = pair.key as Node | undefined;
        // An empty value (`hosts:` with nothing after it) has no text to point at: use its key.
        if (last && isScalar(node) && node.value === null && !node.source && pair.key) best = pair.key as Node;
        else if (node && (node as Node).range) best = node as Node;
        else {
          best = (pair.key as Node) ?? best;
          break;
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (!item) {
          if (ancestorKey?.range) best = ancestorKey;
          break;
        }
        node = item;
        // Inside a list item, a missing key is reported at the item itself.
        ancestorKey = undefined;
        if ((item as Node).range) best = item as Node;
      } else break;
    }
    if (!best?.range) return {};
    return this.position(best.range[0]);
  }

  /**
   * The text of a 1-based line (for the caret display). Lines that hold a secret value come back
   * masked: the key stays, the value becomes `***`.
   */
  lineText(line: number): string {
    const start = line <= 1 ? 0 : (this.lines.lineStarts[line - 1] ?? this.text.length);
    const end = this.text.indexOf('\n', start);
    const text = this.text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
    // No document parsed (several documents, too large, not text): which lines hold a secret is
    // unknown, so every value is masked.
    if (!this.doc) return maskUnclassified(text);
    if (!this.secretLines().has(line)) return maskUrlPasswords(text);
    const m = /^(\s*(?:- )?[A-Za-z0-9_.-]+:)/.exec(text);
    return m ? `${m[1]} ***` : text.replace(/\S.*$/, '***');
  }

  private secretLineSet?: Set<number>;

  /** Lines covered by the value of a secret field. */
  secretLines(): Set<number> {
    if (this.secretLineSet) return this.secretLineSet;
    const set = new Set<number>();
    const walk = (node: unknown, path: PathSegment[]): void => {
      // Checked before descending: a secret written as a list or mapping (a type error we report
      // on that very line) is still a secret.
      if (path[0] === 'spec' && isSecretAt(path.slice(1), isScalar(node) ? String(node.value) : undefined) && (node as Node | null)?.range) {
        const range = (node as Node).range as [number, number, number];
        const from = this.position(range[0]).line;
        const to = this.position(Math.max(range[0], range[1] - 1)).line;
        for (let l = from; l <= to; l++) set.add(l);
      } else if (path.length > 1 && path[0] === 'spec' && !mayHoldSecret(path.slice(1))) {
        // Nothing below is a secret field (most of a hosts list): not walked.
      } else if (isMap(node)) {
        for (const pair of node.items) if (isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
      } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
    };
    walk(this.doc?.contents, []);
    this.secretLineSet = set;
    return set;
  }

  /** Makes a diagnostic positioned at `path`. */
  diag(code: DiagnosticCode, severity: Severity, path: readonly PathSegment[], message: string, hint?: string, onKey = false): Diagnostic {
    return { code, severity, message, path: formatPath(path), file: this.file, ...this.locate(path, onKey), ...(hint ? { hint } : {}) };
  }
}

/** `user:password@` anywhere in a line (a URL in any field) becomes `user:***@`. */
export function maskUrlPasswords(text: string): string {
  return text.replace(/([^\s/@:'"]+:)[^\s/@'"]+@/g, '$1***@');
}

/**
 * A source line whose content cannot be classified: document markers and bare keys stay (they show
 * where the problem is), every value becomes `***`.
 */
export function maskUnclassified(text: string): string {
  if (/^\s*(?:---|\.\.\.)?\s*$/.test(text)) return text;
  const key = /^(\s*(?:- )*[A-Za-z0-9_.-]+:)(?=\s|$)/.exec(text);
  if (key) return /^\s*$/.test(text.slice(key[1].length)) ? text : `${key[1]} ***`;
  const marker = /^(?:---|\.\.\.)\s+/.exec(text);
  return `${marker ? marker[0] : (/^\s*/.exec(text) as RegExpExecArray)[0]}***`;
}

export interface ParsedSource {
  readonly source: SourceDocument;
  /** The document as plain data, when it parsed. */
  readonly value?: unknown;
  readonly diagnostics: Diagnostic[];
}

/** The diagnostic for an input over MAX_INPUT_BYTES (also used before reading a file). */
export function tooLargeDiagnostic(file: string): Diagnostic {
  return {
    code: 'yaml-too-large',
    severity: 'error',
    message: `the file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`,
    path: '',
    file,
    line: 1,
    col: 1,
    hint: 'an mke4.yaml is a few kilobytes; check that the right file was given',
  };
}

/**
 * Document markers (`---`) a file may hold. One document is expected; a few empty ones (a leading
 * and a trailing `---`) are harmless. Counted before parsing: the parser builds an object per
 * document, and a million empty documents (4 MB) took 22 s and 1 GB.
 */
export const MAX_DOCUMENT_MARKERS = 100;
/**
 * Keys one mapping may hold. The largest mappings of an mke4.yaml (Calico `extraConfig`, node
 * selectors) hold dozens; the bound keeps every step that looks keys up (duplicate checks, source
 * positions of diagnostics) far from quadratic blow-up.
 */
export const MAX_MAP_KEYS = 1000;
/**
 * Lines plus flow items (`,`, `[`, `{`) a file may hold, counted before parsing. The YAML parser
 * spends ~5–10 µs per node (a 4 MB flow list of 2 million items took 12 s), so the size cap alone
 * does not bound the time; this does, at ~10× the lines of a 1,000-host file.
 */
export const MAX_YAML_NODES = 100_000;

export interface ParseOptions {
  /** Accept any root (a list for `init --hosts`), not only a mapping. @default false */
  readonly anyRoot?: boolean;
}

/** Parses text into one YAML document; never throws for bad input. */
export function parseSource(text: string, file: string, options: ParseOptions = {}): ParsedSource {
  const lines = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const empty = new SourceDocument(file, text, undefined, lines);
  const fail = (code: DiagnosticCode, message: string, hint?: string, pos: { line?: number; col?: number } = {}): ParsedSource => ({
    source: empty,
    diagnostics: [{ code, severity: 'error', message, path: '', file, ...pos, ...(hint ? { hint } : {}) }],
  });

  // Checked on the string length first: byteLength of a 100 MB string is itself work we need not do.
  if (text.length > MAX_INPUT_BYTES || Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) return { source: empty, diagnostics: [tooLargeDiagnostic(file)] };
  const binaryAt = text.search(/[\u0000\uFFFD]/);
  if (binaryAt !== -1) {
    // Point at the first bad byte: in a text file with one stray NUL that is the place to fix.
    return fail('yaml-binary', 'the file is not text (it contains NUL bytes or invalid UTF-8)', 'give the path of an mke4.yaml file', textPosition(text, binaryAt));
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  const nodes = nodeEstimate(body, MAX_YAML_NODES + 1);
  if (nodes.count > MAX_YAML_NODES) {
    return fail('yaml-too-large', `the file holds more than ${MAX_YAML_NODES.toLocaleString('en-US')} lines and flow items`, 'an mke4.yaml of 1,000 hosts has about 6,000 lines; check that the right file was given', textPosition(body, nodes.at));
  }
  const markers = documentMarkers(body, MAX_DOCUMENT_MARKERS + 1);
  if (markers.length > MAX_DOCUMENT_MARKERS) {
    return fail('yaml-multiple-documents', `the file holds more than ${MAX_DOCUMENT_MARKERS} YAML documents; one MkeConfig per file is expected`, 'split the documents into one file each', textPosition(body, markers[1]));
  }

  // logLevel 'error': the yaml library would otherwise print its own warnings (e.g. about
  // collection keys) on the process's stderr, outside our diagnostics. uniqueKeys off: the
  // library's check compares every key with every other (40,000 keys took 109 s); duplicates are
  // found below in linear time.
  const docs = parseAllDocuments(body, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, merge: true, strict: true, logLevel: 'error' });
  const source = new SourceDocument(file, body, undefined, lines);
  if (!Array.isArray(docs)) {
    return { source, diagnostics: [{ code: 'yaml-syntax', severity: 'error', message: 'the file holds no YAML document', path: '', file }] };
  }
  // An empty document (a trailing `---`, or one holding only comments) is not a second document.
  const real = docs.filter((d) => !isEmptyDocument(d) || d.errors.length > 0);
  if (real.length === 0) {
    return { source, diagnostics: [{ code: 'yaml-not-mapping', severity: 'error', message: 'the file is empty', path: '', file, line: 1, col: 1, hint: 'start from `mke4k init`' }] };
  }
  if (real.length > 1) {
    const second = real[1];
    const pos = second.range ? lines.linePos(second.range[0]) : { line: 1, col: 1 };
    return {
      source,
      diagnostics: [
        {
          code: 'yaml-multiple-documents',
          severity: 'error',
          message: `the file holds ${real.length} YAML documents; one MkeConfig per file is expected`,
          path: '',
          file,
          line: pos.line,
          col: pos.col,
          hint: 'split the documents into one file each',
        },
      ],
    };
  }
  const doc = real[0];
  const located = new SourceDocument(file, body, doc, lines);
  const seenSyntax = new Set<string>();
  const big = mapKeyProblems(doc);
  if (big.tooMany) {
    const pos = lines.linePos(big.tooMany);
    return { source: located, diagnostics: [{ code: 'yaml-too-large', severity: 'error', message: `a mapping holds more than ${MAX_MAP_KEYS} keys`, path: '', file, ...pos, hint: 'an mke4.yaml mapping holds a few dozen keys; check the file' }] };
  }
  for (const err of [...doc.errors, ...doc.warnings, ...big.duplicates]) {
    const deeper = err.code === 'BLOCK_AS_IMPLICIT_KEY' || err.code === 'MULTILINE_IMPLICIT_KEY' ? overIndentedKey(body, err.pos[0]) : undefined;
    if (deeper) {
      // The parser reports a value that runs on into a deeper-indented `key:` line at the value; the
      // line that is wrong is the deeper one.
      if (seenSyntax.has(`deeper:${deeper.offset}`) || diagnostics.length >= MAX_SYNTAX_DIAGNOSTICS) continue;
      seenSyntax.add(`deeper:${deeper.offset}`);
      const at = lines.linePos(deeper.offset);
      diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: `this key is indented deeper (column ${at.col}) than the key above it (column ${deeper.expectedCol})`, path: '', file, line: at.line, col: at.col, hint: `start it at column ${deeper.expectedCol}, under the key above, or nest it under a key that has no value` });
      continue;
    }
    const pos = lines.linePos(openingQuote(body, err) ?? skipSpaces(body, err.pos[0]));
    const duplicate = err.code === 'DUPLICATE_KEY';
    // One cause, one diagnostic: the parser repeats the same message for every level of a
    // too-deep structure ("Maximum call stack size exceeded"); keep the first of each.
    const tooDeep = /call stack size/i.test(err.message);
    const key = tooDeep ? 'too-deep' : `${err.code}:${firstLine(err.message)}:${duplicate ? err.pos[0] : ''}`;
    if (seenSyntax.has(key) || diagnostics.length >= MAX_SYNTAX_DIAGNOSTICS) continue;
    seenSyntax.add(key);
    diagnostics.push({
      code: duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
      severity: doc.warnings.includes(err as never) ? 'warning' : 'error',
      message: tooDeep ? 'the document nests too deeply to parse' : firstLine(err.message),
      path: '',
      file,
      line: pos.line,
      col: pos.col,
      hint: duplicate ? 'remove one of the two keys; YAML keeps only one of them' : tooDeep ? 'an mke4.yaml nests a few levels deep; check brackets and indentation here' : 'fix the YAML syntax at this position',
    });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { source: located, diagnostics };
  if (!isMap(doc.contents) && !options.anyRoot) {
    const pos = doc.contents?.range ? lines.linePos(doc.contents.range[0]) : { line: 1, col: 1 };
    diagnostics.push({
      code: 'yaml-not-mapping',
      severity: 'error',
      message: 'the document must be a mapping with apiVersion, kind, metadata and spec',
      path: '',
      file,
      ...pos,
      hint: 'start from `mke4k init`',
    });
    return { source: located, diagnostics };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (/^Unresolved alias/.test((e as Error).message)) {
      // `*name` without an `&name` anchor before it: a mistake in the file, not an attack.
      diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: firstLine((e as Error).message), path: '', file, ...firstAliasPosition(doc, lines), hint: 'define the anchor (&name) before using the alias (*name), or write the value out' });
      return { source: located, diagnostics };
    }
    if (e instanceof RangeError) {
      // Deep nesting the parser survived but conversion did not: not an alias problem.
      diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: 'the document nests too deeply to parse', path: '', file, line: 1, col: 1, hint: 'an mke4.yaml nests a few levels deep' });
      return { source: located, diagnostics };
    }
    diagnostics.push({
      code: 'yaml-alias-limit',
      severity: 'error',
      message: `aliases expand beyond the limit of ${MAX_ALIAS_COUNT} (${firstLine((e as Error).message)})`,
      path: '',
      file,
      ...firstAliasPosition(doc, lines),
      hint: 'write the values out instead of repeating large anchors',
    });
    return { source: located, diagnostics };
  }
  return { source: located, value, diagnostics };
}

/** Newlines, commas and flow openers, counted up to `limit` (and where the limit was reached). */
export function nodeEstimate(text: string, limit: number): { count: number; at: number } {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // \n , [ {
    if (c === 10 || c === 44 || c === 91 || c === 123) {
      if (++count >= limit) return { count, at: i };
    }
  }
  return { count, at: 0 };
}

/** Offsets of the first `limit` document markers (`---` or `...` at the start of a line). */
function documentMarkers(text: string, limit: number): number[] {
  const out: number[] = [];
  const re = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) out.push(m.index);
  return out;
}

/** A duplicate key, in the shape of the parser's own errors. */
interface KeyError {
  readonly code: 'DUPLICATE_KEY';
  readonly message: string;
  readonly pos: [number, number];
}

/**
 * Duplicate scalar keys in every mapping (a hash set per mapping: linear), and the first mapping
 * with more than MAX_MAP_KEYS keys. Merge keys (`<<`) may repeat.
 */
function mapKeyProblems(doc: Document.Parsed): { duplicates: KeyError[]; tooMany?: number } {
  const duplicates: KeyError[] = [];
  let tooMany: number | undefined;
  visit(doc, {
    Map(_key, map) {
      if (map.items.length > MAX_MAP_KEYS) {
        tooMany = map.range?.[0] ?? 0;
        return visit.BREAK;
      }
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key) || (key.value === '<<' && !key.type?.startsWith('QUOTE'))) continue;
        // `1:` and `"1":` are one key once read into an object: compare as text.
        const text = String(key.value);
        if (seen.has(text)) duplicates.push({ code: 'DUPLICATE_KEY', message: 'Map keys must be unique', pos: [key.range?.[0] ?? 0, key.range?.[1] ?? 0] });
        else seen.add(text);
      }
      return undefined;
    },
  });
  return { duplicates, tooMany };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/**
 * For an unterminated quoted string the parser reports where it gave up (often the end of the file);
 * the quote to close is the one that opened the string, so point there.
 */
function openingQuote(text: string, err: { code: string; message: string; pos: [number, number] }): number | undefined {
  const m = /^Missing closing (["'])quote/.exec(err.message);
  if (err.code !== 'MISSING_CHAR' || !m) return undefined;
  const quote = m[1];
  let at = Math.min(err.pos[0], text.length);
  for (;;) {
    at = text.lastIndexOf(quote, at - 1);
    if (at <= 0) return at < 0 ? undefined : at;
    // An escaped quote (\" or '') is part of the string, not its start.
    if (quote === '"' && text[at - 1] === '\\') continue;
    if (quote === "'" && text[at - 1] === "'") {
      at--;
      continue;
    }
    return at;
  }
}

/**
 * Indentation errors are reported at the start of the line; the caret belongs under the item that is
 * misplaced. Only spaces are skipped: a tab is itself the error to point at.
 */
function skipSpaces(text: string, offset: number): number {
  let at = offset;
  while (text[at] === ' ') at++;
  return at < text.length && text[at] !== '\n' && text[at] !== '\r' ? at : offset;
}

/** Empty, or only comments: the parser gives a null scalar with no source text. */
function isEmptyDocument(doc: Document.Parsed): boolean {
  const c = doc.contents;
  return c === null || (isScalar(c) && c.value === null && !c.source && !c.tag && !c.anchor);
}

/** 1-based line:col of an offset, without building a LineCounter (used before parsing). */
function textPosition(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** Where an alias bomb starts: the first alias in the document (1:1 when none has a position). */
function firstAliasPosition(doc: Document.Parsed, lines: LineCounter): { line: number; col: number } {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.range) {
        offset = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset === undefined ? { line: 1, col: 1 } : lines.linePos(offset);
}

/** True when the node at the path is a quoted scalar in the source (used for hints). */
export function isQuoted(source: SourceDocument, path: readonly PathSegment[]): boolean {
  const node = source.doc?.getIn(path, true);
  return isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
}

export { isPair };

/**
 * For an error inside `key: value` whose next content line is a deeper-indented `other: …`: the
 * offset of that line's key and the column the key above starts at. Undefined otherwise.
 */
function overIndentedKey(text: string, offset: number): { offset: number; expectedCol: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) return undefined;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  // Only a plain `key: value` line (a garbled line such as `key: : :` is itself the wrong one).
  if (!/^\s*(?:-\s+)?[^\s#:'"][^:]*:\s+[^\s:#'"][^:#]*$/.test(line)) return undefined;
  const keyCol = /^(\s*(?:-\s+)?)\S/.exec(line)?.[1].length;
  if (keyCol === undefined) return undefined;
  let next = lineEnd + 1;
  while (next < text.length) {
    const end = text.indexOf('\n', next) < 0 ? text.length : text.indexOf('\n', next);
    const content = text.slice(next, end);
    if (/^\s*(#.*)?\r?$/.test(content)) {
      next = end + 1;
      continue;
    }
    const indent = /^\s*/.exec(content)?.[0].length ?? 0;
    if (indent > keyCol && /^\s*[^\s#:][^:]*:(\s|$)/.test(content)) return { offset: next + indent, expectedCol: keyCol + 1 };
    return undefined;
  }
  return undefined;
}
