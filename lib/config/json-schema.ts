/** JSON Schema of mke4.yaml, generated from the zod model (for editors: yaml-language-server). */
import { isAbsolute, join, relative, sep } from 'node:path';
import { z } from 'zod';
import { packageInfo } from '../package-info';
import { initSpec } from './defaults';
import { NEWEST_RELEASE } from './releases';
import { MKE_API_VERSION, MKE_KIND, MKE_NAMESPACE, mkeConfigSchema } from './schema';
import { port } from './schema-common';
import { MKE_ROLES } from './schema-hosts';

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
 * The JSON Schema of mke4.yaml for editors (yaml-language-server, draft-07): generated from the zod
 * model, then made to flag in the editor what the loader flags — closed objects where the loader
 * reports unknown keys, `const` header fields, the host roles as an enum — with the `mkectl init`
 * defaults of the newest release and a `markdownDescription` (description, default, allowed values)
 * for hovers.
 */
export function mkeJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(mkeConfigSchema, {
    target: 'draft-7',
    unrepresentable: 'any',
    io: 'input',
    // Checks written as refinements, which JSON Schema can state as ranges.
    override: (ctx) => {
      if (ctx.zodSchema === (port as unknown)) Object.assign(ctx.jsonSchema, { minimum: 1, maximum: 65535 });
    },
  }) as JsonSchema;
  editorGrade(schema);
  return { ...schema, $id: schemaUrl(), title: 'MKE 4k MkeConfig (mke4.yaml)' };
}

/** The subset of JSON Schema this file reads and writes. */
interface JsonSchema {
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  [key: string]: unknown;
}

function editorGrade(root: JsonSchema): void {
  const props = root.properties as Record<string, JsonSchema>;
  // The header: the loader rejects any other apiVersion, kind or namespace, and unknown top-level keys.
  props.apiVersion = { const: MKE_API_VERSION, description: `Always \`${MKE_API_VERSION}\`.` };
  props.kind = { const: MKE_KIND, description: `Always \`${MKE_KIND}\`.` };
  const metadata = props.metadata;
  metadata.description ??= 'Name and namespace of the MkeConfig object.';
  const meta = metadata.properties as Record<string, JsonSchema>;
  meta.name.description ??= 'Cluster name: a DNS-1123 name (lower-case letters, digits, `-` and `.`). Also the output folder of `mke4k synth`.';
  meta.namespace = { const: MKE_NAMESPACE, description: `Always \`${MKE_NAMESPACE}\`: mke-operator reads the MkeConfig from this namespace.` };
  root.additionalProperties = false;
  const spec = props.spec;
  spec.description ??= 'The cluster: hosts, Kubernetes (k0s) settings and MKE system services. Omitted sections take the `mkectl init` defaults of `version`.';
  // Roles are checked by a rule (so that `controller` gets its own diagnostic); for editors, an enum.
  const host = (spec.properties?.hosts as JsonSchema).items as JsonSchema;
  const role = (host.properties as Record<string, JsonSchema>).role;
  (host.properties as Record<string, JsonSchema>).role = { ...role, type: 'string', enum: [...MKE_ROLES] };
  close(spec);
  addDefaults(spec, initSpec(NEWEST_RELEASE));
  markdown(root);
}

/**
 * `additionalProperties: false` on every object the loader checks for unknown keys: reached from
 * `spec` through properties and array items (and a nullable wrapper), not free-form maps or unions.
 */
function close(node: JsonSchema): void {
  const nonNull = (node.anyOf ?? node.oneOf)?.filter((m) => m.type !== 'null');
  if (nonNull && nonNull.length === 1) close(nonNull[0]);
  if (node.properties && node.additionalProperties === undefined) node.additionalProperties = false;
  for (const child of Object.values(node.properties ?? {})) close(child);
  if (node.items && !Array.isArray(node.items)) close(node.items);
}

/** `default` on every field `mkectl init` of the newest release prints (objects recurse, lists and scalars are leaves). */
function addDefaults(node: JsonSchema, value: unknown): void {
  const target = node.properties ? node : ((node.anyOf ?? node.oneOf)?.find((m) => m.properties) ?? node);
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && target.properties) {
    for (const [key, child] of Object.entries(value)) {
      const sub = target.properties[key];
      if (sub) addDefaults(sub, child);
    }
    return;
  }
  if (value !== undefined && node.default === undefined) node.default = value;
}

/** `markdownDescription` for hovers: the description, the default of the newest release, the allowed values. */
function markdown(node: JsonSchema): void {
  const parts: string[] = [];
  if (node.description) parts.push(node.description);
  if (node.default !== undefined) parts.push(`Default (MKE ${NEWEST_RELEASE}): \`${JSON.stringify(node.default)}\``);
  if (node.enum) parts.push(`Allowed: ${node.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (parts.length) node.markdownDescription = parts.join('\n\n');
  for (const child of Object.values(node.properties ?? {})) markdown(child);
  if (node.items && !Array.isArray(node.items)) markdown(node.items);
  for (const member of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) markdown(member);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') markdown(node.additionalProperties);
}
