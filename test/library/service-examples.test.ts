/**
 * Every service class has a short example in its JSDoc, and every example runs: it is taken from the
 * source, transpiled, run against a 4.2 cluster (`app`, `cluster`, `spec` in scope, every export of
 * the library imported), and the app then synthesizes with the service delivered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import * as lib from '../../lib';
import { MkeCluster, MkeClusterSpec, MkeTesting, SystemService } from '../../lib';

const DIR = join(__dirname, '..', '..', 'lib', 'services');

interface Example {
  readonly cls: string;
  readonly code: string;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(DIR, file), 'utf8');
    for (const m of text.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*export class (\w+) extends SystemService\b/g)) {
      const example = /@example\n([\s\S]*?)(?:\n\s*\*\s*@\w|\s*\*\/)/.exec(m[1]);
      out.push({ cls: m[2], code: example ? example[1].replace(/^\s*\* ?/gm, '') : '' });
    }
  }
  return out.sort((a, b) => a.cls.localeCompare(b.cls));
}

const ALL = examples();
const SPEC: MkeClusterSpec = { version: 'v4.2.0', hosts: [{ role: 'single', ssh: { address: '10.0.0.5', keyPath: '~/.ssh/id_rsa' } }] };

test('every exported SystemService class is found with its doc comment', () => {
  const classes = Object.entries(lib)
    .filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof SystemService)
    .map(([k]) => k)
    .sort();
  expect(ALL.map((e) => e.cls)).toEqual(classes);
});

describe.each(ALL.map((e) => [e.cls, e] as const))('%s', (cls, example) => {
  test('has an @example that uses the class', () => {
    expect(example.code).toMatch(new RegExp(`new ${cls}\\(|findService\\(${cls}\\)`));
  });

  test.each(['operator', 'k0rdent'] as const)('the example runs and the cluster synthesizes (%s)', (delivery) => {
    const app = MkeTesting.app();
    const cluster = new MkeCluster(app, 'prod', { spec: SPEC, delivery });
    const js = ts.transpileModule(example.code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
    const names = Object.keys(lib);
    new Function(...names, 'app', 'cluster', 'spec', js)(...names.map((n) => (lib as Record<string, unknown>)[n]), app, cluster, SPEC);
    const clusters = MkeCluster.all(app);
    const delivered = clusters.flatMap((c) => c.services.map((s) => s.constructor.name));
    expect(delivered).toContain(cls);
    for (const c of clusters) expect(() => MkeTesting.synth(c)).not.toThrow();
  });
});
