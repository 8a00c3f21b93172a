/**
 * Runs the real CLI in a child process, from the TypeScript sources (`lib/cli/run.ts` through tsx),
 * so these tests do not depend on a build/ that others may be rebuilding. The heap is capped at
 * 256 MB: hostile input must fail with a diagnostic, not take the machine down.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The CLI users run, `bin/mke4k.js` (the bundle with its code cache), when build/ is up to date with
 * lib/ (as after `npm test`'s build step): its cold start is a fifth of the sources' through tsx.
 * Otherwise the TypeScript sources through tsx.
 */
function cliEntry(): string[] {
  const newest = newestSource(join(ROOT, 'lib'));
  const fresh = (file: string): boolean => existsSync(file) && statSync(file).mtimeMs >= newest;
  if (fresh(join(ROOT, 'build', 'cli', 'mke4k.js')) && fresh(join(ROOT, 'build', 'lib', 'cli', 'run.js'))) return [join(ROOT, 'bin', 'mke4k.js')];
  return ['--import', 'tsx', 'lib/cli/run.ts'];
}
export const ENTRY = cliEntry();

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time of the process, ms (grows with machine load; only for hang detection). */
  readonly ms: number;
  /** CPU time (user + system) the CLI process used, ms, as it measured itself at exit. */
  readonly cpuMs?: number;
  /** Peak resident memory of the CLI process, KiB. */
  readonly maxRssKb?: number;
}

/** Kills a run that takes this long (the tests assert far less; this only stops a hang). */
const HARD_TIMEOUT_MS = 30_000;

/** Standard input of a run: text, or an endless source (a command's output, a device). */
export type CliInput = string | Buffer | { readonly command: readonly string[] } | { readonly device: string };

export function runCli(args: readonly string[], input?: CliInput, env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const measureDir = mkdtempSync(join(tmpdir(), 'mke4k-measure-'));
    const measureFile = join(measureDir, 'usage.json');
    const device = typeof input === 'object' && 'device' in input ? openSync(input.device, 'r') : undefined;
    const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', './test/cli-e2e/measure.mjs', ...ENTRY, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', MKE4K_MEASURE_FILE: measureFile, ...env },
      stdio: [device ?? 'pipe', 'pipe', 'pipe'],
    });
    if (device !== undefined) closeSync(device);
    const source = typeof input === 'object' && 'command' in input ? spawn(input.command[0], input.command.slice(1), { stdio: ['ignore', 'pipe', 'ignore'] }) : undefined;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), HARD_TIMEOUT_MS);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      source?.kill('SIGKILL');
      const usage = existsSync(measureFile) ? (JSON.parse(readFileSync(measureFile, 'utf8')) as { cpuMs: number; maxRssKb: number }) : undefined;
      rmSync(measureDir, { recursive: true, force: true });
      done({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started, ...usage });
    });
    if (source) {
      source.stdout!.on('error', () => undefined);
      child.stdin!.on('error', () => undefined);
      source.stdout!.pipe(child.stdin!);
    } else if (device === undefined) {
      child.stdin!.on('error', () => undefined); // the CLI may exit before reading all of stdin
      child.stdin!.end(typeof input === 'string' || Buffer.isBuffer(input) ? input : '');
    }
  });
}

/** Runs jobs with at most `limit` at a time (one per core: timings stay meaningful). */
export async function pool<T, R>(items: readonly T[], job: (item: T) => Promise<R>, limit = Math.max(1, cpus().length)): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
