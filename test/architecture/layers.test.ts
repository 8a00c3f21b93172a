/**
 * lib/ points one way: no import cycle between files (type-only imports included) and no import
 * against the layer table of docs/architecture.md, which is the table the checker reads.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkArchitecture, importCycles, importsOf, moduleOf, parseLayerTable } from './import-graph';

const ROOT = join(__dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');

describe('lib/ against docs/architecture.md', () => {
  test('no import cycle, no import against the layers, every file in a row', () => {
    expect(checkArchitecture(ROOT, DOC)).toEqual([]);
  });

  test('the table reads cleanly and every row is strictly above what it may import', () => {
    const { rules, problems } = parseLayerTable(DOC);
    expect(problems).toEqual([]);
    expect(rules.map((r) => r.name)).toEqual(['base', 'model', 'output', 'cni', 'k0s', 'services', 'control-plane', 'cluster', 'fleet', 'diff', 'codegen', 'app', 'views', 'cli', 'api']);
  });

  test('the seams this page describes are the ones in the code', () => {
    const { rules } = parseLayerTable(DOC);
    const name = (file: string) => moduleOf(file, rules)?.name;
    expect(name('lib/k0s-shapes.ts')).toBe('base');
    expect(name('lib/output/layout.ts')).toBe('output');
    expect(name('lib/control-plane/host.ts')).toBe('control-plane');
    expect(name('lib/views/plan/index.ts')).toBe('views');
    expect(name('lib/cluster.ts')).toBe('cluster');
    expect(name('lib/clusters.ts')).toBeUndefined();
    const cni = readFileSync(join(ROOT, 'lib', 'cni', 'cni.ts'), 'utf8');
    expect(importsOf('cni.ts', cni).map((i) => i.specifier)).toContain('../k0s-shapes');
  });
});

describe('the checker', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mke4k-layers-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  };
  const table = (...rows: string[]) => ['<!-- layers:begin -->', '| Layer | Module | Paths | May import |', '|---|---|---|---|', ...rows, '<!-- layers:end -->'].join('\n');
  const TWO = table('| 0 | `low` | `lib/low/` | — |', '| 1 | `high` | `lib/high/`, `lib/top.ts` | `low` |');

  test('sees every form of import, type-only ones included', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "import { type C } from './c';",
      "export { d } from './d';",
      "export type * from './e';",
      "import f = require('./f');",
      "const g = require('./g') as typeof import('./h');",
      "const i = import('./i');",
      "import 'side-effect';",
      "type J = import('./j').J;",
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual([
      { specifier: './a', typeOnly: false },
      { specifier: './b', typeOnly: true },
      { specifier: './c', typeOnly: true },
      { specifier: './d', typeOnly: false },
      { specifier: './e', typeOnly: true },
      { specifier: './f', typeOnly: false },
      { specifier: './g', typeOnly: false },
      { specifier: './h', typeOnly: true },
      { specifier: './i', typeOnly: false },
      { specifier: 'side-effect', typeOnly: false },
      { specifier: './j', typeOnly: true },
    ]);
  });

  test('a clean tree passes', () => {
    write({ 'lib/low/a.ts': 'export const a = 1;\n', 'lib/high/b.ts': "import { a } from '../low/a';\nexport const b = a;\n", 'lib/top.ts': "export * from './high/b';\n" });
    expect(checkArchitecture(root, TWO)).toEqual([]);
  });

  test('an import upwards fails, type-only too, naming both modules', () => {
    write({ 'lib/low/a.ts': "import type { B } from '../high/b';\nexport type A = B;\n", 'lib/high/b.ts': 'export type B = string;\n', 'lib/top.ts': '' });
    expect(checkArchitecture(root, TWO)).toEqual(['lib/low/a.ts imports lib/high/b.ts (type only): low may not import high (it may import nothing in lib/)']);
  });

  test('a cycle of type-only imports inside one module fails, with its path', () => {
    write({
      'lib/low/a.ts': "import type { C } from './c';\nexport type A = C;\n",
      'lib/low/b.ts': "import type { A } from './a';\nexport type B = A;\n",
      'lib/low/c.ts': "export type { B as C } from './b';\n",
      'lib/high/d.ts': '',
      'lib/top.ts': '',
    });
    expect(checkArchitecture(root, TWO)).toEqual(['import cycle: lib/low/a.ts → lib/low/c.ts → lib/low/b.ts → lib/low/a.ts']);
  });

  test('a folder index and a require() are followed', () => {
    write({ 'lib/low/index.ts': "export const x = require('../high') as number;\n", 'lib/high/index.ts': "export * from '../low';\n", 'lib/top.ts': '' });
    expect(checkArchitecture(root, TWO)).toEqual([
      'lib/low/index.ts imports lib/high/index.ts: low may not import high (it may import nothing in lib/)',
      'import cycle: lib/high/index.ts → lib/low/index.ts → lib/high/index.ts',
    ]);
  });

  test('a file in no row, a missing import target and a missing path fail', () => {
    write({ 'lib/low/a.ts': "import { z } from './gone';\nexport const a = z;\n", 'lib/stray.ts': '', 'lib/high/b.ts': '' });
    expect(checkArchitecture(root, TWO)).toEqual([
      'module high: lib/top.ts does not exist',
      "lib/low/a.ts imports './gone', which is no file of lib/",
      'lib/stray.ts is in no row of the layer table',
    ]);
  });

  test('a table that allows sideways or upwards imports, or names unknown modules, fails', () => {
    const bad = table(
      '| 0 | `low` | `lib/low/` | `high` |',
      '| 1 | `high` | `lib/high/` | `twin`, `ghost` |',
      '| 1 | `twin` | `lib/twin/`, `lib/high/` | — |',
      '| 2 | `low` | `elsewhere/` | — |',
      '| x | `odd` | `lib/odd.ts` |',
      '| y | `odder` | `lib/odder.ts` | — |',
    );
    expect(parseLayerTable(bad).problems).toEqual([
      'table row has 3 cells, not 4: | x | `odd` | `lib/odd.ts` |',
      'layer "y" is not a whole number: | y | `odder` | `lib/odder.ts` | — |',
      'path lib/high/ is in two rows',
      'module low has two rows',
      'module low: path elsewhere/ is neither lib/<dir>/ nor lib/<file>.ts',
      'module low (layer 0) may import high (layer 1): only lower layers may be imported',
      'module high (layer 1) may import twin (layer 1): only lower layers may be imported',
      'module high may import ghost, which has no row',
    ]);
    expect(parseLayerTable('no table here').problems).toEqual(['no table between <!-- layers:begin --> and <!-- layers:end -->']);
  });

  test('cycles are reported once per circle, self-imports too', () => {
    const edges = [
      { from: 'a', to: 'b', typeOnly: false },
      { from: 'b', to: 'a', typeOnly: true },
      { from: 'c', to: 'c', typeOnly: false },
      { from: 'd', to: 'a', typeOnly: false },
    ];
    expect(importCycles(['a', 'b', 'c', 'd'], edges)).toEqual([
      ['a', 'b', 'a'],
      ['c', 'c'],
    ]);
  });
});
