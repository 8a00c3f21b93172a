/**
 * Parses one mke4.yaml with positions and guards against hostile input (size, binary, alias bombs,
 * duplicate keys, several documents, non-mapping roots). Offsets are kept; line:col is computed when
 * a diagnostic is made.
 */
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseAllDocuments, Scalar, YAMLMap } from 'yaml';
import { Diagnostic, DiagnosticCode, formatPath, PathSegment, Severity } from './diagnostics';
import { isSecretPath } from './secrets';

/** Inputs larger than this are refused before parsing. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;
/** Aliases a document may expand; more is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

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
   * Position of the node at `path`, or of its nearest existing ancestor when the path does not
   * exist in the file (a missing key is reported where its parent is). `onKey` points at the key
   * instead of the value (unknown keys).
   */
  locate(path: readonly PathSegment[], onKey = false): { line?: number; col?: number } {
    if (!this.doc?.contents) return {};
    let node: unknown = this.doc.contents;
    let best: Node | undefined = node as Node;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = (node as YAMLMap).items.find((p) => isScalar(p.key) && String((p.key as Scalar).value) === String(seg));
        if (!pair) break;
        if (last && onKey && pair.key) {
          best = pair.key as Node;
          break;
        }
        node = pair.value;
        if (node && (node as Node).range) best = node as Node;
        else {
          best = (pair.key as Node) ?? best;
          break;
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (!item) break;
        node = item;
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
    if (!this.secretLines().has(line)) return text;
    const m = /^(\s*(?:- )?[A-Za-z0-9_.-]+:)/.exec(text);
    return m ? `${m[1]} ***` : text.replace(/\S.*$/, '***');
  }

  private secretLineSet?: Set<number>;

  /** Lines covered by the value of a secret field. */
  secretLines(): Set<number> {
    if (this.secretLineSet) return this.secretLineSet;
    const set = new Set<number>();
    const walk = (node: unknown, path: PathSegment[]): void => {
      if (isMap(node)) {
        for (const pair of node.items) if (isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
      } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
      else if (isScalar(node) && path[0] === 'spec' && isSecretPath(path.slice(1)) && node.range) {
        const from = this.position(node.range[0]).line;
        const to = this.position(Math.max(node.range[0], node.range[1] - 1)).line;
        for (let l = from; l <= to; l++) set.add(l);
      }
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

export interface ParsedSource {
  readonly source: SourceDocument;
  /** The document as plain data, when it parsed. */
  readonly value?: unknown;
  readonly diagnostics: Diagnostic[];
}

/** Parses text into one YAML document; never throws for bad input. */
export function parseSource(text: string, file: string): ParsedSource {
  const lines = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const empty = new SourceDocument(file, text, undefined, lines);
  const fail = (code: DiagnosticCode, message: string, hint?: string, pos: { line?: number; col?: number } = {}): ParsedSource => ({
    source: empty,
    diagnostics: [{ code, severity: 'error', message, path: '', file, ...pos, ...(hint ? { hint } : {}) }],
  });

  if (Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) {
    return fail('yaml-too-large', `the file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`, 'an mke4.yaml is a few kilobytes; check that the right file was given');
  }
  if (text.includes('\u0000') || text.includes('\uFFFD')) {
    return fail('yaml-binary', 'the file is not text (it contains NUL bytes or invalid UTF-8)', 'give the path of an mke4.yaml file');
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  const docs = parseAllDocuments(body, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, merge: true, strict: true });
  const source = new SourceDocument(file, body, undefined, lines);
  if (!Array.isArray(docs)) {
    return { source, diagnostics: [{ code: 'yaml-syntax', severity: 'error', message: 'the file holds no YAML document', path: '', file }] };
  }
  const real = docs.filter((d) => d.contents !== null || d.errors.length > 0);
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
  for (const err of [...doc.errors, ...doc.warnings]) {
    const pos = lines.linePos(err.pos[0]);
    const duplicate = err.code === 'DUPLICATE_KEY';
    diagnostics.push({
      code: duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
      severity: doc.errors.includes(err as never) ? 'error' : 'warning',
      message: firstLine(err.message),
      path: '',
      file,
      line: pos.line,
      col: pos.col,
      hint: duplicate ? 'remove one of the two keys; YAML keeps only one of them' : 'fix the YAML syntax at this position',
    });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { source: located, diagnostics };
  if (!isMap(doc.contents)) {
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
    diagnostics.push({
      code: 'yaml-alias-limit',
      severity: 'error',
      message: `aliases expand beyond the limit of ${MAX_ALIAS_COUNT} (${firstLine((e as Error).message)})`,
      path: '',
      file,
      line: 1,
      col: 1,
      hint: 'write the values out instead of repeating large anchors',
    });
    return { source: located, diagnostics };
  }
  return { source: located, value, diagnostics };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** True when the node at the path is a quoted scalar in the source (used for hints). */
export function isQuoted(source: SourceDocument, path: readonly PathSegment[]): boolean {
  const node = source.doc?.getIn(path, true);
  return isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
}

export { isPair };
