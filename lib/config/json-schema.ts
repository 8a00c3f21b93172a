/** JSON Schema of mke4.yaml, generated from the zod model (for editors: yaml-language-server). */
import { isAbsolute, join, relative, sep } from 'node:path';
import { z } from 'zod';
import { packageInfo } from '../package-info';
import { mkeConfigSchema } from './schema';

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

export function mkeJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(mkeConfigSchema, { target: 'draft-7', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return { ...schema, $id: schemaUrl(), title: 'MKE 4k MkeConfig (mke4.yaml)' };
}
