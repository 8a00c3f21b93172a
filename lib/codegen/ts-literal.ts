/**
 * Plain data as readable TypeScript source: 2-space indent, keys quoted only when they must be,
 * single-quoted strings, multi-line strings as template literals. Values that are not plain data
 * can be spliced in as raw code through `code()` (e.g. `process.env.MKE_LICENSE_TOKEN ?? ''`).
 */

const RAW = Symbol('raw-code');

/** A piece of TypeScript written verbatim by `toTsLiteral`. */
export interface RawCode {
  readonly [RAW]: string;
}

export function code(text: string): RawCode {
  return { [RAW]: text };
}

function isRawCode(value: unknown): value is RawCode {
  return typeof value === 'object' && value !== null && RAW in value;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key: bare when it is an identifier, else a quoted string. */
export function tsKey(key: string): string {
  // `__proto__: x` (bare or quoted) in a literal sets the prototype; a computed key makes a property.
  if (key === '__proto__') return `['__proto__']`;
  return IDENTIFIER.test(key) ? key : singleQuoted(key);
}

/** Escapes for a single-quoted string: backslash, quote, and every control or separator character. */
export function singleQuoted(text: string): string {
  let out = "'";
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f || cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + "'";
}

/**
 * A template literal whose value is exactly `text`: backslashes, backticks and `${` are escaped; CR
 * and other control characters as escapes (a raw CR in a template literal would read back as LF).
 */
export function templateLiteral(text: string): string {
  let out = '`';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const cp = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '`') out += '\\`';
    else if (ch === '$' && text[i + 1] === '{') out += '\\$';
    else if (ch === '\n' || ch === '\t') out += ch;
    else if (cp < 0x20 || cp === 0x7f || cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '`';
}

function stringLiteral(text: string): string {
  return text.includes('\n') ? templateLiteral(text) : singleQuoted(text);
}

function numberLiteral(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

/** Short lists of scalars stay on one line when they fit. */
const INLINE_WIDTH = 80;

/** Formats `value` as a TypeScript expression; nested lines are indented from `indent`. */
export function toTsLiteral(value: unknown, indent = ''): string {
  if (isRawCode(value)) return value[RAW];
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return `new Date(${singleQuoted(value.toISOString())})`;
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    const scalars = value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
    if (scalars) {
      const line = `[${value.map((v) => toTsLiteral(v)).join(', ')}]`;
      if (line.length + indent.length <= INLINE_WIDTH && !line.includes('\n')) return line;
    }
    return `[\n${value.map((v) => `${inner}${toTsLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (!entries.length) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${tsKey(k)}: ${toTsLiteral(v, inner)},`).join('\n')}\n${indent}}`;
  }
  throw new Error(`cannot write a ${typeof value} as a TypeScript literal`);
}
