/** Test helpers: build clusters in-process from a spec or a file. */
import { App, Chart } from 'cdk8s';
import { MkeCluster, MkeClusterSpec, type MkeHostRole } from '../../lib/cluster';
import { validateSpec } from '../../lib/config/load';
import type { MkeRelease } from '../../lib/config/releases';
import type { MkeSpec } from '../../lib/config/types';
import type { K0sClusterConfigSpec, K0sctlHost } from '../../lib/k0s/types';

export function clusterFromSpec(spec: MkeClusterSpec, name = 'test'): MkeCluster {
  return new MkeCluster(new App(), name, { name, spec });
}

export function clusterFromFile(file: string, name?: string): MkeCluster {
  return MkeCluster.fromFile(new App(), name ?? 'c', file);
}

/** A validated spec (defaults applied) for pure translation tests. */
export function loaded(spec: MkeClusterSpec): { spec: MkeSpec; release: MkeRelease } {
  const r = validateSpec(spec, { name: 't' });
  if (!r.config) throw new Error(JSON.stringify(r.diagnostics, null, 1));
  return { spec: r.config.spec, release: r.config.release };
}

export interface K0sctlDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: { hosts: K0sctlHost[]; k0s: { version: string; dynamicConfig: boolean; config: { spec: K0sClusterConfigSpec } } };
}

export function k0sctlOf(cluster: MkeCluster): K0sctlDoc {
  return cluster.k0sctlObject() as unknown as K0sctlDoc;
}

export function newChart(): Chart {
  return new Chart(new App(), 'test');
}

export const host = (role: MkeHostRole, address: string, extra: Record<string, unknown> = {}) => ({ role, ssh: { address, user: 'root', port: 22, keyPath: '/k' }, ...extra });
