/**
 * `mke4k diff A B`: A and B are two mke4.yaml files, two programs or two
 * synthesized folders. Files and programs compare normalized specs; folders compare files. Exit 0
 * same, 3 different, 1 invalid input, 2 usage (A and B of different kinds). Writes nothing.
 */
import type { Delivery } from '../cluster';
import type { Diagnostic } from '../config/diagnostics';
import { hasErrors } from '../config/diagnostics';
import { loadMkeConfigFile, LoadResult } from '../config/load';
import { diffFolders, isFolder } from '../diff/folder-diff';
import { changesJson, formatChanges } from '../diff/format';
import { diffSpecs, SpecSide } from '../diff/spec-diff';
import { originSummary, withOrigins } from '../diff/origin';
import type { MkeRelease } from '../config/releases';
import { MAX_ALIAS_COUNT } from '../config/source';
import type { Change } from '../diff/tree-diff';
import { EXIT_DIFF, EXIT_INVALID, EXIT_OK, Io, report, UsageError } from './commands';
import { diagnosticsJson, useColor } from './print';
import { isProgramFile, ProgramCluster, runProgram } from './program';
import { programTimeoutMs } from './codegen-commands';

export interface DiffOptions {
  readonly a: string;
  readonly b: string;
  readonly format?: 'text' | 'json';
  /** Delivery mode assumed for both mke4.yaml files (wording of service impacts). */
  readonly delivery?: Delivery;
  readonly strict?: boolean;
  /** Time limit of each program, seconds. @default 120 */
  readonly programTimeout?: string;
  /** mke4.yaml diffs: hide the changes that only come from the new release's defaults. */
  readonly onlyMine?: boolean;
}

type InputKind = 'folder' | 'program' | 'mke4.yaml';

export function inputKind(path: string): InputKind {
  if (isFolder(path)) return 'folder';
  return isProgramFile(path) ? 'program' : 'mke4.yaml';
}

interface Compared {
  readonly changes: Change[];
  readonly diagnostics: Diagnostic[];
  readonly invalid: boolean;
  /** mke4.yaml diffs across releases: the release upgraded to. */
  readonly to?: MkeRelease;
}

function compareYaml(options: DiffOptions, io: Io, json: boolean): Compared {
  const results: LoadResult[] = [options.a, options.b].map((f) => loadMkeConfigFile(f, { strict: options.strict }));
  if (!json) for (const r of results) report(io, r);
  const diagnostics = results.flatMap((r) => r.diagnostics);
  const [a, b] = results.map((r) => r.config);
  if (!a || !b) return { changes: [], diagnostics, invalid: true };
  const changes = diffSpecs({ name: a.name, spec: a.spec }, { name: b.name, spec: b.spec }, { delivery: options.delivery });
  // Which changes the user made and which the new release's defaults bring.
  const raw = results.map((r) => (r.source?.doc?.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as { spec?: unknown } | undefined)?.spec);
  return { changes: withOrigins(changes, raw[0], raw[1]), diagnostics, invalid: false, to: a.release !== b.release ? b.release : undefined };
}

function side(c: ProgramCluster): SpecSide {
  return { name: c.name, spec: c.spec, delivery: c.delivery };
}

/** Clusters matched by name; a lone cluster on each side is compared whatever its name. */
function comparePrograms(options: DiffOptions, io: Io, json: boolean): Compared {
  const timeoutMs = programTimeoutMs(options.programTimeout);
  const results = [options.a, options.b].map((f) => runProgram(f, { timeoutMs }));
  for (const r of results) if (r.output) io.stderr.write(r.output);
  const diagnostics = results.flatMap((r) => r.diagnostics);
  if (!json) for (const d of diagnostics) report(io, { diagnostics: [d] });
  const [a, b] = results.map((r) => r.clusters);
  if (!a || !b || hasErrors(diagnostics)) return { changes: [], diagnostics, invalid: true };
  if (a.length === 1 && b.length === 1) return { changes: diffSpecs(side(a[0]), side(b[0]), { delivery: options.delivery }), diagnostics, invalid: false };
  const changes: Change[] = [];
  for (const ca of a) {
    const cb = b.find((c) => c.name === ca.name);
    if (cb) changes.push(...diffSpecs(side(ca), side(cb), { prefix: ca.name, delivery: options.delivery }));
    else changes.push({ path: `${ca.name}/`, kind: 'removed', old: '(cluster)', impact: 'its output folder is no longer written' });
  }
  for (const cb of b) if (!a.some((c) => c.name === cb.name)) changes.push({ path: `${cb.name}/`, kind: 'added', new: '(cluster)' });
  return { changes, diagnostics, invalid: false };
}

export function diffCommand(options: DiffOptions, io: Io): number {
  const kinds = [inputKind(options.a), inputKind(options.b)];
  if (kinds[0] !== kinds[1]) {
    throw new UsageError(`cannot compare ${options.a} (${kinds[0]}) with ${options.b} (${kinds[1]}); give two mke4.yaml files, two programs or two folders`);
  }
  const json = options.format === 'json';
  const compared: Compared =
    kinds[0] === 'folder'
      ? { changes: diffFolders(options.a, options.b), diagnostics: [], invalid: false }
      : kinds[0] === 'program'
        ? comparePrograms(options, io, json)
        : compareYaml(options, io, json);
  const shown = options.onlyMine ? compared.changes.filter((c) => c.origin !== 'release') : compared.changes;
  if (json) {
    const summary = kinds[0] === 'mke4.yaml' && !compared.invalid ? { summary: originSummary(compared.changes, compared.to) } : {};
    io.stdout.write(JSON.stringify({ diagnostics: diagnosticsJson(compared.diagnostics), changes: changesJson(shown), ...summary }, null, 2) + '\n');
  } else if (kinds[0] === 'mke4.yaml' && compared.changes.some((c) => c.origin === 'release')) {
    const color = useColor(io.stdout as NodeJS.WriteStream);
    const mine = compared.changes.filter((c) => c.origin !== 'release');
    const defaults = compared.changes.filter((c) => c.origin === 'release');
    io.stdout.write(`# your changes (${mine.length})\n${formatChanges(mine, color)}`);
    if (options.onlyMine) io.stdout.write(`# ${defaults.length} change(s) from the defaults of MKE ${compared.to ?? 'the new release'} hidden (--only-mine)\n`);
    else io.stdout.write(`# defaults of MKE ${compared.to ?? 'the new release'} that come with the upgrade (${defaults.length})\n${formatChanges(defaults, color)}`);
    io.stdout.write(originSummary(compared.changes, compared.to) + '\n');
  } else io.stdout.write(formatChanges(shown, useColor(io.stdout as NodeJS.WriteStream)));
  if (compared.invalid) return EXIT_INVALID;
  return shown.length ? EXIT_DIFF : EXIT_OK;
}
