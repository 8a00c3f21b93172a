/**
 * `mke4k import`: an mke4.yaml as a TypeScript program (an `apps/`-style file) that builds the same
 * cluster with our constructs. The user's `spec` is written as they wrote it (defaults stay implicit,
 * as in the file); secret fields become environment reads, never values.
 */
import type { Delivery } from '../cluster';
import { formatPath, PathSegment } from '../config/diagnostics';
import type { MkeRelease } from '../config/releases';
import { specSchema } from '../config/schema';
import { findUnknownKeys } from '../config/schema-walk';
import { isSecretAt, secretVariable } from '../config/secrets';
import { singleQuoted, toTsLiteral } from './ts-literal';

export interface ImportProgramOptions {
  /** The `spec` mapping exactly as parsed from the file. */
  readonly rawSpec: Record<string, unknown>;
  /** `metadata.name`: the cluster name and output folder. */
  readonly name: string;
  readonly release: MkeRelease;
  /** Written into the program only when given (not stored in mke4.yaml). */
  readonly delivery?: Delivery;
  /** Shown in the program's header comment. */
  readonly sourceFile?: string;
}

/** A construct id from a cluster name (ids may not contain `/`). */
function constructId(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '-') || 'cluster';
}

/** Copy of `value` with secrets replaced by environment reads and `drop` paths removed. */
function prepare(value: unknown, path: PathSegment[], drop: ReadonlySet<string>, secrets: Set<string>): unknown {
  if (typeof value === 'string') {
    if (value !== '' && isSecretAt(path, value)) {
      // The placeholder, never the value, and never an empty string when a variable is unset: the
      // output carries `${MKE_…}` for every secret either way, filled at apply time.
      const variable = secretVariable(path);
      secrets.add(variable);
      return `\${${variable}}`;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => prepare(v, [...path, i], drop, secrets));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (drop.has(formatPath(['spec', ...path, k]))) continue;
      out[k] = prepare(v, [...path, k], drop, secrets);
    }
    return out;
  }
  return value;
}

/** `MkeClusterProps` of a file as a TypeScript literal, with what it had to leave out or read from the environment. */
export interface ClusterPropsLiteral {
  readonly literal: string;
  /** Environment variables the literal reads secret fields from, sorted. */
  readonly secrets: readonly string[];
  /** Paths of unknown keys left out. */
  readonly unknown: readonly string[];
}

export function clusterPropsLiteral(options: ImportProgramOptions): ClusterPropsLiteral {
  // Unknown keys are ignored by the loader (with a warning); in TypeScript they would not type-check.
  const unknown = findUnknownKeys(specSchema, options.rawSpec, ['spec']).map((u) => formatPath(u.path));
  const secrets = new Set<string>();
  const spec = prepare(options.rawSpec, [], new Set(unknown), secrets);
  const props: Record<string, unknown> = { name: options.name };
  if (options.delivery) props.delivery = options.delivery;
  props.spec = spec;
  return { literal: toTsLiteral(props), secrets: [...secrets].sort(), unknown };
}

/** A construct id for the cluster of `name`. */
export function clusterConstructId(name: string): string {
  return constructId(name);
}

/** The program text. Deterministic: the same file gives the same program. */
export function importProgram(options: ImportProgramOptions): string {
  const { literal, secrets, unknown } = clusterPropsLiteral(options);

  const header = [
    '/**',
    ` * MKE ${options.release} cluster ${options.name}${options.sourceFile ? `, imported from ${options.sourceFile}` : ''} by \`mke4k import\`.`,
    ' * Synthesize with `node --import tsx <this file>`: writes <$CDK8S_OUTDIR, default dist>/<name>/.',
  ];
  if (secrets.length) header.push(` * Secret fields hold placeholders, filled when the output is applied (Flux, k0sctl's environment, or mke4k synth --secrets-from): ${secrets.join(', ')}.`);
  if (unknown.length) header.push(` * Left out (unknown keys the loader ignores): ${unknown.join(', ')}.`);
  header.push(' */');
  // A `*/` inside a user's file name or key would end the comment early.
  for (let i = 1; i < header.length - 1; i++) header[i] = header[i].replace(/\*\//g, '* /');

  return [
    ...header,
    "import { App } from 'cdk8s';",
    "import { MkeCluster, synthesize } from 'mke4k-cdk8s';",
    '',
    'const app = new App();',
    '',
    `new MkeCluster(app, ${singleQuoted(constructId(options.name))}, ${literal});`,
    '',
    'synthesize(app);',
    '',
  ].join('\n');
}
