/**
 * Validates objects against the upstream CRDs in ../shared/crds: the served version's
 * openAPIV3Schema, with properties the schema does not list rejected (the API server prunes them
 * silently — pitfall 10 — so for us they are errors) unless `x-kubernetes-preserve-unknown-fields`.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SHARED } from '../corpus';

type Schema = Record<string, unknown>;

const FILES: Record<string, string> = {
  ClusterDeployment: 'k0rdent.mirantis.com_clusterdeployments.yaml',
  Credential: 'k0rdent.mirantis.com_credentials.yaml',
  MultiClusterService: 'k0rdent.mirantis.com_multiclusterservices.yaml',
  ServiceTemplate: 'k0rdent.mirantis.com_servicetemplates.yaml',
  HelmRepository: 'source.toolkit.fluxcd.io_helmrepositories.yaml',
};

/** Closes every object schema that lists properties and does not preserve unknown fields. */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema as Schema)) out[k] = k === 'x-kubernetes-validations' ? v : closeObjects(v);
  if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  return out;
}

const cache = new Map<string, ValidateFunction>();

/** The validator for `kind` at `apiVersion` from CRD set `set` (k0rdent) or Flux 2.6 (HelmRepository). */
export function crdValidator(set: string, kind: string, apiVersion: string): ValidateFunction {
  const key = `${set}/${kind}/${apiVersion}`;
  let validate = cache.get(key);
  if (validate) return validate;
  const file = kind === 'HelmRepository' ? join(SHARED, 'crds', 'flux', 'flux-2.6', FILES[kind]) : join(SHARED, 'crds', 'k0rdent', set, FILES[kind]);
  const crd = parse(readFileSync(file, 'utf8')) as { spec: { versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[] } };
  const version = apiVersion.split('/')[1];
  const entry = crd.spec.versions.find((v) => v.name === version);
  if (!entry) throw new Error(`${file} has no version ${version}`);
  if (!entry.served) throw new Error(`${file}: version ${version} is not served`);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  validate = ajv.compile(closeObjects(entry.schema.openAPIV3Schema) as Schema);
  cache.set(key, validate);
  return validate;
}

/** Problems of one object, as `instancePath message` lines (empty = valid). */
export function crdErrors(set: string, object: Record<string, unknown>): string[] {
  const validate = crdValidator(set, String(object.kind), String(object.apiVersion));
  const label = `${String(object.kind)}/${(object.metadata as { name?: string } | undefined)?.name}`;
  if (validate(object)) return [];
  return (validate.errors ?? []).map((e) => `${label}: ${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
