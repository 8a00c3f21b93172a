/**
 * What the user must create before the output works: the secret values the output names by
 * placeholder, and the objects it references but does not contain. Collected from what a built
 * cluster exposes; each source is one collector, so a new kind of prerequisite is one more function
 * in `COLLECTORS`.
 */
import type { MkeCluster } from '../../cluster';
import { K0RDENT_NAMESPACE } from '../../config/releases';
import { SystemService } from '../../services/system-service';

/** One thing the user provides. Never a secret value: names only. */
export interface Prerequisite {
  /** `Secret`, `ConfigMap`, `Variable`, `CRD`, `Namespace`, … */
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** What needs it. */
  readonly usedBy: string;
  /** How to create it. */
  readonly how: string;
}

type Collector = (cluster: MkeCluster) => Prerequisite[];

/** The secret placeholders (`${MKE_…}`) the output uses: listed in `secrets.env.example`. */
const secretVariables: Collector = (cluster) =>
  [...cluster.secretVariables.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([variable, field]) => ({
      kind: 'Variable',
      name: variable,
      usedBy: field,
      how:
        cluster.delivery === 'operator'
          ? 'a key of the Secret Flux substitutes from (postBuild.substituteFrom), and exported before `k0sctl apply`'
          : 'exported before `k0sctl apply` (k0sctl expands ${VAR} from the environment)',
    }));

/** k0rdent mode: Helm values the MultiClusterService reads from a Secret by name (`valuesFrom`). */
const valuesFromSecrets: Collector = (cluster) => {
  if (cluster.delivery !== 'k0rdent') return [];
  const out: Prerequisite[] = [];
  for (const service of SystemService.all(cluster)) {
    for (const release of service.toReleases()) {
      if (!release.valuesFromSecret) continue;
      out.push({
        kind: 'Secret',
        name: release.valuesFromSecret,
        namespace: K0RDENT_NAMESPACE,
        usedBy: `service ${release.name} (valuesFrom)`,
        how: `kubectl -n ${K0RDENT_NAMESPACE} create secret generic ${release.valuesFromSecret} --from-file=values.yaml=SECRET-VALUES.yaml (the secret Helm values of ${release.name})`,
      });
    }
  }
  return out;
};

/** What the cluster declares (`MkeCluster.prerequisites()`: the list written to prerequisites.yaml). */
const declared: Collector = (cluster) =>
  cluster.prerequisites().map((p) => ({ kind: p.kind, name: p.name, ...(p.namespace ? { namespace: p.namespace } : {}), usedBy: p.why, how: p.how }));

export const COLLECTORS: readonly Collector[] = [secretVariables, valuesFromSecrets, declared];

/** Every prerequisite of a cluster, de-duplicated by kind, namespace and name, in a stable order. */
export function prerequisitesOf(cluster: MkeCluster): Prerequisite[] {
  const seen = new Set<string>();
  const out: Prerequisite[] = [];
  for (const collect of COLLECTORS) {
    for (const p of collect(cluster)) {
      const key = `${p.kind}/${p.namespace ?? ''}/${p.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/** `Secret k0rdent/name` — how a prerequisite is named in text. */
export function prerequisiteLabel(p: Prerequisite): string {
  return `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`;
}
