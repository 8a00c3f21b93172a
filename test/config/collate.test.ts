/**
 * compareText orders text as `localeCompare` does in English (ICU), without starting ICU's collator.
 */
import fc from 'fast-check';
import { compareText } from '../../lib/config/collate';
import { sortDiagnostics, type Diagnostic } from '../../lib/config/diagnostics';

const english = new Intl.Collator('en');
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

describe('compareText', () => {
  test('every pair of printable ASCII characters, alone and before a suffix, as ICU', () => {
    for (const a of printable) {
      for (const b of printable) {
        for (const [x, y] of [[a, b], [`${a}x`, b], [`s.${a}`, `s.${b}y`], [`${a}${b}`, `${b}${a}`]]) {
          expect([x, y, sign(compareText(x, y))]).toEqual([x, y, sign(english.compare(x, y))]);
        }
      }
    }
  });

  test.each([
    ['spec.hosts[0]', 'spec.hosts[10]'],
    ['spec.hosts[1].ssh', 'spec.hosts[1]'],
    ['Ab', 'ab'],
    ['aB', 'Ab'],
    ['Ab', 'abc'],
    ['secret-plaintext', 'secret_plaintext'],
    ['mke4.yaml', 'MKE4.yaml'],
    ['a\tb', 'a b'],
    ['café', 'cafe'],
    ['é', 'f'],
    ['', 'a'],
  ])('%j vs %j as ICU (others fall back to it)', (a, b) => {
    expect(sign(compareText(a, b))).toBe(sign(english.compare(a, b)));
    expect(sign(compareText(b, a))).toBe(sign(english.compare(b, a)));
  });

  test('property: same sign as ICU on paths, codes and file names', () => {
    const text = fc.string({ unit: fc.constantFrom(...printable, 'a', 'A', '.', '[', '0', 'é', '\n'), maxLength: 12 });
    fc.assert(
      fc.property(text, text, (a, b) => sign(compareText(a, b)) === sign(english.compare(a, b))),
      { numRuns: 3000 },
    );
  });

  test('sortDiagnostics orders by file, position, path and code as ICU would', () => {
    const d = (file: string | undefined, line: number | undefined, path: string, code: Diagnostic['code']): Diagnostic => ({ file, line, path, code, severity: 'warning', message: 'm' });
    const input = [
      d('b.yaml', 1, 'spec', 'yaml-syntax'),
      d('B.yaml', 1, 'spec', 'yaml-syntax'),
      d('a.yaml', 2, 'spec.b', 'yaml-syntax'),
      d('a.yaml', 2, 'spec.B', 'yaml-syntax'),
      d('a.yaml', 2, 'spec_a', 'yaml-too-large'),
      d('a.yaml', 2, 'spec_a', 'yaml-binary'),
      d(undefined, undefined, 'z', 'file-read'),
      d('a.yaml', 1, 'spec[1]', 'yaml-syntax'),
    ];
    const byIcu = [...input].sort((a, b) => english.compare(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0) || english.compare(a.path, b.path) || english.compare(a.code, b.code));
    expect(sortDiagnostics(input)).toEqual(byIcu);
  });
});
