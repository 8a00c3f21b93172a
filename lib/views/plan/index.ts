/**
 * `mke4k plan`: what `synth` would change in `<out>/<name>/`, rendered in memory and compared with
 * the folder as it is now — per file added / changed / removed, a unified diff per changed file
 * (secrets masked), the impact of each change on a running cluster, and a one-line summary.
 * Writes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { structuredPatch } from 'diff';
import { fileChanges, isFolder, listFiles } from '../../diff/folder-diff';
import { changesJson, formatChange } from '../../diff/format';
import type { Change } from '../../diff/tree-diff';
import type { RenderedCluster } from '../../output/writer';
import { MASK, maskChangeValues, maskLine, maskPair, maskSecrets } from './mask';

export type FileStatus = 'added' | 'changed' | 'removed';

export interface PlannedFile {
  /** Path relative to the cluster folder. */
  readonly path: string;
  readonly status: FileStatus;
  /** Unified diff of a changed file (secrets masked); absent for added and removed files. */
  readonly diff?: string;
  /** True when the diff was too large to compute (the file is still listed). */
  readonly diffTooLarge?: boolean;
  /** Field-level changes inside YAML objects, each with its impact when known. */
  readonly changes: readonly Change[];
}

export interface ClusterPlan {
  readonly name: string;
  /** `<out>/<name>`. */
  readonly folder: string;
  /** False when the folder does not exist yet (first synth). */
  readonly exists: boolean;
  readonly files: readonly PlannedFile[];
}

export interface PlanSummary {
  readonly filesChanged: number;
  /** Changes that restart or reinstall nodes. */
  readonly restarts: number;
  /** Changes a running cluster cannot take (or an unsupported upgrade path). */
  readonly impossible: number;
  /** Changes the control plane rolls out as Helm upgrades. */
  readonly helmUpgrades: number;
  readonly text: string;
}

export interface Plan {
  readonly clusters: readonly ClusterPlan[];
  readonly summary: PlanSummary;
}

/** Diffs larger than this many edits are not shown (the file is still listed as changed). */
const MAX_EDIT_LENGTH = 20_000;
const CONTEXT_LINES = 3;

export function isImpossible(impact: string | undefined): boolean {
  return impact !== undefined && /^unsupported|cannot change/.test(impact);
}
export function isRestart(impact: string | undefined): boolean {
  return impact !== undefined && /restart|reinstall|reset the node/.test(impact);
}
export function isHelmUpgrade(impact: string | undefined): boolean {
  return impact !== undefined && /Helm upgrade|installs or removes|attached to or detached/.test(impact);
}

/** A unified diff of two texts with `a/` and `b/` headers, or undefined when it would be too costly. */
export function unifiedDiff(path: string, before: string, after: string): string | undefined {
  const [a, b] = maskPair(before, after, path);
  const patch = structuredPatch(`a/${path}`, `b/${path}`, a, b, '', '', { context: CONTEXT_LINES, maxEditLength: MAX_EDIT_LENGTH });
  if (!patch) return undefined;
  const lines = [`--- a/${path}`, `+++ b/${path}`];
  for (const h of patch.hunks) {
    lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    lines.push(...h.lines);
  }
  return lines.join('\n') + '\n';
}

function masked(change: Change): Change {
  // Field changes of files that are not YAML objects come as whole lines: mask those too.
  const hide = (v: unknown) => (typeof v === 'string' ? maskLine(v) : v);
  const lines = { ...change, ...(change.old !== undefined ? { old: hide(change.old) } : {}), ...(change.new !== undefined ? { new: hide(change.new) } : {}) };
  return maskChangeValues(lines);
}

/** The plan of one rendered cluster against `<out>/<name>/`. */
export function planCluster(rendered: RenderedCluster, out: string): ClusterPlan {
  const folder = join(out, rendered.name);
  const exists = isFolder(folder);
  const current = exists ? listFiles(folder) : [];
  const next = new Map(rendered.files.filter((f) => !f.path.startsWith('local/')).map((f) => [f.path, f.content]));
  const files: PlannedFile[] = [];
  for (const path of [...new Set([...current, ...next.keys()])].sort()) {
    const after = next.get(path);
    const before = current.includes(path) ? readFileSync(join(folder, path), 'utf8') : undefined;
    if (before === after) continue;
    if (before === undefined) files.push({ path, status: 'added', changes: [] });
    else if (after === undefined) files.push({ path, status: 'removed', changes: [] });
    else {
      const diff = unifiedDiff(path, before, after);
      files.push({ path, status: 'changed', ...(diff === undefined ? { diffTooLarge: true } : { diff }), changes: fileChanges(path, before, after).map(masked) });
    }
  }
  return { name: rendered.name, folder, exists, files };
}

