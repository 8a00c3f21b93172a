/**
 * Capture mode for `mke4k export` and `mke4k diff PROGRAM PROGRAM`: the CLI runs a user's program
 * in-process and must learn which clusters it builds without letting its `synthesize(app)` write
 * files. While a capture is active, `synthesize` hands its scope to the capture instead of writing.
 *
 * The state lives on `globalThis` under a registered symbol on purpose: the program may load another
 * copy of this library than the CLI (the compiled `build/` beside the sources, or a second install
 * under node_modules), and every copy must see the same capture. It is not an environment variable:
 * only code that calls `captureSynthesis` turns it on, and only for the duration of that call.
 */
import type { IConstruct } from 'constructs';

const CAPTURE = Symbol.for('mke4k-cdk8s.synthesis-capture');

type Holder = { [CAPTURE]?: IConstruct[] };

/** The scopes `synthesize` was called with while `run` ran, in call order. Captures do not nest. */
export function captureSynthesis(run: () => void): IConstruct[] {
  const holder = globalThis as Holder;
  if (holder[CAPTURE]) throw new Error('a synthesis capture is already active');
  const scopes: IConstruct[] = [];
  holder[CAPTURE] = scopes;
  try {
    run();
  } finally {
    delete holder[CAPTURE];
  }
  return scopes;
}

/**
 * Called by `synthesize`: when a capture is active, records the scope and returns true (the caller
 * then writes nothing).
 */
export function captureIfActive(scope: IConstruct): boolean {
  const scopes = (globalThis as Holder)[CAPTURE];
  if (!scopes) return false;
  scopes.push(scope);
  return true;
}

/**
 * Turns capture on for the rest of the process (the child process that runs a program for `export`
 * and `diff`: a `synthesize` the program defers to a timer must not write either). Returns the
 * list the scopes are added to.
 */
export function startCapture(): IConstruct[] {
  const holder = globalThis as Holder;
  if (holder[CAPTURE]) throw new Error('a synthesis capture is already active');
  const scopes: IConstruct[] = [];
  holder[CAPTURE] = scopes;
  return scopes;
}
