/**
 * Prerequisites: objects the output refers to but does not create — Secrets with credentials,
 * identities, TLS certificates, templates installed by other means. Each one says why it is needed
 * and how to create it; synth writes the list beside the manifests (`prerequisites.yaml`) and in
 * its summary, and the reference check accepts a reference only when it resolves to an object in
 * the output or to a declared prerequisite.
 *
 * Any construct can declare prerequisites (`declarePrerequisites`); what a cluster's folder needs is
 * everything declared by the constructs below that folder's root (services, the k0rdent objects, the
 * ApiObjects a fleet puts there).
 */
import type { IConstruct } from 'constructs';

/** An object the user creates before applying the output. */
export interface Prerequisite {
  /** Kind, e.g. `Secret`, `ConfigMap`, `Namespace`, `AWSClusterStaticIdentity`. */
  readonly kind: string;
  /**
   * apiVersion, when the kind alone is ambiguous.
   * @default - not stated (core kinds)
   */
  readonly apiVersion?: string;
  /**
   * Namespace.
   * @default - none: a cluster-scoped object
   */
  readonly namespace?: string;
  readonly name: string;
  /** Which object or setting needs it. */
  readonly why: string;
  /** How to create it (a command or a pointer to the upstream format); never a secret value. */
  readonly how: string;
}

const KEY = Symbol.for('mke4k-cdk8s.prerequisites');
type Marked = IConstruct & { [KEY]?: (() => readonly Prerequisite[])[] };

/**
 * Declares what `construct` needs to exist. `produce` runs at synth time, so it may read state that
 * is complete only then.
 */
export function declarePrerequisites(construct: IConstruct, produce: () => readonly Prerequisite[]): void {
  const marked = construct as Marked;
  if (!marked[KEY]) Object.defineProperty(marked, KEY, { value: [], enumerable: false });
  marked[KEY]!.push(produce);
}

/** Identity of a prerequisite: kind, namespace and name. */
export function prerequisiteKey(p: Pick<Prerequisite, 'kind' | 'namespace' | 'name'>): string {
  return `${p.kind}/${p.namespace ?? ''}/${p.name}`;
}

/**
 * Every prerequisite declared at or below `root`, in tree order; one entry per kind/namespace/name
 * (the reasons of duplicates are joined).
 */
export function collectPrerequisites(root: IConstruct): Prerequisite[] {
  const byKey = new Map<string, Prerequisite>();
  for (const c of root.node.findAll()) {
    for (const produce of (c as Marked)[KEY] ?? []) {
      for (const p of produce()) {
        const key = prerequisiteKey(p);
        const known = byKey.get(key);
        if (!known) byKey.set(key, { ...p });
        else if (!known.why.split('; ').includes(p.why)) byKey.set(key, { ...known, why: `${known.why}; ${p.why}` });
      }
    }
  }
  return [...byKey.values()];
}
