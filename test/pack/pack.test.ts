/**
 * The packed package works for a new user, offline: `npm pack`, then `mke4k new` creates a project
 * that depends on the tarball; `npm ci --offline` with a lock cut from this repo's (test/pack/lockfile.ts:
 * the npm cache that installing this repo filled, and the local tarball — nothing else) installs it; the project's `npm test` (strict
 * `tsc --noEmit` without skipLibCheck, so our .d.ts type-check, and jest with MkeTesting) passes
 * as created; `npm run synth` (MkeApp.synth) writes dist/<name>/; and the `mke4k` CLI installed in
 * the project runs: init (its modeline resolves to the installed schema), validate, synth.
 * Needs a build/ at least as new as lib/ (`npm test` builds first); skips otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { projectLock } from './lockfile';

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

/** An app.synth() program beside main.ts: the idiomatic cdk8s path, with a service added in code. */
const COMPOSE = `import { MetalLb, MkeApp, MkeCluster } from 'mke4k-cdk8s';

const app = new MkeApp({ outdir: 'composed' });
const cluster = new MkeCluster(app, 'edge', {
  delivery: 'k0rdent',
  spec: { version: 'v4.2.0', hosts: [{ role: 'single', ssh: { address: '10.0.0.5', keyPath: '~/.ssh/id_rsa' } }] },
});
new MetalLb(cluster, 'metallb').addIpAddressPool('pool', { addresses: ['192.0.2.10-192.0.2.20'] });
app.synth();
`;

packTest(
  (skip ? `(skipped: ${skip}) ` : '') + 'npm pack → mke4k new → npm ci --offline → npm test, npm run synth, app.synth(), the CLI',
  () => {
    const work = mkdtempSync(join(tmpdir(), 'mke4k-pack-'));
    const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
    delete env.CDK8S_OUTDIR;
    const run = (cmd: string, args: string[], cwd: string, runEnv: NodeJS.ProcessEnv = env): string => {
      try {
        return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: runEnv });
      } catch (e) {
        const failed = e as { stdout?: string; stderr?: string };
        throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
      }
    };
    try {
      // --ignore-scripts: `prepare` would rebuild build/ while others may be using it.
      const tarball = join(work, run('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--silent'], ROOT).trim().split('\n').pop() as string);
      const project = join(work, 'my-cluster');
      run(process.execPath, [join(ROOT, 'bin', 'mke4k.js'), 'new', project, '--package', `file:${tarball}`], work);
      // The lock pins what this repo's `npm ci` installed, so `npm ci --offline` needs only the npm cache.
      const projectPackage = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
      const library = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      const lock = projectLock(join(ROOT, 'package-lock.json'), projectPackage, library, tarball, projectPackage.dependencies['mke4k-cdk8s']);
      writeFileSync(join(project, 'package-lock.json'), JSON.stringify(lock, null, 2) + '\n');
      run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project);

      // As a user does: the first `npm test`, on their machine, records the snapshot (jest will not
      // record one where CI is set, as in our own CI run); then jest passes against it where CI is set.
      const { CI: _ci, ...local } = env;
      run('npm', ['test'], project, local);
      expect(readdirSync(join(project, '__snapshots__'))).toEqual(['main.test.ts.snap']);
      run(join(project, 'node_modules', '.bin', 'jest'), ['--ci'], project, { ...env, CI: 'true' });

      run('npm', ['run', 'synth'], project);
      expect(existsSync(join(project, 'dist', 'mke', 'k0sctl.yaml'))).toBe(true);
      expect(existsSync(join(project, 'dist', 'mke', 'manifests', 'kustomization.yaml'))).toBe(true);

      writeFileSync(join(project, 'compose.ts'), COMPOSE);
      run(process.execPath, ['--import', 'tsx', 'compose.ts'], project);
      const extras = readFileSync(join(project, 'composed', 'edge', 'extras', '50-extras.yaml'), 'utf8');
      expect(extras).toContain('kind: IPAddressPool');

      const cli = join(project, 'node_modules', '.bin', 'mke4k');
      const init = run(cli, ['init', '--mke-version', '4.2.0'], project);
      const modeline = init.split('\n')[0];
      expect(modeline).toBe('# yaml-language-server: $schema=./node_modules/mke4k-cdk8s/schema/mke4.schema.json');
      expect(existsSync(resolve(project, 'node_modules/mke4k-cdk8s/schema/mke4.schema.json'))).toBe(true);
      writeFileSync(join(project, 'mke4.yaml'), init);
      run(cli, ['validate', '-f', 'mke4.yaml'], project);
      run(cli, ['synth', '-f', 'mke4.yaml', '-o', 'out'], project);
      expect(existsSync(join(project, 'out', 'mke', 'k0sctl.yaml'))).toBe(true);
      // The cluster from mke4.yaml and the one main.ts builds (init defaults of the same release) agree.
      expect(readFileSync(join(project, 'out', 'mke', 'k0sctl.yaml'), 'utf8')).toBe(readFileSync(join(project, 'dist', 'mke', 'k0sctl.yaml'), 'utf8'));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
  300_000,
);
