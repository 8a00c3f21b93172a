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
  if (!/\.ya?ml$/.test(file)) return maskEnvLines(text);
  const docs = parseAllDocuments(text, { version: '1.1', keepSourceTokens: false });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) return maskLines(text);
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
