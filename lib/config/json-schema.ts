/** JSON Schema of mke4.yaml, generated from the zod model (for editors: yaml-language-server). */
import { z } from 'zod';
import { packageInfo } from '../package-info';
import { mkeConfigSchema } from './schema';

/** The published schema's URL for the installed package version (DECISIONS 23). */
export function schemaUrl(): string {
  const { version } = packageInfo();
  return `https://cdn.jsdelivr.net/npm/mke4k-cdk8s@${version}/schema/mke4.schema.json`;
}

export function mkeJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(mkeConfigSchema, { target: 'draft-7', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return { ...schema, $id: schemaUrl(), title: 'MKE 4k MkeConfig (mke4.yaml)' };
}
