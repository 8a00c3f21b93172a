/**
 * Generates the JSON Schema of mke4.yaml (schema/mke4.schema.json) from the zod model, with a
 * description, a `markdownDescription` (description, defaults per release, allowed values) and the
 * newest release's `default` on every field. Used by the build (scripts/write-schema.js) and the
 * tests, never by the CLI at run time: the field texts (`field-docs.ts`) stay out of its bundle.
 */
import { z } from 'zod';
import { initSpec, type Json } from './defaults';
import { FIELD_DOCS } from './field-docs';
import { schemaUrl } from './json-schema';
import { MKE_RELEASES, NEWEST_RELEASE, type MkeRelease } from './releases';
import { MKE_API_VERSION, MKE_KIND, MKE_NAMESPACE, mkeConfigSchema } from './schema';
import { port } from './schema-common';
import { MKE_ROLES } from './schema-hosts';

/** The subset of JSON Schema this file reads and writes. */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  [key: string]: unknown;
}

/**
 * The JSON Schema of mke4.yaml for editors (yaml-language-server, draft-07): generated from the zod
 * model, then made to flag in the editor what the loader flags — closed objects where the loader
 * reports unknown keys, `const` header fields, the host roles as an enum — with the `mkectl init`
 * defaults of the newest release, a description of every field and a `markdownDescription`
 * (description, defaults per release, allowed values) for hovers.
 */
export function generateMkeJsonSchema(): Record<string, unknown> {
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

function editorGrade(root: JsonSchema): void {
  const props = root.properties as Record<string, JsonSchema>;
  // The header: the loader rejects any other apiVersion, kind or namespace, and unknown top-level keys.
  props.apiVersion = { const: MKE_API_VERSION };
  props.kind = { const: MKE_KIND };
  const meta = props.metadata.properties as Record<string, JsonSchema>;
  meta.namespace = { const: MKE_NAMESPACE };
  root.additionalProperties = false;
  const spec = props.spec;
  // Roles are checked by a rule (so that `controller` gets its own diagnostic); for editors, an enum.
  const host = (spec.properties?.hosts as JsonSchema).items as JsonSchema;
  const role = (host.properties as Record<string, JsonSchema>).role;
  (host.properties as Record<string, JsonSchema>).role = { ...role, type: 'string', enum: [...MKE_ROLES] };
  close(spec);
  addDefaults(spec, initSpec(NEWEST_RELEASE));
  const missing: string[] = [];
  forEachProperty(root, (path, node) => {
    const text = FIELD_DOCS[path];
    if (!text) missing.push(path);
    else node.description = text;
  });
  if (missing.length) throw new Error(`field-docs.ts has no description for ${missing.length} field(s): ${missing.join(', ')}`);
  const known = new Set<string>();
  forEachProperty(root, (path) => known.add(path));
  const stale = Object.keys(FIELD_DOCS).filter((path) => !known.has(path));
  if (stale.length) throw new Error(`field-docs.ts describes field(s) the schema does not have: ${stale.join(', ')}`);
  forEachProperty(root, (path, node) => {
    node.markdownDescription = markdownOf(fieldText(path, node));
  });
}

/**
 * Calls `visit` for every property schema below `node`, with its path: `spec.hosts[].ssh.port`
 * (`[]` for array items; the member of a nullable or union that has properties is walked in place).
 */
export function forEachProperty(node: JsonSchema, visit: (path: string, node: JsonSchema) => void, path = ''): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = path ? `${path}.${key}` : key;
    visit(childPath, child);
    forEachProperty(child, visit, childPath);
  }
  if (node.items && !Array.isArray(node.items)) forEachProperty(node.items, visit, `${path}[]`);
  for (const member of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) forEachProperty(member, visit, path);
}

/** What a hover says about one field: what it does, its defaults, its allowed values. */
export interface FieldText {
  readonly description: string;
  /** `mkectl init` default of the newest release (JSON), when it prints one. */
  readonly newestDefault?: string;
  /** The defaults of the other releases, when they differ from the newest: `4.0.0–4.0.1: \`x\`; 4.1.0: not set`. */
  readonly otherDefaults?: string;
  /** Allowed values, when the field is an enum or a constant. */
  readonly allowed?: readonly string[];
}

export function fieldText(path: string, node: JsonSchema): FieldText {
  const perRelease = releaseDefaults(path, node);
  const newest = perRelease?.get(NEWEST_RELEASE);
  let otherDefaults: string | undefined;
  // `spec.version` is the release itself: its value per release says nothing.
  if (perRelease && path !== 'spec.version' && new Set(perRelease.values()).size > 1) {
    const groups: { from: MkeRelease; to: MkeRelease; value: string | undefined }[] = [];
    for (const release of MKE_RELEASES) {
      const value = perRelease.get(release);
      const last = groups[groups.length - 1];
      if (last && last.value === value) last.to = release;
      else groups.push({ from: release, to: release, value });
    }
    otherDefaults = groups
      .filter((g) => g.to !== NEWEST_RELEASE)
      .map((g) => `${g.from === g.to ? g.from : `${g.from}–${g.to}`}: ${g.value === undefined ? 'not set' : `\`${g.value}\``}`)
      .join('; ');
  }
  const values = node.enum ?? (node.const !== undefined ? [node.const] : undefined);
  return {
    description: node.description ?? '',
    ...(newest !== undefined ? { newestDefault: newest } : {}),
    ...(otherDefaults ? { otherDefaults } : {}),
    ...(values ? { allowed: values.map((v) => JSON.stringify(v)) } : {}),
  };
}

function markdownOf(text: FieldText): string {
  const parts = [text.description];
  if (text.newestDefault !== undefined) parts.push(`Default (MKE ${NEWEST_RELEASE}): \`${text.newestDefault}\``);
  if (text.otherDefaults) parts.push(`Default in earlier releases (what \`mkectl init\` prints): ${text.otherDefaults}`);
  // Strings unquoted (`worker`), except the empty string (`""`); other values as JSON.
  if (text.allowed) parts.push(`Allowed: ${text.allowed.map((v) => `\`${v.startsWith('"') && v !== '""' ? (JSON.parse(v) as string) : v}\``).join(', ')}`);
  return parts.join('\n\n');
}

/**
 * The `mkectl init` value of a field per release (JSON text; `undefined` where init does not print
 * it), for leaves only: scalars, lists and maps without fixed keys. Fields inside list items and
 * outside `spec` have none.
 */
function releaseDefaults(path: string, node: JsonSchema): Map<MkeRelease, string | undefined> | undefined {
  if (!path.startsWith('spec.') || path.includes('[]') || objectWithProperties(node)) return undefined;
  const keys = path.split('.').slice(1);
  const out = new Map<MkeRelease, string | undefined>();
  for (const release of MKE_RELEASES) {
    let value: Json | undefined = initSpec(release);
    for (const key of keys) {
      value = value !== null && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
    }
    out.set(release, value === undefined ? undefined : JSON.stringify(value));
  }
  return [...out.values()].some((v) => v !== undefined) ? out : undefined;
}

/** Whether a field is an object with fixed keys (its defaults are those of its fields). */
export function objectWithProperties(node: JsonSchema): boolean {
  return !!node.properties || !!(node.anyOf ?? node.oneOf)?.some((m) => m.properties);
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
