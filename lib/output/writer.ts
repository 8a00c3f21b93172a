/**
 * Turns clusters into files and writes them atomically: everything is rendered in memory first
 * (an error writes nothing), then each `<outdir>/<name>/` is written to a temporary sibling and
 * swapped in with renames. Nothing else in `<outdir>` is touched. The writer knows no kind of
 * cluster: constructs register the folders they render (`registerOutput`).
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IConstruct } from 'constructs';
import { Diagnostic, MkeValidationError } from '../config/diagnostics';
import { captureIfActive } from './capture';
import { reportWarnings, WarningMode } from './warnings';
import { structuredDiagnostics, whileRendering } from '../construct-diagnostics';
import type { Prerequisite } from '../prerequisites';
import { clusterNameError, joinInside, recoverLeftovers, tempPaths, UnsafePathError, withSignalsDeferred, writeMarker } from './safe-write';

export interface RenderedFile {
  /** Path relative to the cluster folder, `/`-separated. */
  readonly path: string;
  readonly content: string;
}

export interface RenderedCluster {
  readonly name: string;
  readonly files: readonly RenderedFile[];
  readonly warnings: readonly Diagnostic[];
  /** What the user creates before applying the folder (also written to `prerequisites.yaml`). */
  readonly prerequisites?: readonly Prerequisite[];
}

/** Construct-level validation messages (`node.addValidation`) as diagnostics. */
export function constructErrors(scope: IConstruct): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of scope.node.findAll()) {
    // Structured validations (lib/construct-diagnostics.ts) keep their own code, path and hint.
    const structured = structuredDiagnostics(c).filter((d) => d.severity === 'error');
    out.push(...structured);
    const known = new Set(structured.map((d) => d.message));
    for (const message of c.node.validate()) if (!known.has(message)) out.push({ code: 'invalid-value', severity: 'error', message, path: c.node.path });
  }
  return out;
}

/**
 * What a construct contributes to the output. The writer knows no kind of cluster: an `MkeCluster`
 * or a fleet's `ChildCluster` registers the folder it renders, a `Fleet` the warnings it adds to its
 * management cluster's folder.
 */
export interface OutputPart {
  /** The folder this construct renders. */
  readonly folder?: {
    /** The folder's name under the output directory; no two folders share one. */
    readonly name: string;
    /** Folders render by rank (management clusters 0, child clusters 1), in tree order within a rank. */
    readonly rank: number;
    /** The folder's files; throws `MkeValidationError` when something in it is invalid. */
    render(): RenderedCluster;
  };
  /** Warnings reported with another construct's folder (a fleet's, with its management cluster's). */
  readonly warningsFor?: { readonly target: IConstruct; warnings(): Diagnostic[] };
  /** Its constructs may sit outside every folder's construct: validate the whole scope before rendering. */
  readonly validatesScope?: boolean;
}

// Symbol.for, like the constructs' own markers: a program may load a second copy of this package.
const OUTPUT_PART = Symbol.for('mke4k-cdk8s.OutputPart');

/** Registers what `construct` contributes to the output (once per construct). */
export function registerOutput(construct: IConstruct, part: OutputPart): void {
  Object.defineProperty(construct, OUTPUT_PART, { value: part });
}

function outputPart(construct: IConstruct): OutputPart | undefined {
  return (construct as unknown as { [OUTPUT_PART]?: OutputPart })[OUTPUT_PART];
}

/**
 * Renders every folder below `scope` (each MkeCluster, then each fleet ChildCluster); rejects two
 * clusters — management or child — with the same name.
 */
export function renderAll(scope: IConstruct): RenderedCluster[] {
  return whileRendering(() => renderFolders(scope));
}

function renderFolders(scope: IConstruct): RenderedCluster[] {
  const folders: { construct: IConstruct; folder: NonNullable<OutputPart['folder']> }[] = [];
  const extraWarnings = new Map<IConstruct, NonNullable<OutputPart['warningsFor']>[]>();
  let validateScope = false;
  for (const c of scope.node.findAll()) {
    const part = outputPart(c);
    if (!part) continue;
    if (part.folder) folders.push({ construct: c, folder: part.folder });
    const contribution = part.warningsFor;
    if (contribution) extraWarnings.set(contribution.target, [...(extraWarnings.get(contribution.target) ?? []), contribution]);
    if (part.validatesScope) validateScope = true;
  }
  folders.sort((a, b) => a.folder.rank - b.folder.rank); // stable: tree order within a rank
  const seen = new Map<string, string>();
  const dupes: Diagnostic[] = [];
  for (const { construct, folder } of folders) {
    const first = seen.get(folder.name);
    if (first) dupes.push({ code: 'duplicate-cluster', severity: 'error', message: `two clusters are named ${folder.name} (${first} and ${construct.node.path})`, path: construct.node.path, hint: 'give each MkeCluster its own name' });
    else seen.set(folder.name, construct.node.path);
  }
  // Fleets may sit outside any MkeCluster: validate the whole tree here, so every problem fails once.
  const errors = [...dupes, ...(validateScope ? constructErrors(scope) : [])];
  if (errors.length) throw new MkeValidationError(errors);
  return folders.map(({ construct, folder }) => {
    const r = folder.render();
    const extra = (extraWarnings.get(construct) ?? []).flatMap((contribution) => contribution.warnings());
    return extra.length ? { ...r, warnings: [...r.warnings, ...extra] } : r;
  });
}

