/**
 * Text order of `localeCompare` in English (ICU's root collation, which `en` does not tailor) without
 * ICU: the first `localeCompare` of a process starts ICU's collator, which costs a small synth or
 * validate several milliseconds, more than everything it then sorts.
 *
 * For printable ASCII the root collation (CLDR root, non-ignorable punctuation) gives every character
 * its own primary weight, letters excepted: `a` and `A` share one and differ at the tertiary level,
 * lower case first. Two strings then compare by their primary weights, a shorter prefix first; when
 * those are equal, by the first letter whose case differs. Any other character falls back to
 * `localeCompare` in English (so the order does not depend on the environment's locale either).
 */

/** Printable ASCII in root collation order; a letter's capital shares the small letter's weight. */
const PRIMARY_ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";

const PRIMARY = new Int8Array(128).fill(-1);
for (let i = 0; i < PRIMARY_ORDER.length; i++) PRIMARY[PRIMARY_ORDER.charCodeAt(i)] = i;
for (let c = 65; c <= 90; c++) PRIMARY[c] = PRIMARY[c + 32];

/** `a.localeCompare(b)` as English orders text (negative, zero or positive). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let tertiary = 0;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) {
      if (x > 126 || PRIMARY[x] < 0) return a.localeCompare(b, 'en');
      continue;
    }
    const px = x < 128 ? PRIMARY[x] : -1;
    const py = y < 128 ? PRIMARY[y] : -1;
    if (px < 0 || py < 0) return a.localeCompare(b, 'en');
    if (px !== py) return px < py ? -1 : 1;
    // The same letter in another case: small first, unless an earlier letter already decided.
    if (tertiary === 0) tertiary = x > y ? -1 : 1;
  }
  for (const rest of [a.slice(n), b.slice(n)]) {
    for (let i = 0; i < rest.length; i++) {
      const c = rest.charCodeAt(i);
      if (c > 126 || PRIMARY[c] < 0) return a.localeCompare(b, 'en');
    }
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return tertiary;
}