export function summarizePlan(clusters: readonly ClusterPlan[]): PlanSummary {
  const files = clusters.flatMap((c) => c.files);
  const impacts = files.flatMap((f) => f.changes.map((c) => c.impact));
  const filesChanged = files.length;
  const restarts = impacts.filter(isRestart).length;
  const impossible = impacts.filter(isImpossible).length;
  const helmUpgrades = impacts.filter(isHelmUpgrade).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const text = filesChanged
    ? `${plural(filesChanged, 'file changes', 'files change')}; ${plural(restarts, 'change restarts nodes', 'changes restart nodes')}; ${plural(helmUpgrades, 'Helm upgrade', 'Helm upgrades')}; ${impossible} impossible`
    : 'no changes';
  return { filesChanged, restarts, impossible, helmUpgrades, text };
}

export function plan(rendered: readonly RenderedCluster[], out: string): Plan {
  const clusters = rendered.map((r) => planCluster(r, out));
  return { clusters, summary: summarizePlan(clusters) };
}

const paint = (on: boolean, codes: string, text: string): string => (on ? `\u001b[${codes}m${text}\u001b[0m` : text);

/** The text form: per cluster, per file its status, impacts and diff; then the summary line. */
export function formatPlan(p: Plan, options: { color?: boolean; diffs?: boolean } = {}): string {
  const color = options.color ?? false;
  const lines: string[] = [];
  for (const c of p.clusters) {
    const added = c.files.filter((f) => f.status === 'added').length;
    const removed = c.files.filter((f) => f.status === 'removed').length;
    const changed = c.files.length - added - removed;
    lines.push(`cluster ${c.name} (${c.folder}${c.exists ? '' : ', not written yet'}): ${c.files.length ? `${added} added, ${changed} changed, ${removed} removed` : 'no changes'}`);
    for (const f of c.files) {
      const sign = f.status === 'added' ? '+' : f.status === 'removed' ? '-' : '~';
      lines.push(paint(color, f.status === 'added' ? '32' : f.status === 'removed' ? '31' : '33', `${sign} ${f.path}`));
      for (const change of f.changes) {
        if (change.impact) lines.push(`    ${formatChange({ ...change, path: change.path.slice(f.path.length) }, color)}`);
      }
      if (options.diffs !== false && f.diffTooLarge) lines.push('    (diff too large to show)');
    }
  }
  if (options.diffs !== false) {
    for (const c of p.clusters) {
      for (const f of c.files) {
        if (!f.diff || f.status !== 'changed') continue;
        lines.push('');
        for (const l of f.diff.replace(/\n$/, '').split('\n')) {
          lines.push(l.startsWith('+') && !l.startsWith('+++') ? paint(color, '32', l) : l.startsWith('-') && !l.startsWith('---') ? paint(color, '31', l) : l);
        }
      }
    }
  }
  lines.push('', p.summary.text);
  return lines.join('\n') + '\n';
}

export { MASK, maskSecrets };


/** The JSON shape of a plan (without diagnostics): clusters with their files, and the summary. */
export function planToJson(p: Plan): { clusters: object[]; summary: object } {
  return {
    clusters: p.clusters.map((c) => ({
      name: c.name,
      folder: c.folder,
      exists: c.exists,
      files: c.files.map((f) => ({ path: f.path, status: f.status, diff: f.diff ?? null, diffTooLarge: f.diffTooLarge ?? false, changes: changesJson(f.changes) })),
    })),
    summary: { filesChanged: p.summary.filesChanged, restarts: p.summary.restarts, helmUpgrades: p.summary.helmUpgrades, impossible: p.summary.impossible, text: p.summary.text },
  };
}
