/**
 * Property tests: random mutations of valid files (corpus, every release's init output, the test
 * base) never crash the loader, every diagnostic is well-formed, and loading is deterministic.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { initDocument } from '../../lib/cli/commands';
import { DIAGNOSTIC_CODES } from '../../lib/config/diagnostics';
import { loadMkeConfig, LoadResult } from '../../lib/config/load';
import { MKE_RELEASES } from '../../lib/config/releases';
import { corpusFiles } from '../corpus';
import { BASE } from './helpers';

const SOURCES: readonly string[] = [BASE, ...MKE_RELEASES.map((r) => initDocument(r)), ...corpusFiles('mke4').map((f) => readFileSync(f, 'utf8'))];
const CODES = new Set<string>(DIAGNOSTIC_CODES);
let casesRun = 0;

afterAll(() => {
  // Printed so a reader of the test log sees how much was tried.
  console.log(`loader properties: ${casesRun} random cases over ${SOURCES.length} source files`);
});

/** Loads twice; checks the invariants every result must satisfy; returns the first result. */
function checkedLoad(text: string): LoadResult {
  casesRun++;
  const first = loadMkeConfig(text, { file: 'prop.yaml' });
  const second = loadMkeConfig(text, { file: 'prop.yaml' });
  // Compare what callers read; `source` holds the yaml Document, whose toJSON would re-run toJS.
  expect(JSON.stringify([second.diagnostics, second.config])).toBe(JSON.stringify([first.diagnostics, first.config]));
  const errors = first.diagnostics.filter((d) => d.severity === 'error');
  // A config exactly when there are no errors.
  expect(first.config === undefined).toBe(errors.length > 0);
  for (const d of first.diagnostics) {
    expect(CODES.has(d.code)).toBe(true);
    expect(['error', 'warning']).toContain(d.severity);
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.file).toBe('prop.yaml');
    if (d.line !== undefined) expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
    if (d.col !== undefined) expect(Number.isInteger(d.col) && d.col >= 1).toBe(true);
  }
  return first;
}

// ---- text mutations -------------------------------------------------------------------------
type TextMutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'bytes'; at: number; bytes: Uint8Array }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'delete-line'; line: number };

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom(':', '- ', '&a ', '*a', '<<: *a', '{', ']', '"', "'", '\t', '\n  ', '---\n', '!!int ', '? ')) }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('delete-line' as const), line: fc.nat() }),
);

function applyText(text: string, m: TextMutation): string {
  const at = 'at' in m ? m.at % (text.length + 1) : 0;
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'bytes':
      // latin1 keeps every byte as one character, including NUL and high bytes.
      return text.slice(0, at) + Buffer.from(m.bytes).toString('latin1') + text.slice(at);
    case 'duplicate-line':
    case 'delete-line': {
      const lines = text.split('\n');
      const i = m.line % lines.length;
      if (m.kind === 'duplicate-line') lines.splice(i, 0, lines[i]);
      else lines.splice(i, 1);
      return lines.join('\n');
    }
  }
}

test('text mutations (truncate, insert characters or bytes, duplicate or delete lines) never crash the loader', () => {
  fc.assert(
    fc.property(fc.nat(SOURCES.length - 1), fc.array(textMutation, { minLength: 1, maxLength: 3 }), (source, mutations) => {
      checkedLoad(mutations.reduce(applyText, SOURCES[source]));
    }),
    { numRuns: 350 },
  );
});

// ---- structural mutations -------------------------------------------------------------------
type Path = (string | number)[];

function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = at.length ? [at] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let v: unknown = root;
  for (const seg of path.slice(0, -1)) v = (v as Record<string | number, unknown>)[seg];
  return v && typeof v === 'object' ? (v as Record<string | number, unknown>) : undefined;
}

const anyScalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constantFrom('10.0.0.0/8', '1.2.3.4', 'controller', 'v4.1.3', '33000', 'true', ''));
const anyValue = fc.oneof(anyScalar, fc.array(anyScalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), anyScalar, { maxKeys: 3 }));

type TreeMutation = { kind: 'delete'; pick: number } | { kind: 'retype'; pick: number; value: unknown } | { kind: 'add-key'; pick: number; key: string; value: unknown };

const treeMutation: fc.Arbitrary<TreeMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), pick: fc.nat(), value: anyValue }),
  fc.record({ kind: fc.constant('add-key' as const), pick: fc.nat(), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('serviceCidr', 'ingresController', 'constructor', 'role', 'enabled')), value: anyValue }),
);

function applyTree(root: unknown, m: TreeMutation): void {
  const all = paths(root);
  if (!all.length) return;
  const path = all[m.pick % all.length];
  const parent = parentOf(root, path);
  const last = path[path.length - 1];
  if (!parent) return;
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (m.kind === 'retype') parent[last] = m.value;
  else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
}

test('structural mutations (delete keys, change value types, add keys) never crash the loader', () => {
  const parsed = SOURCES.map((s) => parse(s) as unknown);
  fc.assert(
    fc.property(fc.nat(SOURCES.length - 1), fc.array(treeMutation, { minLength: 1, maxLength: 4 }), (source, mutations) => {
      const tree = structuredClone(parsed[source]);
      for (const m of mutations) applyTree(tree, m);
      checkedLoad(stringify(tree));
    }),
    { numRuns: 180 },
  );
});

test('every unmutated source loads without errors (the mutations start from valid files)', () => {
  for (const text of SOURCES) expect(checkedLoad(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
});

test('regression: a `constructor` key inside a free-form map with a wrong-typed value gives diagnostics, not a crash', () => {
  // Found by the structural property above (seed 1410561826): the collect-everything stand-in read
  // the inherited Object constructor as the "default" of that key and failed to clone it.
  const text = BASE.replace('  network:\n', '  kubelet:\n    workerKubeReserved:\n      constructor: []\n  network:\n');
  expect(text).not.toBe(BASE);
  const result = checkedLoad(text);
  expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.path])).toEqual([['invalid-type', 'spec.kubelet.workerKubeReserved.constructor']]);
});
