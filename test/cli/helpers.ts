/**
 * Drives the real CLI (`node --import tsx lib/cli/run.ts`) and user programs as subprocesses.
 *
 * Programs import `mke4k-cdk8s`; through package.json `exports` that is build/lib, which may be stale
 * while the sources change. Each test workspace (under .tmp/, git-ignored) therefore has a
 * tsconfig.json whose `paths` map `mke4k-cdk8s` to lib/index.ts; tsx reads the tsconfig of the
 * working directory, so programs and the CLI run there use the sources — or, when build/ is up to
 * date with lib/ (as in `npm test`, which builds first), build/lib: a program then starts in half the
 * time, and it shares the library's modules with the compiled CLI that runs it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ENTRY, pool } from '../cli-e2e/run-cli';

export const ROOT = resolve(__dirname, '..', '..');
/** The CLI's entry: the compiled one when build/ is up to date with lib/ (a third of the cold start; see run-cli.ts), else the sources through tsx. */
const BUILT = ENTRY.length === 1;
const RUN = BUILT ? [resolve(ROOT, ENTRY[0]!)] : ['--import', 'tsx', join(ROOT, 'lib', 'cli', 'run.ts')];

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  readonly input?: string;
}

export function runNode(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return spawnNode(['--import', 'tsx', ...args], options);
}

function spawnNode(args: readonly string[], options: RunOptions): Promise<Run> {
  return new Promise((done, fail) => {
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
    // Never let a test program write into the repository's dist/ by accident.
    if (!options.env?.CDK8S_OUTDIR) delete env.CDK8S_OUTDIR;
    const child = spawn(process.execPath, [...args], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** `mke4k ARGS` from the sources. */
export function mke4k(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return spawnNode([...RUN, ...args], options);
}

/** A fresh folder under .tmp/ that maps `mke4k-cdk8s` to the sources (or an up-to-date build/lib). Remove it with `rmSync`. */
export function workspace(name: string): string {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', `${name}-`));
  const index = relative(dir, BUILT ? join(ROOT, 'build', 'lib', 'index.js') : join(ROOT, 'lib', 'index.ts'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { 'mke4k-cdk8s': [index] } } }, null, 2));
  return dir;
}

export function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file below `dir`: relative path → content. */
export function readTree(dir: string, sub = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, sub)).sort()) {
    const rel = sub ? `${sub}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) Object.assign(out, readTree(dir, rel));
    else out[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return out;
}

/** Runs jobs with at most `limit` (default 4) at a time. */
export const inPool = <T, R>(items: readonly T[], job: (item: T) => Promise<R>, limit = 4): Promise<R[]> => pool(items, job, limit);

export const SMALL_SPEC_YAML = (version: string, extra = ''): string => `apiVersion: mke.mirantis.com/v1alpha1
kind: MkeConfig
metadata:
  name: lab
  namespace: mke
spec:
  version: ${version}
  hosts:
    - role: controller+worker
      ssh:
        address: 10.0.0.11
        keyPath: ~/.ssh/id_rsa
    - role: worker
      ssh:
        address: 10.0.0.21
        keyPath: ~/.ssh/id_rsa
${extra}`;
