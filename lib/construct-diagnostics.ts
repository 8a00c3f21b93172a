/**
 * Structured construct validations. `node.addValidation` only carries strings, and the writer's
 * `constructErrors` would report them all as `invalid-value`; a construct that registers through
 * `addDiagnosticValidation` keeps its code, path and hint, and plain cdk8s (`node.validate()`)
 * still sees the error messages.
 */
import type { IConstruct } from 'constructs';
import type { Diagnostic } from './config/diagnostics';

const PRODUCERS = Symbol.for('mke4k-cdk8s.diagnosticProducers');

type Producer = () => Diagnostic[];
type WithProducers = IConstruct & { [PRODUCERS]?: Producer[] };

/**
 * Adds a validation whose problems are diagnostics. Errors also reach `node.validate()` as messages;
 * warnings only reach `structuredDiagnostics` (a cdk8s validation has no warning level).
 */
export function addDiagnosticValidation(construct: IConstruct, produce: Producer): void {
  const target = construct as WithProducers;
  if (!target[PRODUCERS]) Object.defineProperty(target, PRODUCERS, { value: [], enumerable: false });
  target[PRODUCERS]!.push(produce);
  construct.node.addValidation({ validate: () => run(produce).filter((d) => d.severity === 'error').map((d) => d.message) });
}

/** Results of each producer while `withSettledTree` runs (the tree does not change then). */
let settled: Map<Producer, Diagnostic[]> | undefined;

function run(produce: Producer): Diagnostic[] {
  if (!settled) return produce();
  let found = settled.get(produce);
  if (!found) settled.set(produce, (found = produce()));
  return found;
}

/**
 * Runs `fn` (a render) with each validation computed at most once: rendering asks for the same
 * validations several times (the writer, each cluster, and cdk8s on every \`chart.toJson()\`, which
 * validates the whole App), and a fleet's cross-reference checks walk every child cluster. Nested
 * calls share the outer cache; it is dropped when the outermost call returns.
 */
export function withSettledTree<T>(fn: () => T): T {
  if (settled) return fn();
  settled = new Map();
  try {
    return fn();
  } finally {
    settled = undefined;
  }
}

/** The structured diagnostics a construct registered (errors and warnings), in registration order. */
export function structuredDiagnostics(construct: IConstruct): Diagnostic[] {
  const producers = (construct as WithProducers)[PRODUCERS] ?? [];
  return producers.flatMap((p) => run(p));
}

/** Every structured warning below a scope, in tree order. */
export function structuredWarnings(scope: IConstruct): Diagnostic[] {
  return scope.node.findAll().flatMap((c) => structuredDiagnostics(c).filter((d) => d.severity === 'warning'));
}
