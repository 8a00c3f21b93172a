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
  // Once per rendering: cdk8s validates the whole app for every chart it renders.
  const memoized: Producer = () => renderMemoized(produce, 'diagnostics', produce);
  target[PRODUCERS]!.push(memoized);
  construct.node.addValidation({ validate: () => memoized().filter((d) => d.severity === 'error').map((d) => d.message) });
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

/*
 * One rendering, computed once. Rendering a cluster asks for the same things many times: cdk8s
 * validates the whole app again for every chart it renders (`App._synthChart`), and the checks run
 * after rendering (overrides, airgap, references, the synth summary) read the rendered objects again.
 * Inside `whileRendering` the tree is taken as unchanging, so a construct's validations and rendered
 * objects are computed on first use and reused until the outermost `whileRendering` returns. Outside
 * it nothing is kept: a tree changed between two calls is always rendered afresh.
 */
let renderDepth = 0;
let renderEpoch = 0;
const renderMemo = new WeakMap<object, { epoch: number; values: Map<string, unknown> }>();

/** Runs `render` as one rendering of a tree that does not change while it runs (synchronous). */
export function whileRendering<T>(render: () => T): T {
  if (renderDepth++ === 0) renderEpoch++;
  try {
    return render();
  } finally {
    renderDepth--;
  }
}

/**
 * Forgets what the current rendering computed: for a tree that changes inside `whileRendering` (a
 * cluster built, a service joining it); what is asked next is computed afresh.
 */
export function renderingChanged(): void {
  renderEpoch++;
}

/** `compute()`, kept for `owner` under `key` for the rest of the current `whileRendering` (if any). */
export function renderMemoized<T>(owner: object, key: string, compute: () => T): T {
  if (renderDepth === 0) return compute();
  let entry = renderMemo.get(owner);
  if (!entry || entry.epoch !== renderEpoch) {
    entry = { epoch: renderEpoch, values: new Map() };
    renderMemo.set(owner, entry);
  }
  if (entry.values.has(key)) return entry.values.get(key) as T;
  const value = compute();
  entry.values.set(key, value);
  return value;
}
