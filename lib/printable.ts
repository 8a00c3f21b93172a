/**
 * Text from the input shown on a terminal: control characters (ESC starts terminal escape
 * sequences, BEL rings, CR overwrites the line, a newline forges extra lines) and the Unicode
 * bidirectional controls (U+202E reverses what follows) are shown as `\u{…}` escapes, so input can
 * neither drive the terminal nor disguise what is printed. Tabs stay (they are layout).
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}
