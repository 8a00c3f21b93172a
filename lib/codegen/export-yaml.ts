/**
 * `mke4k export`: the normalized mke4.yaml of a cluster built in TypeScript — every default of its
 * MKE version written out, so the file is explicit; secrets as `${MKE_…}` placeholders, never values
 * (DECISIONS 16, 17, 23). Keys sorted as `mkectl init` prints them; list order kept.
 */
import { schemaUrl } from '../config/json-schema';
import { MKE_API_VERSION, MKE_KIND, MKE_NAMESPACE } from '../config/schema';
import { replaceSecrets } from '../config/secrets';
import type { MkeSpec } from '../config/types';
import { toYaml } from '../output/yaml';

export interface ExportableCluster {
  readonly name: string;
  readonly spec: MkeSpec;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The mke4.yaml text of one cluster. */
export function exportDocument(cluster: ExportableCluster, options: { schemaPath?: string } = {}): string {
  const spec = sortKeys(replaceSecrets(cluster.spec));
  const doc = { apiVersion: MKE_API_VERSION, kind: MKE_KIND, metadata: { name: cluster.name, namespace: MKE_NAMESPACE }, spec };
  return `# yaml-language-server: $schema=${options.schemaPath ?? schemaUrl()}\n` + toYaml(doc);
}

/** `<name>.mke4.yaml`: one file per cluster (DECISIONS 16). */
export function exportFileName(name: string): string {
  return `${name}.mke4.yaml`;
}
