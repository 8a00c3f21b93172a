/**
 * `mke4k new <dir>`: the project files, from a release's defaults or an mke4.yaml, and every error
 * path. test/pack/pack.test.ts installs such a project and runs its `npm test`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { initDocument } from '../../lib/cli/commands';
import { newCommand } from '../../lib/cli/new-command';
import { UsageError } from '../../lib/cli/io';
import { npmName, scaffoldFiles } from '../../lib/views/new/scaffold';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'mke4k-new-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } }, out, err };
}

const ROOT_PKG = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

test('from the newest release: the project files, pinned like this package, main.ts builds the init defaults', () => {
  const { io: streams, out } = io();
  expect(newCommand({ dir: join(work, 'My Cluster') }, streams)).toBe(0);
  const dir = join(work, 'My Cluster');
  expect(readdirSync(dir).sort()).toEqual(['.gitignore', '.npmrc', 'cdk8s.yaml', 'main.test.ts', 'main.ts', 'package.json', 'tsconfig.json']);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  expect(pkg.name).toBe('my-cluster');
  expect(pkg.dependencies['mke4k-cdk8s']).toMatch(/^file:\//);
  for (const name of ['cdk8s', 'constructs']) expect(pkg.dependencies[name]).toBe(ROOT_PKG.devDependencies[name]);
  for (const name of ['typescript', 'tsx', 'jest', 'ts-jest', '@types/jest', '@types/node']) expect(pkg.devDependencies[name]).toBe(ROOT_PKG.devDependencies[name]);
  expect(pkg.scripts).toMatchObject({ synth: 'node --import tsx main.ts', test: 'tsc --noEmit && jest' });
  expect(readFileSync(join(dir, '.npmrc'), 'utf8')).toBe('install-links=true\n');
  const main = readFileSync(join(dir, 'main.ts'), 'utf8');
  expect(main).toContain("import { MkeApp, MkeCluster, MkeClusterProps } from 'mke4k-cdk8s';");
  expect(main).toContain("version: 'v4.2.0'");
  expect(main).toContain('app.synth();');
  expect(readFileSync(join(dir, 'main.test.ts'), 'utf8')).toContain('MkeTesting.synth(buildCluster(MkeTesting.app()))');
  expect(readFileSync(join(dir, 'cdk8s.yaml'), 'utf8')).toContain('app: node --import tsx main.ts');
  expect(out.join('')).toContain('npm install');
});

test('--from mke4.yaml: its name, release and spec; a tarball needs no .npmrc', () => {
  const file = join(work, 'lab.yaml');
  writeFileSync(file, initDocument('4.1.2').replace('name: mke', 'name: lab'));
  const { io: streams } = io();
  expect(newCommand({ dir: join(work, 'p'), from: file, delivery: 'k0rdent', package: 'file:../mke4k-cdk8s-0.1.0.tgz' }, streams)).toBe(0);
  const main = readFileSync(join(work, 'p', 'main.ts'), 'utf8');
  expect(main).toContain("version: 'v4.1.2'");
  expect(main).toContain("name: 'lab'");
  expect(main).toContain("delivery: 'k0rdent'");
  expect(main).toContain("new MkeCluster(scope, 'lab', props)");
  expect(main).toContain('MKE 4.1.2 cluster lab (from lab.yaml)');
  expect(JSON.parse(readFileSync(join(work, 'p', 'package.json'), 'utf8')).dependencies['mke4k-cdk8s']).toBe('file:../mke4k-cdk8s-0.1.0.tgz');
  expect(readdirSync(join(work, 'p'))).not.toContain('.npmrc');
});

test('errors: an invalid --from (exit 1, diagnostics), a non-empty folder, --from with --mke-version, an unknown version, --delivery for 4.0', () => {
  const bad = join(work, 'bad.yaml');
  writeFileSync(bad, 'apiVersion: mke.mirantis.com/v1alpha1\nkind: MkeConfig\nmetadata: {name: x}\nspec:\n  version: v4.2.0\n  hosts: []\n');
  const { io: streams, err } = io();
  expect(newCommand({ dir: join(work, 'a'), from: bad }, streams)).toBe(1);
  expect(err.join('')).toContain('no-hosts');
  expect(readdirSync(work)).not.toContain('a');
  mkdirSync(join(work, 'full'));
  writeFileSync(join(work, 'full', 'x'), '');
  expect(() => newCommand({ dir: join(work, 'full') }, streams)).toThrow(/exists and is not an empty folder/);
  expect(() => newCommand({ dir: join(work, 'b'), from: bad, mkeVersion: '4.2.0' }, streams)).toThrow(UsageError);
  expect(() => newCommand({ dir: join(work, 'c'), mkeVersion: '9.9.9' }, streams)).toThrow(/unknown MKE version/);
  expect(() => newCommand({ dir: join(work, 'd'), mkeVersion: '4.0.1', delivery: 'operator' }, streams)).toThrow(/--delivery does not apply/);
});

test('deterministic, and package names are npm-safe', () => {
  const options = { projectName: 'x', rawSpec: { version: 'v4.2.0' }, clusterName: 'c', release: '4.2.0' as const, source: 's', packageSpec: '0.1.0', versions: Object.fromEntries(['cdk8s', 'constructs', 'typescript', 'tsx', 'jest', 'ts-jest', '@types/jest', '@types/node'].map((n) => [n, '1.0.0'])) };
  expect(scaffoldFiles(options)).toEqual(scaffoldFiles(options));
  expect(() => scaffoldFiles({ ...options, versions: {} })).toThrow(/no version known for cdk8s/);
  expect(npmName('My Cluster!')).toBe('my-cluster');
  expect(npmName('...')).toBe('mke-cluster');
});

test('help: `new` is listed, and `import` says it is not `cdk8s import`', async () => {
  const { io: streams, out } = io();
  expect(await main(['--help'], streams)).toBe(0);
  const help = out.join('');
  expect(help).toMatch(/new \[options\] <dir>\s+create a cdk8s TypeScript project/);
  expect(help).toMatch(/import \[options\] (?:\[file\]\s+)?print a TypeScript program .*not `cdk8s import`/s);
  const usage = io();
  expect(await main(['new', join(work, 'x'), '--from', 'a.yaml', '--mke-version', '4.2.0'], usage.io)).toBe(2);
  expect(usage.err.join('')).toContain('not both');
});
