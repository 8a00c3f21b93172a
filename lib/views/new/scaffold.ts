/**
 * `mke4k new <dir>`: a cdk8s TypeScript project for one MKE cluster, like `cdk8s init typescript-app`:
 * package.json, tsconfig.json, cdk8s.yaml, main.ts (the cluster: a release's `mkectl init` defaults,
 * or an existing mke4.yaml) and main.test.ts (jest, with `MkeTesting`). After `npm install`,
 * `npm test` passes and `npm run synth` writes dist/<name>/.
 *
 * The project pins the same cdk8s, constructs, TypeScript and jest versions as this package, so an
 * install after this package's own can be served from the npm cache.
 */
import type { Delivery } from '../../cluster';
import type { MkeRelease } from '../../config/releases';
import { clusterConstructId, clusterPropsLiteral } from '../../codegen/import-program';
import { singleQuoted } from '../../codegen/ts-literal';

/** Packages the project depends on, and the versions this package was built and tested with. */
export const SCAFFOLD_DEPENDENCIES = ['cdk8s', 'constructs'] as const;
export const SCAFFOLD_DEV_DEPENDENCIES = ['typescript', 'tsx', 'jest', 'ts-jest', '@types/jest', '@types/node'] as const;

export interface ScaffoldOptions {
  /** npm package name of the project. */
  readonly projectName: string;
  /** The cluster: `spec` as in mke4.yaml, its name and release. */
  readonly rawSpec: Record<string, unknown>;
  readonly clusterName: string;
  readonly release: MkeRelease;
  readonly delivery?: Delivery;
  /** Where the cluster comes from, for the header comment (`mkectl init defaults of 4.2.0`, a file name). */
  readonly source: string;
  /** npm spec of mke4k-cdk8s: `file:…` (a folder or a packed .tgz) or a version. */
  readonly packageSpec: string;
  /** Versions of the packages in SCAFFOLD_DEPENDENCIES and SCAFFOLD_DEV_DEPENDENCIES. */
  readonly versions: Readonly<Record<string, string>>;
}

export interface ScaffoldFile {
  readonly path: string;
  readonly content: string;
}

/** An npm package name from a folder name (lowercase, URL-safe). */
export function npmName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '');
  return name.slice(0, 214) || 'mke-cluster';
}

function pick(names: readonly string[], versions: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const version = versions[name];
    if (!version) throw new Error(`no version known for ${name}`);
    out[name] = version;
  }
  return out;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** The project's files, in a fixed order. Deterministic. */
export function scaffoldFiles(options: ScaffoldOptions): ScaffoldFile[] {
  const { literal, secrets, unknown } = clusterPropsLiteral({ rawSpec: options.rawSpec, name: options.clusterName, release: options.release, delivery: options.delivery });
  const id = clusterConstructId(options.clusterName);
  const packageJson = {
    name: options.projectName,
    version: '0.1.0',
    private: true,
    description: `MKE ${options.release} cluster ${options.clusterName} as code (mke4k-cdk8s)`,
    scripts: {
      synth: 'node --import tsx main.ts',
      test: 'tsc --noEmit && jest',
      'test:update': 'jest -u',
    },
    dependencies: { 'mke4k-cdk8s': options.packageSpec, ...pick(SCAFFOLD_DEPENDENCIES, options.versions) },
    devDependencies: pick(SCAFFOLD_DEV_DEPENDENCIES, options.versions),
    jest: {
      testEnvironment: 'node',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node10', target: 'ES2022', esModuleInterop: true, isolatedModules: true } }] },
    },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'node16',
      moduleResolution: 'node16',
      lib: ['ES2022'],
      strict: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      noImplicitReturns: true,
      esModuleInterop: true,
      skipLibCheck: false,
      noEmit: true,
      types: ['node', 'jest'],
    },
    include: ['*.ts'],
    exclude: ['node_modules', 'dist'],
  };
  const header = [
    '/**',
    ` * MKE ${options.release} cluster ${options.clusterName} (from ${options.source}).`,
    ' * `npm run synth` (or `cdk8s synth`) writes dist/<name>/: k0sctl.yaml, manifests/, secrets.env.example.',
    ' * `npm test` type-checks and runs main.test.ts.',
  ];
  if (secrets.length) header.push(` * Secret values come from the environment: ${secrets.join(', ')}.`);
  if (unknown.length) header.push(` * Left out (unknown keys the loader ignores): ${unknown.join(', ')}.`);
  header.push(' */');
  for (let i = 1; i < header.length - 1; i++) header[i] = header[i].replace(/\*\//g, '* /');
  const main = [
    ...header,
    "import type { Construct } from 'constructs';",
    "import { MkeApp, MkeCluster, MkeClusterProps } from 'mke4k-cdk8s';",
    '',
    '/** The cluster: mke4.yaml\'s `spec`, typed (hover a field for what it does and its default). */',
    `export const props: MkeClusterProps = ${literal};`,
    '',
    '/** Builds the cluster under `scope`: an MkeApp here, a test app in main.test.ts. */',
    'export function buildCluster(scope: Construct): MkeCluster {',
    `  return new MkeCluster(scope, ${singleQuoted(id)}, props);`,
    '}',
    '',
    'if (require.main === module) {',
    '  const app = new MkeApp();',
    '  buildCluster(app);',
    '  app.synth();',
    '}',
    '',
  ].join('\n');
  const test = [
    "import { MkeTesting } from 'mke4k-cdk8s';",
    "import { buildCluster } from './main';",
    '',
    "test('the cluster is valid and synthesizes k0sctl.yaml', () => {",
    '  const cluster = buildCluster(MkeTesting.app());',
    '  const files = MkeTesting.synth(cluster);',
    "  expect((files['k0sctl.yaml'] as { kind: string }).kind).toBe('Cluster');",
    `  expect(cluster.clusterName).toBe(${singleQuoted(options.clusterName)});`,
    '});',
    '',
    '// Every output file as a jest snapshot: a change to main.ts shows up as a reviewable diff.',
    '// The first `npm test` records __snapshots__/main.test.ts.snap: commit it (in CI, where CI is set,',
    '// jest refuses to record a missing snapshot and fails). After an intended change: npm run test:update,',
    '// then read the snapshot diff before committing.',
    "test('the synthesized files', () => {",
    '  expect(MkeTesting.synth(buildCluster(MkeTesting.app()))).toMatchSnapshot();',
    '});',
    '',
  ].join('\n');
  const files: ScaffoldFile[] = [
    { path: 'package.json', content: json(packageJson) },
    { path: 'tsconfig.json', content: json(tsconfig) },
    { path: 'cdk8s.yaml', content: 'language: typescript\napp: node --import tsx main.ts\nimports: []\n' },
    { path: 'main.ts', content: main },
    { path: 'main.test.ts', content: test },
    { path: '.gitignore', content: 'node_modules/\ndist/\n' },
  ];
  // A folder dependency is installed as a copy (like a published package), so cdk8s and constructs
  // resolve to the project's own single copy (they are peer dependencies of mke4k-cdk8s).
  if (options.packageSpec.startsWith('file:') && !options.packageSpec.endsWith('.tgz')) files.push({ path: '.npmrc', content: 'install-links=true\n' });
  return files;
}
