/**
 * The published package works for a user: `npm pack`, install the tarball into a fresh project with
 * cdk8s and typescript, type-check a strict program that imports `mke4k-cdk8s`, run it, and find
 * k0sctl.yaml. Needs a build/ at least as new as lib/ (`npm test` builds first); skips otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BUILT = join(ROOT, 'build', 'lib', 'index.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function buildState(): string | undefined {
  if (!existsSync(BUILT)) return 'build/lib/index.js is absent (run npm run build)';
  if (statSync(BUILT).mtimeMs < newestSource(join(ROOT, 'lib'))) return 'build/ is older than lib/ (run npm run build)';
  return undefined;
}

const skip = buildState();
const packTest = skip ? test.skip : test;
if (skip) console.warn(`pack test skipped: ${skip}`);

const MAIN = `import { App } from 'cdk8s';
import { MkeCluster, MkeClusterProps, synthesize } from 'mke4k-cdk8s';

const app = new App();
const props: MkeClusterProps = {
  name: 'packed',
  spec: { version: 'v4.2.0', hosts: [{ role: 'single', ssh: { address: '10.0.0.5', keyPath: '~/.ssh/id_rsa' } }] },
};
const cluster: MkeCluster = new MkeCluster(app, 'packed', props);
const files: string[] = synthesize(app, 'dist');
console.log(cluster.clusterName, files.length);
`;

packTest(
  (skip ? `(skipped: ${skip}) ` : '') + 'npm pack → install → tsc --noEmit (strict) → run writes k0sctl.yaml',
  () => {
    const work = mkdtempSync(join(tmpdir(), 'mke4k-pack-'));
    const run = (cmd: string, args: string[], cwd: string): string => {
      try {
        return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
      } catch (e) {
        const failed = e as { stdout?: string; stderr?: string };
        throw new Error(`${cmd} ${args.join(' ')} failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
      }
    };
    try {
      // --ignore-scripts: `prepare` would rebuild build/ while others may be using it.
      const tarball = run('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--silent'], ROOT).trim().split('\n').pop() as string;
      const project = join(work, 'project');
      execFileSync('mkdir', ['-p', project]);
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pack-check', version: '1.0.0', private: true }));
      run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball), 'cdk8s@2.70.106', 'constructs@10.8.1', 'typescript@5'], project);
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'node16', moduleResolution: 'node16', strict: true, noUnusedLocals: true, skipLibCheck: false, types: [], outDir: 'out' }, files: ['main.ts'] }),
      );
      writeFileSync(join(project, 'main.ts'), MAIN);
      run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', '.', '--noEmit'], project);
      run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', '.'], project);
      const output = run(process.execPath, [join(project, 'out', 'main.js')], project);
      expect(output).toMatch(/^packed \d+/);
      expect(existsSync(join(project, 'dist', 'packed', 'k0sctl.yaml'))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
  180_000,
);
