/**
 * `mke4k new <dir>`: writes a cdk8s TypeScript project for one cluster (see lib/views/new). The
 * cluster is a release's `mkectl init` defaults, or an existing mke4.yaml (`--from`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Delivery } from '../cluster';
import { initHost, initSpec } from '../config/defaults';
import { loadMkeConfigFile } from '../config/load';
import { MAX_ALIAS_COUNT } from '../config/source';
import { packageInfo } from '../package-info';
import { npmName, scaffoldFiles, SCAFFOLD_DEPENDENCIES, SCAFFOLD_DEV_DEPENDENCIES } from '../views/new/scaffold';
import { parseRelease, report } from './commands';
import { EXIT_INVALID, EXIT_OK, Io, UsageError } from './io';

export interface NewOptions {
  readonly dir: string;
  readonly from?: string;
  readonly mkeVersion?: string;
  readonly name?: string;
  readonly delivery?: Delivery;
  /** npm spec for mke4k-cdk8s in the new package.json. */
  readonly package?: string;
}

/** Versions this package pins (its own package.json), for the project's dependencies. */
function pinnedVersions(root: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const all: Record<string, string> = { ...pkg.dependencies, ...pkg.devDependencies };
  const out: Record<string, string> = {};
  for (const name of [...SCAFFOLD_DEPENDENCIES, ...SCAFFOLD_DEV_DEPENDENCIES]) {
    if (!all[name]) throw new UsageError(`mke4k-cdk8s's package.json pins no ${name}`);
    out[name] = all[name];
  }
  return out;
}

export function newCommand(options: NewOptions, io: Io): number {
  const dir = resolve(options.dir);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new UsageError(`${options.dir} exists and is not an empty folder`);
  }
  if (options.from && options.mkeVersion) throw new UsageError('give --from or --mke-version, not both (the file names its version)');
  let rawSpec: Record<string, unknown>;
  let release;
  let clusterName: string;
  let source: string;
  if (options.from) {
    const result = loadMkeConfigFile(options.from);
    report(io, result);
    const raw = result.source?.doc?.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as { spec?: Record<string, unknown> } | undefined;
    if (!result.config || !raw?.spec) return EXIT_INVALID;
    rawSpec = raw.spec;
    release = result.config.release;
    clusterName = options.name ?? result.config.name;
    source = basename(options.from);
  } else {
    release = parseRelease(options.mkeVersion);
    rawSpec = { ...initSpec(release), hosts: [initHost(release)] };
    clusterName = options.name ?? 'mke';
    source = `the mkectl init defaults of MKE ${release}`;
  }
  if (options.delivery && release.startsWith('4.0')) throw new UsageError(`--delivery does not apply to MKE ${release} (no k0rdent, no mke-operator)`);
  const { root } = packageInfo();
  const files = scaffoldFiles({
    projectName: npmName(basename(dir)),
    rawSpec,
    clusterName,
    release,
    delivery: options.delivery,
    source,
    packageSpec: options.package ?? `file:${root}`,
    versions: pinnedVersions(root),
  });
  mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(join(dir, file.path), file.content);
  io.stdout.write(
    [
      `created ${options.dir}/: ${files.map((f) => f.path).join(', ')}`,
      'next:',
      `  cd ${options.dir} && npm install`,
      '  npm test            # type-check and run main.test.ts (jest); the first run records __snapshots__/: commit it',
      '  npm run synth       # write dist/' + clusterName + '/',
      '',
    ].join('\n'),
  );
  return EXIT_OK;
}
