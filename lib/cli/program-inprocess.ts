/**
 * In-process variant for the views (plan, describe, graph of a program), which need the construct
 * trees a program builds; `export` and `diff` use the isolated child-process runner in `./program`.
 * The program's `synthesize(app)` writes nothing meanwhile (see `lib/output/capture.ts`): previews
 * are pure.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IConstruct } from 'constructs';
import { MkeCluster } from '../cluster';
import type { Diagnostic } from '../config/diagnostics';
import { captureSynthesis } from '../output/capture';
import { checkProgramClusters, type ProgramCluster, type ProgramResult } from './program';

/** A program's result with the construct trees it passed to `synthesize(app)` (views render or draw them). */
export interface InProcessResult extends ProgramResult {
  readonly scopes?: readonly IConstruct[];
}

type TsxApi = typeof import('tsx/cjs/api');

/**
 * tsx compiles TypeScript on the fly. It is loaded only here, lazily, so the other commands work
 * without it; a JavaScript program runs with plain `require`.
 */
function loadTsx(): TsxApi | undefined {
  try {
    return require('tsx/cjs/api') as TsxApi;
  } catch {
    return undefined;
  }
}

let runs = 0;

/** Runs `file` with synthesis captured; each run gets fresh module instances (its own namespace). */
function runCaptured(file: string): IConstruct[] {
  const tsx = loadTsx();
  if (!tsx) {
    if (!/\.c?js$/.test(file)) throw new ProgramError(`running ${file} needs the tsx package (npm install --save-dev tsx)`);
    return captureSynthesis(() => {
      delete require.cache[file];
      require(file);
    });
  }
  const scoped = tsx.register({ namespace: `mke4k-program-${process.pid}-${++runs}` });
  try {
    return captureSynthesis(() => {
      scoped.require(file, __filename);
    });
  } finally {
    scoped.unregister();
  }
}

class ProgramError extends Error {}

function failure(file: string, message: string, hint?: string): InProcessResult {
  return { diagnostics: [{ code: 'program-failed', severity: 'error', message, path: '', file, ...(hint ? { hint } : {}) }] };
}

/** A thrown `MkeValidationError` (from whichever copy of the library the program loaded). */
function validationDiagnostics(e: unknown, file: string): Diagnostic[] | undefined {
  if (!(e instanceof Error) || !Array.isArray((e as { diagnostics?: unknown }).diagnostics)) return undefined;
  return ((e as unknown as { diagnostics: Diagnostic[] }).diagnostics).map((d) => ({ ...d, file: d.file ?? file }));
}

/** Runs a program and collects its clusters. Never throws for a failing program: it becomes a diagnostic. */
export function runProgramInProcess(file: string): InProcessResult {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    return { diagnostics: [{ code: 'file-read', severity: 'error', message: `${file}: no such file`, path: '', file, hint: 'give the path of a TypeScript program that calls synthesize(app)' }] };
  }
  let scopes: IConstruct[];
  try {
    scopes = runCaptured(path);
  } catch (e) {
    const diagnostics = validationDiagnostics(e, file);
    if (diagnostics) return { diagnostics };
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    return failure(file, `the program failed: ${first}`, e instanceof ProgramError ? undefined : 'run it with `node --import tsx` to see the whole error');
  }
  const seen = new Set<IConstruct>();
  const clusters: ProgramCluster[] = [];
  const warnings: Diagnostic[] = [];
  for (const scope of scopes) {
    if (seen.has(scope)) continue;
    seen.add(scope);
    for (const c of MkeCluster.all(scope)) {
      clusters.push({ name: c.clusterName, release: c.release, spec: c.spec, delivery: c.delivery, path: c.node.path });
      warnings.push(...c.warnings);
    }
  }
  const result = checkProgramClusters(file, clusters, warnings);
  return result.clusters ? { ...result, scopes: [...seen] } : result;
}