/** Test seams, and where the writer reports what it did beside writing. */
export interface WriteHooks {
  /** Called between writing the temporary folder and swapping it in. */
  readonly beforeSwap?: (clusterName: string) => void;
  /** Removes the previous output after the swap. @default rmSync, recursive */
  readonly removeOld?: (path: string) => void;
  /**
   * Told what the writer did besides writing (leftovers of interrupted writes cleaned up, a
   * previous output it could not remove). @default process.emitWarning
   */
  readonly onNote?: (message: string) => void;
}

/**
 * Writes rendered clusters to `<outdir>/<name>/`, replacing each folder atomically. `extra` files
 * (e.g. the filled `local/` copy) are added per cluster name. Every path written stays inside
 * `<outdir>/<name>/` (a cluster name is a DNS-1123 subdomain); temporary names fit any cluster
 * name; leftovers of writes that were killed are cleaned first; SIGINT/SIGTERM/SIGHUP wait until
 * the write is over.
 */
export function writeRendered(rendered: readonly RenderedCluster[], outdir: string, extra: ReadonlyMap<string, readonly RenderedFile[]> = new Map(), hooks: WriteHooks = {}): string[] {
  for (const cluster of rendered) {
    const problem = clusterNameError(cluster.name);
    if (problem) throw new UnsafePathError(`refusing to write cluster ${JSON.stringify(cluster.name)}: the name ${problem}`);
  }
  const note = hooks.onNote ?? ((message: string) => process.emitWarning(message, 'MkeOutputWarning'));
  mkdirSync(outdir, { recursive: true });
  for (const message of recoverLeftovers(outdir)) note(message);
  return withSignalsDeferred(() => {
    const written: string[] = [];
    for (const cluster of rendered) written.push(...writeOne(cluster, outdir, extra.get(cluster.name) ?? [], hooks, note));
    return written;
  });
}

function writeOne(cluster: RenderedCluster, outdir: string, extra: readonly RenderedFile[], hooks: WriteHooks, note: (message: string) => void): string[] {
  const final = joinInside(outdir, cluster.name);
  const { tmp, old, marker } = tempPaths(outdir, cluster.name);
  const written: string[] = [];
  rmSync(tmp, { recursive: true, force: true });
  let swapped = false;
  try {
    for (const file of [...cluster.files, ...extra]) {
      const target = joinInside(tmp, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content, { mode: file.path.startsWith('local/') ? 0o600 : 0o644 });
      written.push(join(final, file.path));
    }
    hooks.beforeSwap?.(cluster.name);
    if (existsSync(final)) {
      writeMarker(marker, cluster.name);
      renameSync(final, old);
    }
    renameSync(tmp, final);
    swapped = true;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(final) && existsSync(old)) renameSync(old, final);
    rmSync(marker, { force: true });
    throw e;
  }
  if (swapped && existsSync(old)) {
    try {
      (hooks.removeOld ?? ((path: string) => rmSync(path, { recursive: true, force: true })))(old);
      rmSync(marker, { force: true });
    } catch (e) {
      // The new output is in place; only the clean-up failed. The next write removes it.
      note(`wrote ${final}, but could not remove the previous output moved aside to ${old} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); remove it by hand`);
    }
  }
  return written;
}

/**
 * Renders and writes every cluster folder below `scope` (an App). Returns the paths written. Warnings are
 * printed on stderr, one line each (`warnings: 'ignore'` keeps quiet, `'error'` fails on them). Under
 * `mke4k export`/`diff` (see `./capture`) it only records the scope and writes nothing.
 */
export function synthesize(scope: IConstruct, outdir: string = process.env.CDK8S_OUTDIR ?? 'dist', warnings: WarningMode = 'print'): string[] {
  if (captureIfActive(scope)) return [];
  const rendered = renderAll(scope);
  reportWarnings(rendered, warnings);
  return writeRendered(rendered, outdir);
}
