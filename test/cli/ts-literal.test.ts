/** `toTsLiteral`: readable TypeScript whose value is exactly the data, whatever the strings hold. */
import fc from 'fast-check';
import * as ts from 'typescript';
import { code, toTsLiteral, tsKey } from '../../lib/codegen/ts-literal';

/** Evaluates a literal the way the generated program would (compiled, then run). */
function evaluate(literal: string): unknown {
  const js = ts.transpileModule(`module.exports = ${literal};`, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const mod = { exports: undefined as unknown };
  new Function('module', js)(mod);
  return mod.exports;
}

describe('toTsLiteral', () => {
  test('2-space indent, bare keys when possible, one-line scalar lists', () => {
    expect(toTsLiteral({ a: 1, 'b-c': ['x', 'y'], nested: { ok: true, none: null } })).toBe(
      "{\n  a: 1,\n  'b-c': ['x', 'y'],\n  nested: {\n    ok: true,\n    none: null,\n  },\n}",
    );
  });

  test('multi-line strings become template literals with backticks, ${ and backslashes escaped', () => {
    const text = 'line `one`\n${VAR} and \\n\r\n';
    const literal = toTsLiteral(text);
    expect(literal.startsWith('`')).toBe(true);
    expect(literal).toContain('\\${VAR}');
    expect(evaluate(literal)).toBe(text);
  });

  test('keys that are not identifiers are quoted; __proto__ stays a property', () => {
    expect(tsKey('kubernetes.io/os')).toBe("'kubernetes.io/os'");
    expect(tsKey('values.yaml')).toBe("'values.yaml'");
    expect(tsKey('_ok$1')).toBe('_ok$1');
    const value = evaluate(toTsLiteral(JSON.parse('{"__proto__": {"x": 1}}'))) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
  });

  test('raw code is spliced in verbatim', () => {
    expect(toTsLiteral({ token: code("process.env.T ?? ''") })).toBe("{\n  token: process.env.T ?? '',\n}");
  });

  test('property: any JSON value reads back equal', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(evaluate(toTsLiteral(value))).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  test('property: any string reads back equal', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(evaluate(toTsLiteral(s))).toBe(s);
        expect(evaluate(toTsLiteral(s + '\n' + s))).toBe(s + '\n' + s);
      }),
      { numRuns: 300 },
    );
  });
});
