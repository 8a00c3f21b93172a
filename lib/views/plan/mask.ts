/**
 * Masks secret values in the text of a YAML file before it is shown in a diff. Synthesized files
 * hold `${MKE_…}` placeholders only, but the folder a plan compares against may have been edited
 * by hand: every scalar at a secret key (the last two segments of a secret field, e.g.
 * `license.token`, `*.authPass`) that is not a placeholder is replaced by `(secret)`, in place, so
 * line numbers stay the same.
 */
import { isPair, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import { SECRET_FIELDS } from '../../config/secrets';

export const MASK = '(secret)';
const PLACEHOLDER = /^\$\{[A-Z0-9_]+\}$/;

/** `[parent key or '*', key]` pairs that end a secret field. */
const TAILS: readonly (readonly [string, string])[] = SECRET_FIELDS.map((f) => [String(f[f.length - 2]), String(f[f.length - 1])] as const);

function isSecretTail(parent: string | undefined, key: string): boolean {
  return TAILS.some(([p, k]) => k === key && (p === '*' || p === parent));
}

/** The text with secret scalars replaced; non-YAML or unparsable text comes back with whole suspicious lines masked. */
export function maskSecrets(text: string, file: string): string {
  return maskPrecisely(text, file) ?? (/\.ya?ml$/.test(file) ? maskLines(text) : maskEnvLines(text));
}

/**
 * Both sides of a diff, masked the same way: precisely when both parse as YAML, else line by line
 * on both (so an unchanged line never shows as changed because only one side was masked).
 */
export function maskPair(before: string, after: string, file: string): [string, string] {
  const a = maskPrecisely(before, file);
  const b = maskPrecisely(after, file);
  if (a !== undefined && b !== undefined) return [a, b];
  const lines = /\.ya?ml$/.test(file) ? maskLines : maskEnvLines;
  return [lines(before), lines(after)];
}

/** A single line out of a file (line-level changes): any `secretKey: value` is masked. */
export function maskLine(line: string): string {
  return maskEnvLines(maskLines(line));
}

function maskPrecisely(text: string, file: string): string | undefined {
  if (!/\.ya?ml$/.test(file)) return undefined;
  const docs = parseAllDocuments(text, { version: '1.1', keepSourceTokens: false });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) return undefined;
  const ranges: [number, number][] = [];
  for (const doc of docs) {
    visit(doc, {
      Pair(_key, pair, path) {
        if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value)) return;
        const key = String(pair.key.value);
        // The parent: the key of the nearest enclosing pair, or '*' when the nearest collection
        // above this pair's map is a list (`vrrpInstances[*].authPass`).
        let parent: string | undefined;
        for (let i = path.length - 1; i >= 0; i--) {
          const p = path[i];
          if (isSeq(p)) {
            parent = '*';
            break;
          }
          if (isPair(p)) {
            parent = isScalar(p.key) ? String(p.key.value) : undefined;
            break;
          }
        }
        const value = pair.value.value;
        if (typeof value !== 'string' || value === '' || PLACEHOLDER.test(value)) return;
        if (!isSecretTail(parent, key)) return;
        const range = pair.value.range;
        if (range) ranges.push([range[0], range[1]]);
      },
    });
  }
  let out = text;
  for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + MASK + out.slice(end);
  return out;
}

const SECRET_KEY_LINE = new RegExp(`^(\\s*-?\\s*(?:${[...new Set(TAILS.map(([, k]) => k))].join('|')})\\s*:\\s*)(?!\\$\\{)(\\S.*)$`);

/** Fallback for unparsable YAML: any `secretKey: value` line is masked. */
function maskLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(SECRET_KEY_LINE, `$1${MASK}`))
    .join('\n');
}

/** `NAME=value` files (secrets.env.example holds names only, but a filled copy must never show). */
function maskEnvLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*=)(.+)$/, `$1${MASK}`))
    .join('\n');
}

/** A value with every secret-shaped member (by key and parent key) replaced by `(secret)`. */
function maskDeep(value: unknown, parent: string | undefined, key: string | undefined): unknown {
  if (typeof value === 'string') return key !== undefined && isSecretTail(parent, key) && value !== '' && !PLACEHOLDER.test(value) ? MASK : value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, '*', undefined));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, key ?? parent, k)]));
  }
  return value;
}

/**
 * A field-level change of a rendered file with secret values masked: the changed field itself when
 * its path ends in a secret field (`…license.token`), and secret members of added or removed objects.
 */
export function maskChangeValues<T extends { readonly path: string; readonly old?: unknown; readonly new?: unknown }>(change: T): T {
  const segments = [...change.path.matchAll(/\.([A-Za-z_][A-Za-z0-9_-]*)|\[([^\]]*)\]/g)].map((m) => (m[1] !== undefined ? m[1] : '*'));
  const key = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  const hide = (v: unknown): unknown => (key !== undefined && key !== '*' ? maskDeep(v, parent, key) : maskDeep(v, undefined, undefined));
  return { ...change, ...(change.old !== undefined ? { old: hide(change.old) } : {}), ...(change.new !== undefined ? { new: hide(change.new) } : {}) };
}
