/**
 * An mke4.yaml document as `mkectl init` prints it: header, keys sorted, list order kept, and the
 * yaml-language-server modeline that points editors at our JSON Schema. Used by `init` and `export`.
 */
import { localSchemaPath } from '../config/json-schema';
import { MKE_API_VERSION, MKE_KIND, MKE_NAMESPACE } from '../config/schema';
import { toYaml } from './yaml';

/** Deep copy with mapping keys sorted (Go's yaml of a struct-backed map prints them so). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export interface Mke4DocumentOptions {
  /** Schema location for the modeline. @default - the installed package's schema file (resolves offline) */
  readonly schemaPath?: string;
  /** Print `metadata.creationTimestamp: null`, as `mkectl init` did up to 4.1.1. @default false */
  readonly creationTimestamp?: boolean;
}

export function mke4Document(name: string, spec: unknown, options: Mke4DocumentOptions = {}): string {
  const metadata = options.creationTimestamp ? { creationTimestamp: null, name, namespace: MKE_NAMESPACE } : { name, namespace: MKE_NAMESPACE };
  const doc = { apiVersion: MKE_API_VERSION, kind: MKE_KIND, metadata, spec: sortKeys(spec) };
  return `# yaml-language-server: $schema=${options.schemaPath ?? localSchemaPath()}\n` + toYaml(doc);
}
