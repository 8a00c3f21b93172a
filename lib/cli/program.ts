/**
 * Runs a user's cdk8s program (`apps/main.ts` style) in a child process (`./program-child.ts`) and
 * returns the clusters it builds, for `export` and `diff`. The program's `synthesize(app)` writes
 * nothing (see `lib/output/capture.ts`): previews are pure. The child has a time limit and its
 * own output never mixes with ours.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Delivery } from '../cluster';
import { Diagnostic, hasErrors } from '../config/diagnostics';
import type { MkeRelease } from '../config/releases';
import type { MkeSpec } from '../config/types';
import type { FrameCluster, ProgramFrame } from './program-child';

/** What `export` and `diff` need of one cluster a program built. */
export interface ProgramCluster {
  readonly name: string;
  readonly release: MkeRelease;
  readonly spec: MkeSpec;
  readonly delivery: Delivery;
  /** Construct path, for messages. */
  readonly path: string;
}

export interface ProgramResult {
  /** Present when the program ran and built at least one cluster. */
  readonly clusters?: readonly ProgramCluster[];
  readonly diagnostics: readonly Diagnostic[];
}

/** File extensions treated as programs (everything else given to `diff` is read as mke4.yaml). */
export const PROGRAM_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

export function isProgramFile(file: string): boolean {
  return PROGRAM_EXTENSIONS.some((ext) => file.endsWith(ext));
}

/** Default time limit of a program run, ms (`--program-timeout`). */
export const DEFAULT_PROGRAM_TIMEOUT_MS = 120_000;

export interface RunProgramOptions {
  /** Time limit, ms. @default DEFAULT_PROGRAM_TIMEOUT_MS */
  readonly timeoutMs?: number;
}

function failure(file: string, message: string, hint?: string, code: 'program-failed' | 'program-timeout' = 'program-failed'): ProgramResult {
  return { diagnostics: [{ code, severity: 'error', message, path: '', file, ...(hint ? { hint } : {}) }] };
}

/** How to start the child: the compiled runner, or the TypeScript one through tsx (tests, `lib/cli/run.ts`). */
function childCommand(): string[] {
  const compiled = join(__dirname, 'program-child.js');
  if (existsSync(compiled)) return [compiled];
  return ['--require', require.resolve('tsx/cjs'), join(__dirname, 'program-child.ts')];
}

/**
 * Runs a program in a child process and collects its clusters. Never throws for a failing program:
 * it becomes a diagnostic. The program's own output (console, stdout, stderr, stack traces) is
 * returned in `output`, for the caller to pass on to stderr; the child's stdout carries only the
 * protocol frame; a program that runs past the time limit is killed (`program-timeout`).
 */
export function runProgram(file: string, options: RunProgramOptions = {}): ProgramResult & { readonly output?: string } {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    return { diagnostics: [{ code: 'file-read', severity: 'error', message: `${file}: no such file`, path: '', file, hint: 'give the path of a TypeScript program that calls synthesize(app)' }] };
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROGRAM_TIMEOUT_MS;
  const nonce = randomBytes(16).toString('hex');
  // A program that calls cdk8s's own app.synth() writes to CDK8S_OUTDIR: a scratch folder here.
  const scratch = mkdtempSync(join(tmpdir(), 'mke4k-program-'));
  let run;
  try {
    run = spawnSync(process.execPath, [...childCommand(), path], {
      cwd: process.cwd(),
      env: { ...process.env, MKE4K_PROTOCOL_NONCE: nonce, CDK8S_OUTDIR: scratch },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: 256 * 1024 * 1024,
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const stdout = run.stdout?.toString('utf8') ?? '';
  // Whatever the program printed on stdout besides the frame is its output, like its stderr.
  const lines = stdout.split('\n');
  const frameLine = lines.filter((l) => l.startsWith(`${nonce} `)).pop();
  const output = [lines.filter((l) => !l.startsWith(`${nonce} `)).join('\n').trim(), (run.stderr?.toString('utf8') ?? '').trim()].filter(Boolean).join('\n');
  const withOutput = (result: ProgramResult) => (output ? { ...result, output: output + '\n' } : result);
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') {
    return withOutput(failure(file, `the program did not finish within ${timeoutMs / 1000} s and was stopped`, 'make it end (no servers or waits), or raise --program-timeout', 'program-timeout'));
  }
  if (!frameLine) {
    const how = run.signal ? `was killed by ${run.signal}` : `exited with code ${run.status}`;
    return withOutput(failure(file, `the program ${how} before reporting its clusters`, 'run it with `node --import tsx` to see what happened'));
  }
  let frame: ProgramFrame;
  try {
    frame = JSON.parse(frameLine.slice(nonce.length + 1)) as ProgramFrame;
  } catch {
    return withOutput(failure(file, 'the program\'s report could not be read'));
  }
  if (frame.kind === 'failed') return withOutput(failure(file, frame.message, frame.hint));
  if (frame.kind === 'invalid') return withOutput({ diagnostics: frame.diagnostics.map((d) => ({ ...d, file: d.file ?? file })) });
  if (frame.exitCode) return withOutput(failure(file, `the program exited with code ${frame.exitCode}`, 'run it with `node --import tsx` to see what happened'));
  return withOutput(checkClusters(file, frame.clusters));
}

/** The clusters reported, with their warnings; none, or two with one name, is an error. */
function checkClusters(file: string, reported: readonly FrameCluster[]): ProgramResult {
  const clusters: ProgramCluster[] = reported.map((c) => ({ name: c.name, release: c.release as MkeRelease, spec: c.spec as MkeSpec, delivery: c.delivery as Delivery, path: c.path }));
  return checkProgramClusters(file, clusters, reported.flatMap((c) => c.warnings));
}

/**
 * The result of a program run from the clusters it built and their warnings (shared with the
 * in-process runner): no cluster, or two with one name, is an error.
 */
export function checkProgramClusters(file: string, clusters: readonly ProgramCluster[], warnings: readonly Diagnostic[]): ProgramResult {
  if (!clusters.length) {
    return failure(file, 'the program built no MkeCluster that reached synthesize(app)', 'end the program with `synthesize(app)` from mke4k-cdk8s');
  }
  const names = new Map<string, string>();
  const diagnostics: Diagnostic[] = warnings.map((w) => ({ ...w, file: w.file ?? file }));
  for (const c of clusters) {
    const first = names.get(c.name);
    if (first) diagnostics.push({ code: 'duplicate-cluster', severity: 'error', message: `two clusters are named ${c.name} (${first} and ${c.path})`, path: c.path, file, hint: 'give each MkeCluster its own name' });
    else names.set(c.name, c.path);
  }
  return hasErrors(diagnostics) ? { diagnostics } : { clusters, diagnostics };
}
