/**
 * Walks user data alongside the zod schema: finds keys the schema does not know (with a "did you
 * mean") and maps zod issues to our diagnostics. The only place that reads zod internals.
 */
import { z } from 'zod';
import { DiagnosticCode, PathSegment } from './diagnostics';

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  in?: z.ZodType;
}

function def(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

/** Strips optional / nullable / default wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const d = def(s);
    if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'readonly') && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

/** Keys of an object schema, or undefined when the schema is not an object. */
export function objectKeys(schema: z.ZodType): string[] | undefined {
  const d = def(unwrap(schema));
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : undefined;
}

/** The schema at a path, or undefined (records, unions and unknown keys end the walk). */
export function schemaAt(schema: z.ZodType, path: readonly PathSegment[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  for (const seg of path) {
    if (!s) return undefined;
    const d = def(unwrap(s));
    // Own keys only: `constructor` or `__proto__` in a user's file must not find Object.prototype.
    if (d.type === 'object' && typeof seg === 'string') s = d.shape && Object.hasOwn(d.shape, seg) ? d.shape[seg] : undefined;
    else if (d.type === 'array' && typeof seg === 'number') s = d.element;
    else return undefined;
  }
  return s;
}

export interface UnknownKey {
  readonly path: PathSegment[];
  readonly key: string;
  readonly suggestion?: string;
}

/** Every key in `value` that the schema does not define (free-form maps are not descended). */
export function findUnknownKeys(schema: z.ZodType, value: unknown, path: PathSegment[] = []): UnknownKey[] {
  const out: UnknownKey[] = [];
  const d = def(unwrap(schema));
  if (d.type === 'object' && d.shape && isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      // Own keys only: a user key `constructor` would otherwise find Object.prototype.constructor.
      const sub = Object.hasOwn(d.shape, key) ? d.shape[key] : undefined;
      if (!sub) out.push({ path: [...path, key], key, suggestion: suggest(key, Object.keys(d.shape)) });
      else out.push(...findUnknownKeys(sub, child, [...path, key]));
    }
  } else if (d.type === 'array' && d.element && Array.isArray(value)) {
    value.forEach((item, i) => out.push(...findUnknownKeys(d.element as z.ZodType, item, [...path, i])));
  }
  return out;
}

/** The closest known key (case-insensitive match, or edit distance ≤ 2, or ≤ 3 for long keys). */
export function suggest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  // Two edits turn any 2-letter key into any other: suggestions for keys that short are noise.
  if (key.length < 4) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = key.length > 10 ? 3 : 2;
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Value at a path in plain data. Own properties only: a user key such as `constructor` or
 * `toString` must not resolve to what every object inherits.
 */
export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let v = value;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isRecord(v) && Object.hasOwn(v, String(seg))) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  // YAML's .nan, .inf and numbers too large for a double (1e400 reads as Infinity).
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN (not a number)';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    const sign = value > 0 ? '' : '-';
    return `${sign}infinity (${sign}.inf, or a number too large for a double, such as ${sign}1e400)`;
  }
  return `a ${typeof value}`;
}

/** A hint only when we know the fix: a quoted number/boolean, YAML 1.1 booleans, an unquoted string. */
function typeHint(actual: unknown, expected: string): string | undefined {
  if (typeof actual === 'string') {
    const text = actual.trim();
    if (expected === 'number' && text !== '' && Number.isFinite(Number(text))) return 'remove the quotes: write the number as a plain YAML number';
    if (expected === 'boolean' && /^(true|false)$/i.test(text)) return 'remove the quotes: write the boolean as a plain YAML boolean';
    if (expected === 'boolean' && /^(yes|no|on|off|y|n)$/i.test(text)) return 'write true or false (YAML 1.2 reads yes/no/on/off as strings)';
    return undefined;
  }
  if (expected === 'string' && (typeof actual === 'number' || typeof actual === 'boolean')) return 'quote the value';
  return undefined;
}

export interface MappedIssue {
  readonly code: DiagnosticCode;
  readonly path: PathSegment[];
  readonly message: string;
  readonly hint?: string;
}

/** Turns a zod issue into our code and wording. `data` is the parsed input (never echoed). */
export function mapIssue(issue: z.core.$ZodIssue, data: unknown): MappedIssue {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const actual = valueAt(data, path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'object' ? 'mapping' : issue.expected === 'array' ? 'list' : issue.expected;
      if (actual === undefined) return { code: 'required', path, message: 'is required' };
      if (typeof actual === 'number' && expected === 'number') return { code: 'invalid-type', path, message: `must be a finite number, got ${describeValue(actual)}`, hint: 'write a plain number such as 110' };
      return { code: 'invalid-type', path, message: `must be a ${expected}, got ${describeValue(actual)}`, hint: typeHint(actual, expected) };
    }
    case 'invalid_value':
      return {
        code: 'invalid-enum',
        path,
        message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'invalid_union':
      return { code: 'invalid-type', path, message: `has the wrong type (${describeValue(actual)})` };
    case 'custom': {
      const code = (issue.params as { mke?: DiagnosticCode } | undefined)?.mke ?? 'invalid-value';
      return { code, path, message: issue.message };
    }
    case 'too_small':
    case 'too_big':
      return {
        code: 'invalid-value',
        path,
        message:
          issue.origin === 'array'
            ? `must have ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)} item(s)`
            : issue.origin === 'string'
              ? issue.code === 'too_small'
                ? 'must not be empty'
                : `must be at most ${String(issue.maximum)} characters`
              : `must be ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}`,
      };
    case 'invalid_format':
      return { code: 'invalid-value', path, message: issue.message };
    default:
      return { code: 'invalid-value', path, message: issue.message };
  }
}
