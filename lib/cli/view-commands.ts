/**
 * Wiring of the read-only views — `plan`, `describe`, `graph`, `releases` — whose logic lives in
 * `lib/views/`. Each takes an mke4.yaml (or a program), builds the clusters in memory exactly as
 * `synth` does, and writes nothing but its report (and `graph -o FILE`).
 */
import { writeFileSync } from 'node:fs';
import type { IConstruct } from 'constructs';
import type { Delivery } from '../cluster';
import { Diagnostic, hasErrors, MkeValidationError } from '../config/diagnostics';
import { loadMkeConfigFile } from '../config/load';
import type { SourceDocument } from '../config/source';
import type { RenderedCluster } from '../output/writer';
import { EXIT_DIFF, EXIT_INVALID, EXIT_OK, Io, UsageError } from './io';
import { diagnosticsJson, formatDiagnostics, useColor } from './print';
import { isProgramFile } from './program';
import { runProgramInProcess } from './program-inprocess';

/* eslint-disable @typescript-eslint/no-require-imports */
const views = {
  plan: () => require('../views/plan') as typeof import('../views/plan'),
  describe: () => require('../views/describe') as typeof import('../views/describe'),
  graph: () => require('../views/graph') as typeof import('../views/graph'),
  releases: () => require('../views/releases') as typeof import('../views/releases'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface InputOptions {
  readonly file: string;
  readonly name?: string;
  readonly delivery?: Delivery;
  readonly strict?: boolean;
}

/** Clusters built in memory from an mke4.yaml or a program. `scopes` is empty when the input is invalid. */
export interface BuiltInput {
  readonly scopes: readonly IConstruct[];
  readonly diagnostics: readonly Diagnostic[];
  readonly source?: SourceDocument;
}

const strictly = (diagnostics: readonly Diagnostic[], strict?: boolean): Diagnostic[] => (strict ? diagnostics.map((d) => ({ ...d, severity: 'error' as const })) : [...diagnostics]);

/** Loads and builds the input as `synth` would (same name, delivery and checks), in memory. */
export function buildInput(options: InputOptions): BuiltInput {
  if (isProgramFile(options.file)) {
    if (options.name || options.delivery) throw new UsageError('--name and --delivery apply to mke4.yaml input; a program sets them on each MkeCluster');
    const result = runProgramInProcess(options.file);
    const diagnostics = strictly(result.diagnostics, options.strict);
    return { scopes: hasErrors(diagnostics) ? [] : (result.scopes ?? []), diagnostics };
  }
  const result = loadMkeConfigFile(options.file, { strict: options.strict });
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  const config = result.config;
  if (!config) return { scopes: [], diagnostics, source: result.source };
  if (options.delivery && config.release.startsWith('4.0')) {
    diagnostics.push({ code: 'delivery-unsupported', severity: 'error', path: 'spec.version', message: `--delivery does not apply to MKE ${config.release} (no k0rdent, no mke-operator)`, hint: 'drop --delivery, or move the file to 4.1+ with `mke4k init --mke-version`' });
    return { scopes: [], diagnostics, source: result.source };
  }
  // cdk8s and the constructs load here, not when the CLI starts.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App } = require('cdk8s') as typeof import('cdk8s');
  const { MkeCluster } = require('../cluster') as typeof import('../cluster');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const app = new App({ outdir: '.' });
  try {
    const cluster = new MkeCluster(app, 'cluster', { config, name: options.name, delivery: options.delivery });
    diagnostics.push(...strictly(cluster.warnings, options.strict));
  } catch (e) {
    if (e instanceof MkeValidationError) return { scopes: [], diagnostics: [...diagnostics, ...e.diagnostics], source: result.source };
    throw e;
  }
  return { scopes: hasErrors(diagnostics) ? [] : [app], diagnostics, source: result.source };
}

function reportText(io: Io, built: Pick<BuiltInput, 'diagnostics' | 'source'>): void {
  if (built.diagnostics.length) io.stderr.write(formatDiagnostics(built.diagnostics, built.source, { color: useColor(io.stderr as NodeJS.WriteStream) }) + '\n');
}

/** Renders every cluster of the scopes (no writing); construct errors become diagnostics. */
export function renderScopes(scopes: readonly IConstruct[]): { rendered: RenderedCluster[]; diagnostics: Diagnostic[] } {
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const { renderAll } = require('../output/writer') as typeof import('../output/writer');
  const rendered: RenderedCluster[] = [];
  try {
    for (const scope of scopes) rendered.push(...renderAll(scope));
  } catch (e) {
    if (e instanceof MkeValidationError) return { rendered: [], diagnostics: [...e.diagnostics] };
    throw e;
  }
  return { rendered, diagnostics: [] };
}

export interface PlanOptions extends InputOptions {
  readonly out: string;
  readonly format?: 'text' | 'json';
}

/** The plan as JSON: diagnostics, clusters with files (diff, changes) and the summary. */
export function planJson(diagnostics: readonly Diagnostic[], p: import('../views/plan').Plan | undefined): object {
  return { diagnostics: diagnosticsJson(diagnostics), ...(p ? views.plan().planToJson(p) : { clusters: [], summary: null }) };
}

/** Exit code of a plan: 1 when a change is impossible on a running cluster, 3 when files change, else 0. */
export function planExit(p: import('../views/plan').Plan): number {
  if (p.summary.impossible) return EXIT_INVALID;
  return p.summary.filesChanged ? EXIT_DIFF : EXIT_OK;
}

export function planCommand(options: PlanOptions, io: Io): number {
  const json = options.format === 'json';
  const built = buildInput(options);
  const { rendered, diagnostics: renderProblems } = built.scopes.length ? renderScopes(built.scopes) : { rendered: [], diagnostics: [] };
  const diagnostics = [...built.diagnostics, ...renderProblems];
  if (hasErrors(diagnostics) || !rendered.length) {
    if (json) io.stdout.write(JSON.stringify(planJson(diagnostics, undefined), null, 2) + '\n');
    else reportText(io, { diagnostics, source: built.source });
    return EXIT_INVALID;
  }
  const p = views.plan().plan(rendered, options.out);
  if (json) io.stdout.write(JSON.stringify(planJson(diagnostics, p), null, 2) + '\n');
  else {
    reportText(io, { diagnostics, source: built.source });
    io.stdout.write(views.plan().formatPlan(p, { color: useColor(io.stdout as NodeJS.WriteStream) }));
  }
  return planExit(p);
}

export interface DescribeOptions extends InputOptions {
  readonly format?: 'text' | 'json';
}

export function describeCommand(options: DescribeOptions, io: Io): number {
  const json = options.format === 'json';
  const built = buildInput(options);
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const { MkeCluster } = require('../cluster') as typeof import('../cluster');
  const { describeCluster, formatDescription } = views.describe();
  const descriptions = built.scopes.flatMap((s) => MkeCluster.all(s)).map(describeCluster);
  if (json) io.stdout.write(JSON.stringify({ diagnostics: diagnosticsJson(built.diagnostics), clusters: descriptions }, null, 2) + '\n');
  else {
    reportText(io, built);
    io.stdout.write(descriptions.map(formatDescription).join('\n'));
  }
  return descriptions.length ? EXIT_OK : EXIT_INVALID;
}

export interface GraphOptions extends InputOptions {
  readonly format?: 'mermaid' | 'dot' | 'svg';
  readonly out?: string;
}

export async function graphCommand(options: GraphOptions, io: Io): Promise<number> {
  const built = buildInput(options);
  reportText(io, built);
  if (!built.scopes.length) return EXIT_INVALID;
  const graph = views.graph();
  const models = built.scopes.map((s) => graph.graphOf(s, `MKE 4k: ${options.file}`));
  // Several scopes (a program that synthesizes twice) are drawn as one picture.
  const model = models.length === 1 ? models[0] : { title: models[0].title, groups: models.flatMap((m) => m.groups), nodes: models.flatMap((m) => m.nodes), edges: models.flatMap((m) => m.edges) };
  const format = options.format ?? 'mermaid';
  const text = format === 'svg' ? await graph.toSvg(model) : format === 'dot' ? graph.toDot(model) : graph.toMermaid(model);
  if (options.out) {
    writeFileSync(options.out, text);
    io.stderr.write(`wrote ${options.out}\n`);
  } else io.stdout.write(text);
  return EXIT_OK;
}

export function releasesCommand(options: { format?: 'text' | 'json' }, io: Io): number {
  const { formatReleases, releaseRows } = views.releases();
  const rows = releaseRows();
  io.stdout.write(options.format === 'json' ? JSON.stringify({ releases: rows }, null, 2) + '\n' : formatReleases(rows));
  return EXIT_OK;
}
