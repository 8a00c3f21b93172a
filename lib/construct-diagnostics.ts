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
  construct.node.addValidation({ validate: () => produce().filter((d) => d.severity === 'error').map((d) => d.message) });
}

/** The structured diagnostics a construct registered (errors and warnings), in registration order. */
export function structuredDiagnostics(construct: IConstruct): Diagnostic[] {
  const producers = (construct as WithProducers)[PRODUCERS] ?? [];
  return producers.flatMap((p) => p());
}

/** Every structured warning below a scope, in tree order. */
export function structuredWarnings(scope: IConstruct): Diagnostic[] {
  return scope.node.findAll().flatMap((c) => structuredDiagnostics(c).filter((d) => d.severity === 'warning'));
}
