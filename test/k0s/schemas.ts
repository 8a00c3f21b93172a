/**
 * Test helpers: our own JSON Schemas (imports/schemas), the upstream k0s CRD per version made strict,
 * and rig's ssh schema — each compiled once with ajv.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { SHARED } from '../corpus';

const SCHEMAS = resolve(__dirname, '..', '..', 'imports', 'schemas');

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

let ours: { k0sctl: ValidateFunction; clusterConfig: ValidateFunction } | undefined;

/** Validators for imports/schemas/k0sctl.schema.json and k0s-clusterconfig.schema.json. */
export function ourSchemas(): { k0sctl: ValidateFunction; clusterConfig: ValidateFunction } {
  if (!ours) {
    // strictRequired off: `oneOf: [{required: [ssh]}, …]` names properties defined beside it, which is the point.
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    const clusterConfig = ajv.compile(readJson(join(SCHEMAS, 'k0s-clusterconfig.schema.json')));
    const k0sctl = ajv.compile(readJson(join(SCHEMAS, 'k0sctl.schema.json')));
    ours = { k0sctl, clusterConfig };
  }
  return ours;
}

let format: ValidateFunction | undefined;

/** Validator for imports/schemas/k0sctl-format.schema.json: the whole format k0sctl reads. */
export function k0sctlFormatSchema(): ValidateFunction {
  if (!format) {
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    format = ajv.compile(readJson(join(SCHEMAS, 'k0sctl-format.schema.json')));
  }
  return format;
}

/**
 * The CRD schema made strict and JS-ready: POSIX classes (Go RE2) become JS classes, every object
 * with `properties` and no `x-kubernetes-preserve-unknown-fields` gets `additionalProperties: false`
 * (the CRD has none; k0s drops unknown keys silently, which we must not rely on).
 */
export function strictCrdSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictCrdSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k.startsWith('x-kubernetes-') || k === 'description' || k === 'default') continue;
    if (k === 'pattern' && typeof v === 'string') out[k] = v.replace(/\[\[:xdigit:\]\]/g, '[0-9a-fA-F]').replace(/\[:alnum:\]/g, 'A-Za-z0-9');
    else if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([p, s]) => [p, strictCrdSchema(s)]));
    else out[k] = strictCrdSchema(v);
  }
  const n = node as Record<string, unknown>;
  if (n.properties && n.additionalProperties === undefined && !n['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  return out;
}

/** `v1.32.3+k0s.0` → the folder of ../shared/schemas/k0s with that version's CRDs. */
export function crdFolder(k0sVersion: string): string {
  return join(SHARED, 'schemas', 'k0s', k0sVersion.startsWith('v') ? k0sVersion : `v${k0sVersion}`);
}

const crdCache = new Map<string, ValidateFunction>();

/** Validator for `spec.k0s.config` against the upstream ClusterConfig CRD of a k0s version. */
export function clusterConfigCrd(k0sVersion: string): ValidateFunction {
  let v = crdCache.get(k0sVersion);
  if (!v) {
    const file = join(crdFolder(k0sVersion), 'k0s', 'k0s.k0sproject.io_clusterconfigs.yaml');
    if (!existsSync(file)) throw new Error(`no k0s CRD for ${k0sVersion} at ${file}`);
    const crd = parse(readFileSync(file, 'utf8')) as { spec: { versions: { schema: { openAPIV3Schema: unknown } }[] } };
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    v = ajv.compile(strictCrdSchema(crd.spec.versions[0].schema.openAPIV3Schema) as Record<string, unknown>);
    crdCache.set(k0sVersion, v);
  }
  return v;
}

let rigSsh: ValidateFunction | undefined;

/** rig v2.1.1's ssh.json (draft 2020-12): what k0sctl's `hosts[].ssh` accepts. */
export function rigSshSchema(): ValidateFunction {
  if (!rigSsh) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    rigSsh = ajv.compile(readJson(join(SHARED, 'schemas', 'rig-v2.1.1', 'ssh.json')));
  }
  return rigSsh;
}

/** k0sctl expands `${VAR}` before k0s reads the config: stand in a valid value for each placeholder. */
export function expandPlaceholders<T>(value: T, stand = 'secret1'): T {
  return JSON.parse(JSON.stringify(value).replace(/\$\{MKE_[A-Z0-9_]+\}/g, stand)) as T;
}

/** ajv errors as short strings for readable failures. */
export function errorsOf(v: ValidateFunction): string[] {
  return (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}
