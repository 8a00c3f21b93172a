/** JSON Schema of mke4.yaml, generated from the zod model (for editors: yaml-language-server). */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { packageInfo } from '../package-info';

/** The public CDN URL of this package version's schema (resolves once the package is published to npm). */
export function schemaUrl(): string {
  const { version } = packageInfo();
  return `https://cdn.jsdelivr.net/npm/mke4k-cdk8s@${version}/schema/mke4.schema.json`;
}

/**
 * The schema file shipped in this package (`schema/mke4.schema.json`), for a modeline that resolves
 * offline: `./…` relative to `from` when the package is below it (e.g. `./node_modules/mke4k-cdk8s/…`),
 * else absolute. yaml-language-server resolves a relative modeline path from the YAML file's folder.
 */
export function localSchemaPath(from: string = process.cwd()): string {
  const file = join(packageInfo().root, 'schema', 'mke4.schema.json');
  const rel = relative(from, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? `./${rel.split(sep).join('/')}` : file;
}

/**
 * The JSON Schema of mke4.yaml for editors (yaml-language-server, draft-07): closed objects, `const`
 * header fields, enums, a description, `markdownDescription` and the newest release's default on
 * every field. Read from `schema/mke4.schema.json`, which the build generates from the zod model
 * (`json-schema-build.ts`): its long field texts stay out of the code the CLI loads.
 */
export function mkeJsonSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(packageInfo().root, 'schema', 'mke4.schema.json'), 'utf8')) as Record<string, unknown>;
}
