/**
 * `mke4k import` (mke4.yaml → TypeScript program) and `mke4k export` (program → normalized
 * mke4.yaml per cluster): the two directions between files and code.
 */
import { mkdirSync } from 'node:fs';
import type { Delivery } from '../cluster';
import { Diagnostic } from '../config/diagnostics';
import { loadMkeConfigFile } from '../config/load';
import { MAX_ALIAS_COUNT } from '../config/source';
import { exportDocument, exportFileName } from '../codegen/export-yaml';
import { importProgram } from '../codegen/import-program';
import { EXIT_INVALID, EXIT_OK, Io, report, UsageError } from './commands';
import { diagnosticsJson } from './print';
import { runProgram } from './program';
import { clusterNameError, MAX_FILE_NAME_BYTES, recoverLeftovers, writeFileAtomic } from '../output/safe-write';

export interface ImportOptions {
  readonly file: string;
  readonly delivery?: Delivery;
  readonly strict?: boolean;
  readonly format?: 'text' | 'json';
}

export function importCommand(options: ImportOptions, io: Io): number {
  const result = loadMkeConfigFile(options.file, { strict: options.strict });
  const json = options.format === 'json';
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  const done = (program: string | null): number => {
    if (json) io.stdout.write(JSON.stringify({ diagnostics: diagnosticsJson(diagnostics), program }, null, 2) + '\n');
    else {
      report(io, { diagnostics, source: result.source });
      if (program !== null) io.stdout.write(program);
    }
    return program === null ? EXIT_INVALID : EXIT_OK;
  };
  const config = result.config;
  const raw = result.source?.doc?.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as { spec?: Record<string, unknown> } | undefined;
  if (!config || !raw?.spec) return done(null);
  if (options.delivery && config.release.startsWith('4.0')) {
    diagnostics.push({ code: 'delivery-unsupported', severity: 'error', path: 'spec.version', message: `--delivery does not apply to MKE ${config.release} (no k0rdent, no mke-operator)`, hint: 'drop --delivery' });
    return done(null);
  }
  const delivery = options.delivery ?? (config.release.startsWith('4.0') ? undefined : 'operator');
  return done(importProgram({ rawSpec: raw.spec, name: config.name, release: config.release, delivery, sourceFile: options.file }));
}

/** `--program-timeout` (seconds) in ms; a usage error when it is not a positive number. */
export function programTimeoutMs(seconds: string | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  const n = Number(seconds);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--program-timeout ${JSON.stringify(seconds)}: give a number of seconds greater than 0`);
  return Math.round(n * 1000);
}

export interface ExportOptions {
  /** Time limit of the program, seconds. @default 120 */
  readonly programTimeout?: string;
  readonly file: string;
  readonly out?: string;
  readonly format?: 'text' | 'json';
}

export function exportCommand(options: ExportOptions, io: Io): number {
  const json = options.format === 'json';
  const result = runProgram(options.file, { timeoutMs: programTimeoutMs(options.programTimeout) });
  // The program's own output (console.log, warnings, stack traces): stderr, never the YAML on stdout.
  if (result.output) io.stderr.write(result.output);
  const clusters = result.clusters;
  const notes = (clusters ?? [])
    .filter((c) => c.delivery !== 'operator')
    .map((c) => `note: cluster ${c.name} uses --delivery ${c.delivery}, which mke4.yaml does not store; pass it to synth again`);
  if (!clusters) {
    if (json) io.stdout.write(JSON.stringify({ diagnostics: diagnosticsJson(result.diagnostics), files: [], documents: [] }, null, 2) + '\n');
    else report(io, result);
    return EXIT_INVALID;
  }
  if (!options.out && clusters.length > 1) {
    throw new UsageError(`${options.file} builds ${clusters.length} clusters (${clusters.map((c) => c.name).join(', ')}): give -o DIR to write one file each`);
  }
  const documents = clusters.map((c) => ({ name: c.name, yaml: exportDocument(c) }));
  const files: string[] = [];
  if (options.out) {
    // The names come from the program's child process: checked again here, they become file names.
    for (const d of documents) {
      const problem = clusterNameError(d.name) ?? (Buffer.byteLength(exportFileName(d.name)) > MAX_FILE_NAME_BYTES ? `is too long for the file name ${exportFileName(d.name)}` : undefined);
      if (problem) throw new UsageError(`cluster name ${JSON.stringify(d.name)} ${problem}; with -o it becomes <dir>/<name>.mke4.yaml`);
    }
    mkdirSync(options.out, { recursive: true });
    recoverLeftovers(options.out);
    for (const d of documents) files.push(writeFileAtomic(options.out, exportFileName(d.name), d.yaml));
  }
  if (json) {
    io.stdout.write(JSON.stringify({ diagnostics: diagnosticsJson(result.diagnostics), files, documents: options.out ? [] : documents }, null, 2) + '\n');
    return EXIT_OK;
  }
  report(io, result);
  for (const n of notes) io.stderr.write(n + '\n');
  if (options.out) io.stdout.write(files.map((f) => `wrote ${f}\n`).join(''));
  else io.stdout.write(documents[0].yaml);
  return EXIT_OK;
}
