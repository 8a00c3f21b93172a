/** docs/diagnostics.md has exactly one row per code in DIAGNOSTIC_CODES (STYLE 5). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSTIC_CODES } from '../../lib/config/diagnostics';

const DOC = join(__dirname, '..', '..', 'docs', 'diagnostics.md');

/** Rows of the table: `| \`code\` | severity | cause | fix |`. */
function rows(): { code: string; severity: string; cause: string; fix: string }[] {
  return readFileSync(DOC, 'utf8')
    .split('\n')
    .map((line) => /^\|\s*`([^`]+)`\s*\|([^|]*)\|([^|]*)\|([^|]*)\|\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ code: m[1], severity: m[2].trim(), cause: m[3].trim(), fix: m[4].trim() }));
}

test('every code in DIAGNOSTIC_CODES has a row', () => {
  const documented = new Set(rows().map((r) => r.code));
  expect(DIAGNOSTIC_CODES.filter((c) => !documented.has(c))).toEqual([]);
});

test('every row names a known code, once', () => {
  const codes = rows().map((r) => r.code);
  expect(codes.filter((c) => !(DIAGNOSTIC_CODES as readonly string[]).includes(c))).toEqual([]);
  expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
});

test('every row gives a severity, a cause and a fix', () => {
  for (const r of rows()) {
    expect(r.severity).toMatch(/^(error|warning)( \/ (error|warning))?$/);
    expect(r.cause.length).toBeGreaterThan(10);
    expect(r.fix.length).toBeGreaterThan(5);
  }
});
