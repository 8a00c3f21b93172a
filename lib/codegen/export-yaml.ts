/**
 * `mke4k export`: the normalized mke4.yaml of a cluster built in TypeScript — every default of its
 * MKE version written out, so the file is explicit; secrets as `${MKE_…}` placeholders, never values.
 * Keys sorted as `mkectl init` prints them; list order kept.
 */
import { replaceSecrets } from '../config/secrets';
import type { MkeSpec } from '../config/types';
import { mke4Document } from '../output/mke4-document';

export interface ExportableCluster {
  readonly name: string;
  readonly spec: MkeSpec;
}

/** The mke4.yaml text of one cluster. */
export function exportDocument(cluster: ExportableCluster, options: { schemaPath?: string } = {}): string {
  return mke4Document(cluster.name, replaceSecrets(cluster.spec), options);
}

/** `<name>.mke4.yaml`: one file per cluster. */
export function exportFileName(name: string): string {
  return `${name}.mke4.yaml`;
}
