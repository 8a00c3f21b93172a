/**
 * The `validate`, `init`, `synth` and `schema` commands. Each returns its exit code; output goes
 * through the given streams (data on stdout, diagnostics on stderr).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Delivery, MkeCluster } from '../cluster';
import { Diagnostic, hasErrors, MkeValidationError } from '../config/diagnostics';
import { initHost, initSpec, JsonObject } from '../config/defaults';
import { loadMkeConfigFile, LoadResult } from '../config/load';
import { isAtLeast, MKE_RELEASES, MkeRelease, NEWEST_RELEASE, releaseInfo, toRelease } from '../config/releases';
import { mkeJsonSchema, schemaUrl } from '../config/json-schema';
import { mke4Document } from '../output/mke4-document';
import type { RenderedFile } from '../output/writer';
import { parseOverridePath } from '../output/overrides';
import { diagnosticsJson, formatDiagnostics, useColor } from './print';
import { EXIT_INVALID, EXIT_OK, Io, UsageError } from './io';
import { localCopy, readSecretsFile } from './secrets-file';
import { dns1123SubdomainError } from '../k8s-names';
import { whileRendering } from '../construct-diagnostics';
import { checkHosts, readHostsFile } from './init-hosts';

/* eslint-disable @typescript-eslint/no-require-imports */
const views = {
  plan: () => require('../views/plan') as typeof import('../views/plan'),
  describe: () => require('../views/describe') as typeof import('../views/describe'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export { EXIT_DIFF, EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError } from './io';
export type { Io } from './io';

export function report(io: Io, result: Pick<LoadResult, 'diagnostics' | 'source'>): void {
  if (!result.diagnostics.length) return;
  io.stderr.write(formatDiagnostics(result.diagnostics, result.source, { color: useColor(io.stderr as NodeJS.WriteStream) }) + '\n');
}

export interface ValidateOptions {
  readonly file: string;
  readonly format?: 'text' | 'json';
  readonly strict?: boolean;
}

export function validateCommand(options: ValidateOptions, io: Io): number {
  const result = loadMkeConfigFile(options.file, { strict: options.strict });
  if (options.format === 'json') io.stdout.write(JSON.stringify({ diagnostics: diagnosticsJson(result.diagnostics) }, null, 2) + '\n');
  else {
    report(io, result);
    if (result.config) io.stdout.write(validLine(options.file, result) + '\n');
  }
  return result.config ? EXIT_OK : EXIT_INVALID;
}

/** `mke4.yaml: valid — MKE 4.2.0, 5 hosts, 2 warnings`. */
export function validLine(file: string, result: LoadResult): string {
  const config = result.config as NonNullable<LoadResult['config']>;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  return `${file === '-' ? 'standard input' : file}: valid — MKE ${config.release}, ${n(config.spec.hosts.length, 'host')}, ${n(warnings, 'warning')}`;
}

export interface InitOptions {
  readonly mkeVersion?: string;
  readonly hosts?: string;
  readonly schemaPath?: string;
  /** Point the modeline at the public CDN URL instead of the local schema file. */
  readonly schemaUrl?: boolean;
}

export function parseRelease(version: string | undefined): MkeRelease {
  if (version === undefined) return NEWEST_RELEASE;
  const release = toRelease(version);
  if (!release) throw new UsageError(`unknown MKE version ${version}; supported: ${MKE_RELEASES.join(', ')}`);
  return release;
}

/** The default mke4.yaml of a release, as `mkectl init` prints it, plus the schema modeline. */
export function initDocument(release: MkeRelease, hosts?: unknown[], schemaPath?: string): string {
  const spec: JsonObject = { ...initSpec(release), hosts: (hosts ?? [initHost(release)]) as JsonObject[] };
  return mke4Document('mke', spec, { schemaPath, creationTimestamp: !isAtLeast(release, '4.1.2') });
}

export function initCommand(options: InitOptions, io: Io): number {
  const release = parseRelease(options.mkeVersion);
  // The path is written into a comment line of the document: a newline would add lines of its own.
  // eslint-disable-next-line no-control-regex
  if (options.schemaPath !== undefined && /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(options.schemaPath)) {
    throw new UsageError(`--schema-path ${JSON.stringify(options.schemaPath)} holds a control character (a newline would add lines to the document)`);
  }
  let hosts: unknown[] | undefined;
  if (options.hosts) {
    // The hosts file is checked like the hosts of an mke4.yaml, each problem at its own line (exit 1).
    const file = readHostsFile(options.hosts);
    const problems = file.hosts ? checkHosts(initDocument(release, file.hosts), options.hosts, file.source) : file.diagnostics;
    report(io, { diagnostics: problems, source: file.source });
    if (hasErrors(problems)) return EXIT_INVALID;
    hosts = file.hosts;
  }
  if (options.schemaUrl && options.schemaPath) throw new UsageError('give --schema-url or --schema-path, not both');
  io.stdout.write(initDocument(release, hosts, options.schemaUrl ? schemaUrl() : options.schemaPath));
  return EXIT_OK;
}

export interface SynthOptions {
  readonly file: string;
  readonly out: string;
  readonly name?: string;
  readonly delivery?: Delivery;
  readonly strict?: boolean;
  readonly format?: 'text' | 'json';
  /** Env-style file of secret values: also write a filled copy to `<out>/<name>/local/`. */
  readonly secretsFrom?: string;
  /** Render and report, write nothing (a preview is pure). */
  readonly dryRun?: boolean;
}

export function synthCommand(options: SynthOptions, io: Io): number {
  // One rendering: the checks after synth and the summary read what synth rendered.
  return whileRendering(() => synthOnce(options, io));
}

function synthOnce(options: SynthOptions, io: Io): number {
  // `--name` becomes a folder under -o: a DNS-1123 name, never a path.
  const nameProblem = options.name === undefined ? undefined : dns1123SubdomainError(options.name);
  if (nameProblem) throw new UsageError(`--name ${JSON.stringify(options.name)} ${nameProblem}; it becomes the folder <out>/<name>/`);
  const result = loadMkeConfigFile(options.file, { strict: options.strict });
  const json = options.format === 'json';
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  const fail = (extra: readonly Diagnostic[]): number => {
    diagnostics.push(...extra);
    if (json) io.stdout.write(JSON.stringify({ diagnostics: diagnosticsJson(diagnostics), summary: null, files: [] }, null, 2) + '\n');
    else report(io, { diagnostics, source: result.source });
    return EXIT_INVALID;
  };
  if (!result.config) return fail([]);
  if (options.delivery && result.config.release.startsWith('4.0')) {
    return fail([{ code: 'delivery-unsupported', severity: 'error', path: 'spec.version', message: `--delivery does not apply to MKE ${result.config.release} (no k0rdent, no mke-operator)`, hint: 'drop --delivery, or move the file to 4.1+ with `mke4k init --mke-version`' }]);
  }
  // cdk8s and the constructs load here, not when the CLI starts (validate and init never need them).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App } = require('cdk8s') as typeof import('cdk8s');
  const { MkeCluster } = require('../cluster') as typeof import('../cluster');
  const { renderAll, writeRendered } = require('../output/writer') as typeof import('../output/writer');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const app = new App({ outdir: options.out });
  let rendered;
  try {
    const cluster = new MkeCluster(app, 'cluster', { config: result.config, name: options.name, delivery: options.delivery });
    rendered = renderAll(app);
    // Synth-time warnings carry a path only; place them in the file like the loader's.
    const source = result.source;
    diagnostics.push(...cluster.warnings.map((w) => (w.line === undefined && source ? { ...w, file: source.file, ...source.locate(parseOverridePath(w.path) ?? []) } : w)));
  } catch (e) {
    if (e instanceof MkeValidationError) return fail(e.diagnostics);
    throw e;
  }
  const strictDiagnostics = options.strict ? diagnostics.map((d) => ({ ...d, severity: 'error' as const })) : diagnostics;
  if (hasErrors(strictDiagnostics)) return fail([]);
  const extra = new Map<string, RenderedFile[]>();
  if (options.secretsFrom) {
    const secrets = readSecretsFile(options.secretsFrom);
    if (hasErrors(secrets.diagnostics)) return fail(secrets.diagnostics);
    for (const cluster of rendered) {
      const local = localCopy(cluster, secrets, options.secretsFrom);
      if (hasErrors(local.diagnostics)) return fail(local.diagnostics);
      extra.set(cluster.name, local.files);
    }
  }
  // The plan is computed before writing (it compares with the folder as it is now).
  const plan = options.dryRun ? views.plan().plan(rendered, options.out) : undefined;
  const written = options.dryRun
    ? rendered.flatMap((c) => [...c.files, ...(extra.get(c.name) ?? [])].map((f) => join(options.out, c.name, f.path)))
    : writeRendered(rendered, options.out, extra, {
        onNote: (message) => diagnostics.push({ code: 'output-cleanup', severity: 'warning', message, path: '', hint: 'nothing to do unless the message names a folder to remove' }),
      });
  const summary = summarize(rendered[0].name, result.config.spec, result.config.release, options.delivery ?? 'operator', MkeCluster.all(app)[0]);
  if (json) {
    const planned = plan ? { dryRun: true, plan: views.plan().planToJson(plan) } : {};
    io.stdout.write(JSON.stringify({ diagnostics: diagnosticsJson(diagnostics), summary, files: written, ...planned }, null, 2) + '\n');
  } else {
    report(io, { diagnostics, source: result.source });
    if (plan) io.stdout.write(views.plan().formatPlan(plan, { color: useColor(io.stdout as NodeJS.WriteStream) }) + '\n');
    io.stdout.write(formatSummary(summary, written, options.dryRun));
  }
  return EXIT_OK;
}

interface Summary {
  name: string;
  release: string;
  k0sVersion: string;
  delivery: Delivery;
  hosts: Record<string, number>;
  /** Helm releases of the enabled system services, `name (chart version)`. */
  services: string[];
  /** What the user creates before applying (names only, never values). */
  prerequisites: { kind: string; name: string; namespace: string | null; usedBy: string; how: string }[];
}

function summarize(name: string, spec: MkeCluster['spec'], release: MkeRelease, delivery: Delivery, cluster: MkeCluster): Summary {
  const hosts: Record<string, number> = {};
  for (const h of spec.hosts) hosts[h.role] = (hosts[h.role] ?? 0) + 1;
  const { describeCluster } = views.describe();
  const description = describeCluster(cluster);
  return {
    name,
    release,
    k0sVersion: releaseInfo(release).k0sVersion,
    delivery,
    hosts,
    services: description.services.map((s) => `${s.name} (${s.chart}${s.version ? ` ${s.version}` : ''})`),
    prerequisites: description.prerequisites.map((p) => ({ kind: p.kind, name: p.name, namespace: p.namespace ?? null, usedBy: p.usedBy, how: p.how })),
  };
}

function formatSummary(s: Summary, written: readonly string[], dryRun = false): string {
  const hosts = Object.entries(s.hosts).map(([role, n]) => `${n} ${role}`).join(', ');
  return [
    `cluster ${s.name}: MKE ${s.release}, k0s ${s.k0sVersion}, delivery ${s.delivery}`,
    `hosts: ${hosts}`,
    `services (${s.services.length}): ${s.services.join(', ') || 'none'}`,
    dryRun ? `would write ${written.length} file(s) (dry run, nothing written):` : `wrote ${written.length} file(s):`,
    ...written.map((f) => `  ${f}`),
    `prerequisites (${s.prerequisites.length})${s.prerequisites.length ? ': create before applying (see prerequisites.yaml)' : ''}:`,
    ...s.prerequisites.map((p) => `  ${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}${p.usedBy ? ` — for ${p.usedBy}` : ''}${p.how ? `\n    create: ${p.how}` : ''}`),
    '',
  ].join('\n');
}

export function schemaCommand(options: { out?: string }, io: Io): number {
  const text = JSON.stringify(mkeJsonSchema(), null, 2) + '\n';
  if (options.out) writeFileSync(options.out, text);
  else io.stdout.write(text);
  return EXIT_OK;
}
