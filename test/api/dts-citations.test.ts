/**
 * The JSDoc users read (hovers, the shipped .d.ts) states facts and cites public upstream sources,
 * never documents only this project's workplace has: the decisions log, the reference notes
 * (mke4-services, mke4-fields, k0rdent-reference, k0sctl-and-k0s, pitfalls) or their sections.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const INTERNAL = /DECISIONS|mke4-services|mke4-fields|k0rdent-reference|k0sctl-and-k0s|pitfall|shared\/reference|reference §|\(§|, §|STYLE \d|DESIGN\.md/;

function files(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? files(path, ext) : e.name.endsWith(ext) ? [path] : [];
  });
}

function citations(file: string, text: string, onlyJsDoc: boolean): string[] {
  const out: string[] = [];
  const blocks = onlyJsDoc ? [...text.matchAll(/\/\*\*[\s\S]*?\*\//g)].map((m) => ({ text: m[0], at: m.index ?? 0 })) : [{ text, at: 0 }];
  for (const block of blocks) {
    block.text.split('\n').forEach((line, i) => {
      if (INTERNAL.test(line)) out.push(`${relative(ROOT, file)}:${text.slice(0, block.at).split('\n').length + i}: ${line.trim()}`);
    });
  }
  return out;
}

test('no JSDoc in lib/ cites an internal document', () => {
  const found = files(join(ROOT, 'lib'), '.ts').flatMap((f) => citations(f, readFileSync(f, 'utf8'), true));
  expect(found).toEqual([]);
});

test('no code comment in lib/ cites an internal document either: it states the fact and its public source', () => {
  const found = files(join(ROOT, 'lib'), '.ts').flatMap((f) => citations(f, readFileSync(f, 'utf8'), false));
  expect(found).toEqual([]);
});

const BUILD = join(ROOT, 'build', 'lib');
const stale = !existsSync(join(BUILD, 'index.d.ts'))
  ? 'build/ is absent (npm run build)'
  : statSync(join(BUILD, 'index.d.ts')).mtimeMs < Math.max(...files(join(ROOT, 'lib'), '.ts').map((f) => statSync(f).mtimeMs))
    ? 'build/ is older than lib/ (npm run build)'
    : undefined;

(stale ? test.skip : test)(`no shipped .d.ts cites an internal document${stale ? ` (skipped: ${stale})` : ''}`, () => {
  const dts = files(join(ROOT, 'build'), '.d.ts');
  expect(dts.length).toBeGreaterThan(50);
  expect(dts.flatMap((f) => citations(f, readFileSync(f, 'utf8'), false))).toEqual([]);
});

test('the pattern catches each kind of citation', () => {
  for (const line of ['(DECISIONS 17)', 'mke4-services.md §3 row 6', 'k0rdent-reference §4.1', '(pitfall 8)', '(reference §C1)', 'see ../shared/reference/x.md', '(§3.5)']) {
    expect(INTERNAL.test(line)).toBe(true);
  }
  expect(INTERNAL.test('(k0sctl#258, github.com/k0sproject/k0sctl)')).toBe(false);
});
