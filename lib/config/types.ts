/** The typed, immutable values the rest of the library works on. */
import type { MkeClusterSpec } from './spec-types';

export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * A validated mke4.yaml `spec` with the MKE version's `mkectl init` defaults applied. Immutable:
 * produced by `loadMkeConfig` or `validateSpec`, trusted by every construct. Its fields carry the
 * same hover docs as `MkeClusterSpec` (which equals the zod model's type, roles a strict union:
 * validation rejects any other role).
 */
export type MkeSpec = DeepReadonly<MkeClusterSpec>;

export type MkeHostSpec = MkeSpec['hosts'][number];

/** Freezes a value deeply (the loader's output is never mutated afterwards). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
