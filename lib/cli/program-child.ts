/**
 * The child process that runs a user's program for `mke4k export` and `mke4k diff` (started by
 * `./program.ts`). The program may print, throw, reject, call `process.exit` or synthesize later
 * (a timer): none of it reaches the CLI's output. Its stdout and console go to stderr; this
 * process's stdout carries one line, the protocol frame `<nonce> <json>`; `synthesize(app)` only
 * records its scope (capture stays on for the whole life of this process, so nothing is written).
 */
import { writeSync } from 'node:fs';
import type { IConstruct } from 'constructs';
import { MkeCluster } from '../cluster';
import type { Diagnostic } from '../config/diagnostics';
import { startCapture } from '../output/capture';

/** What the child reports. */
export type ProgramFrame =
  | { readonly kind: 'ok'; readonly clusters: readonly FrameCluster[]; readonly exitCode?: number }
  | { readonly kind: 'invalid'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'failed'; readonly message: string; readonly hint?: string };

export interface FrameCluster {
  readonly name: string;
  readonly release: string;
  readonly spec: unknown;
  readonly delivery: string;
  readonly path: string;
  readonly warnings: readonly Diagnostic[];
}

const nonce = process.env.MKE4K_PROTOCOL_NONCE ?? '';
const file = process.argv[2];
let sent = false;

function send(frame: ProgramFrame): void {
  if (sent) return;
  sent = true;
  writeSync(1, `${nonce} ${JSON.stringify(frame)}\n`);
}

// The program's own output goes to stderr: stdout is the protocol's.
const toStderr = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
process.stdout.write = toStderr;

const scopes: IConstruct[] = startCapture();

function collect(exitCode?: number): ProgramFrame {
  const seen = new Set<IConstruct>();
  const clusters: FrameCluster[] = [];
  for (const scope of scopes) {
    if (seen.has(scope)) continue;
    seen.add(scope);
    for (const c of MkeCluster.all(scope)) {
      clusters.push({ name: c.clusterName, release: c.release, spec: c.spec, delivery: c.delivery, path: c.node.path, warnings: c.warnings });
    }
  }
  return { kind: 'ok', clusters, ...(exitCode ? { exitCode } : {}) };
}

/** A thrown `MkeValidationError` (from whichever copy of the library the program loaded). */
function failure(e: unknown): ProgramFrame {
  if (e instanceof Error && Array.isArray((e as { diagnostics?: unknown }).diagnostics)) {
    return { kind: 'invalid', diagnostics: (e as unknown as { diagnostics: Diagnostic[] }).diagnostics };
  }
  const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  return { kind: 'failed', message: `the program failed: ${first}`, hint: 'run it with `node --import tsx` to see the whole error' };
}

process.on('uncaughtException', (e) => {
  send(failure(e));
  process.exit(1);
});
process.on('unhandledRejection', (e) => {
  send(failure(e));
  process.exit(1);
});
// `process.exit()` in the program, or the end of the event loop (timers that synthesize later ran).
process.on('exit', (code) => send(collect(code)));
process.on('beforeExit', () => send(collect()));

type TsxApi = typeof import('tsx/cjs/api');
let tsx: TsxApi | undefined;
try {
  tsx = require('tsx/cjs/api') as TsxApi;
} catch {
  tsx = undefined;
}
try {
  if (tsx) tsx.require(file, __filename);
  else if (/\.c?js$/.test(file)) require(file);
  else send({ kind: 'failed', message: `running ${file} needs the tsx package (npm install --save-dev tsx)` });
} catch (e) {
  send(failure(e));
  process.exitCode = 1;
}
