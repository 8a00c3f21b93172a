/**
 * Validates objects against the upstream CRDs in ../shared/crds with ajv. CRD schemas are OpenAPI v3
 * with Kubernetes extensions, so they are converted first: `x-kubernetes-int-or-string` becomes
 * integer-or-string, `nullable` allows null, and — because the API server prunes fields a
 * structural schema does not declare — every object with `properties` and no
 * `x-kubernetes-preserve-unknown-fields` rejects unknown fields. CEL rules are not evaluated.
 */
import Ajv, { ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SHARED } from '../corpus';

type Schema = Record<string, unknown>;

function convert(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(convert);
  if (!schema || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-') || k === 'nullable' || k === 'format') continue;
    if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v as Schema).map(([name, sub]) => [name, convert(sub)]));
    } else out[k] = convert(v);
  }
  if (s['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (s.properties && !preserve && s.additionalProperties === undefined) out.additionalProperties = false;
  if (s.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

export interface CrdValidator {
  /** Error messages for one object; [] when valid. Throws when no CRD matches apiVersion/kind. */
  validate(obj: Record<string, unknown>): string[];
  /** Whether a CRD for apiVersion/kind is loaded. */
  knows(apiVersion: string, kind: string): boolean;
}

/** Loads every CRD in the given folders (relative to ../shared/crds). */
export function loadCrds(...folders: string[]): CrdValidator {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const byKey = new Map<string, ValidateFunction>();
  for (const folder of folders) {
    const dir = join(SHARED, 'crds', folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      const crd = parse(readFileSync(join(dir, file), 'utf8')) as {
        spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[] };
      };
      for (const v of crd.spec.versions) {
        if (!v.served) continue;
        const root = convert(v.schema.openAPIV3Schema) as Schema;
        // ObjectMeta is not part of the CRD schema (the API server validates it separately).
        (root.properties as Schema).metadata = { type: 'object' };
        byKey.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, ajv.compile(root));
      }
    }
  }
  return {
    knows: (apiVersion, kind) => byKey.has(`${apiVersion}/${kind}`),
    validate(obj) {
      const key = `${obj.apiVersion}/${obj.kind}`;
      const fn = byKey.get(key);
      if (!fn) throw new Error(`no served CRD for ${key} in ${folders.join(', ')}`);
      return fn(obj) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    },
  };
}

/** A validator for the served version of one CRD file (any path), converted as above. */
export function loadCrdFile(file: string): (obj: Record<string, unknown>) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const crd = parse(readFileSync(file, 'utf8')) as { spec: { versions: { served: boolean; schema: { openAPIV3Schema: Schema } }[] } };
  const version = crd.spec.versions.find((v) => v.served);
  if (!version) throw new Error(`${file}: no served version`);
  const root = convert(version.schema.openAPIV3Schema) as Schema;
  (root.properties as Schema).metadata = { type: 'object' };
  const fn = ajv.compile(root);
  return (obj) => (fn(obj) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
}
