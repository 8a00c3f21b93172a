/**
 * Diff output: text lines `+ path: new`, `- path: old`, `~ path: old → new`, each followed by
 * `  # impact` when known, coloured on a TTY; or the `changes` array of the JSON
 * output. Secrets arrive masked; a changed secret reads `(secret changed)`.
 */
import { printable } from '../printable';
import type { Change } from './tree-diff';

/** Values longer than this are cut in text output (the JSON output has them whole). */
const MAX_TEXT = 160;

function show(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value === '' || /[\n\r]/.test(value) ? JSON.stringify(value) : value;
  else text = JSON.stringify(value) ?? String(value);
  text = printable(text);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

const paint = (on: boolean, codes: string, text: string): string => (on ? `\u001b[${codes}m${text}\u001b[0m` : text);

export function formatChange(raw: Change, color = false): string {
  // Paths hold the input's keys: no control characters on the terminal.
  const change = { ...raw, path: printable(raw.path) };
  let line: string;
  if (change.kind === 'added') line = paint(color, '32', `+ ${change.path}: ${show(change.new)}`);
  else if (change.kind === 'removed') line = paint(color, '31', `- ${change.path}: ${show(change.old)}`);
  else if (change.secret) line = paint(color, '33', `~ ${change.path}: (secret changed)`);
  else line = paint(color, '33', `~ ${change.path}: ${show(change.old)} → ${show(change.new)}`);
  if (!change.impact) return line;
  const serious = /^unsupported|cannot change/.test(change.impact);
  return `${line}  ${paint(color, serious ? '1;31' : '36', `# ${change.impact}`)}`;
}

export function formatChanges(changes: readonly Change[], color = false): string {
  return changes.map((c) => formatChange(c, color) + '\n').join('');
}

/** The JSON shape: every key present, `null` where a side has no value. */
export function changesJson(changes: readonly Change[]): object[] {
  return changes.map((c) => ({ path: c.path, kind: c.kind, old: c.old ?? null, new: c.new ?? null, impact: c.impact ?? null, ...(c.origin ? { origin: c.origin } : {}) }));
}
