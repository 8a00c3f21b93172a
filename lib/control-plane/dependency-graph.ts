/**
 * Our own dependency graph of services: none of the target k0rdent CRDs has
 * `dependsOn`, so dependencies are checked here — every reference must name an enabled service and
 * there must be no cycle — and decide the order of `serviceSpec.services[]`. Whether kcm installs
 * in list order is not documented, so the order is a courtesy, not a promise.
 */

/** What the graph needs of a service. */
export interface GraphNode {
  readonly name: string;
  readonly namespace: string;
  readonly dependsOn: readonly string[];
}

export interface GraphProblem {
  readonly code: 'template-missing' | 'dependency-cycle' | 'invalid-name';
  readonly message: string;
}

export interface OrderedServices<T extends GraphNode> {
  /** Input nodes, dependencies first; ties keep the input order (deterministic). */
  readonly ordered: T[];
  readonly problems: GraphProblem[];
}

/** Stable topological order (Kahn's algorithm, always taking the earliest ready node). */
export function orderServices<T extends GraphNode>(nodes: readonly T[]): OrderedServices<T> {
  const problems: GraphProblem[] = [];
  const byName = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (byName.has(n.name)) problems.push({ code: 'invalid-name', message: `two services are named ${n.name}; Helm release names must be unique` });
    else byName.set(n.name, i);
  });
  const deps: number[][] = nodes.map((n) =>
    n.dependsOn.flatMap((d) => {
      const index = byName.get(d);
      if (index === undefined) {
        problems.push({ code: 'template-missing', message: `service ${n.name} depends on ${d}, which is not enabled` });
        return [];
      }
      return [index];
    }),
  );
  const done = new Set<number>();
  const ordered: T[] = [];
  while (done.size < nodes.length) {
    const next = nodes.findIndex((_, i) => !done.has(i) && deps[i].every((d) => done.has(d)));
    if (next < 0) {
      const stuck = nodes.filter((_, i) => !done.has(i)).map((n) => n.name);
      problems.push({ code: 'dependency-cycle', message: `services depend on each other in a cycle: ${stuck.join(', ')}` });
      nodes.forEach((n, i) => {
        if (!done.has(i)) ordered.push(n);
      });
      break;
    }
    done.add(next);
    ordered.push(nodes[next]);
  }
  return { ordered, problems };
}
