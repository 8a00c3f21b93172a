import fc from 'fast-check';
import { Document, isScalar, parse, Scalar, visit } from 'yaml';
import { escapeDollarsForK0sctl, toYaml, toYamlDocuments } from '../../lib/output/yaml';

describe('toYaml', () => {
  test.each(['yes', 'no', 'on', 'off', 'y', 'n', 'true', '0755', '1e3', '~', '012', '0x1F', '1_000', '10:30'])(
    'quotes %s so a YAML 1.1 reader keeps it a string',
    (s) => {
      const text = toYaml({ v: s });
      expect(text).toMatch(/^v: ["']/);
      expect(parse(text, { version: '1.1' })).toEqual({ v: s });
    },
  );

  test('multi-line strings are literal blocks and long lines are not folded', () => {
    const long = 'word '.repeat(60).trim();
    const text = toYaml({ values: 'a: 1\nb: 2\n', long });
    expect(text).toContain('values: |\n  a: 1\n  b: 2\n');
    expect(text).toContain(`long: ${long}\n`);
  });

  test('a "<<" key stays an ordinary key for YAML 1.1 readers (not a merge key)', () => {
    const text = toYaml({ values: { '<<': false, a: 1 } });
    expect(text).toBe('values:\n  !!str "<<": false\n  a: 1\n');
    expect(parse(text, { version: '1.1' })).toEqual({ values: { '<<': false, a: 1 } });
  });

  test('lists are not indented under their key (kubectl / Go style)', () => {
    expect(toYaml({ a: [1, 2] })).toBe('a:\n- 1\n- 2\n');
  });

  test('documents are joined with ---', () => {
    expect(toYamlDocuments([{ a: 1 }, { b: 2 }])).toBe('a: 1\n---\nb: 2\n');
  });

  test('property: any JSON value round-trips through YAML 1.1 and YAML 1.2 readers', () => {
    let runs = 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        runs++;
        const normalized = JSON.parse(JSON.stringify({ v: value })) as unknown;
        const text = toYaml(normalized);
        expect(parse(text, { version: '1.1' })).toEqual(normalized);
        expect(parse(text)).toEqual(normalized);
      }),
      { numRuns: 400 },
    );
    expect(runs).toBe(400);
  });
});

describe('escapeDollarsForK0sctl', () => {
  test('doubles every literal $ but keeps ${MKE_…} placeholders', () => {
    expect(escapeDollarsForK0sctl({ a: 'pa$$word', b: ['$HOME', '${MKE_LICENSE_TOKEN}', 'x${MKE_A}y$z'], c: 3 })).toEqual({
      a: 'pa$$$$word',
      b: ['$$HOME', '${MKE_LICENSE_TOKEN}', 'x${MKE_A}y$$z'],
      c: 3,
    });
  });

  test('property: k0sctl-style expansion of the escaped string gives back the original', () => {
    // k0sctl (envsubst) turns $$ into $ and expands ${NAME}; with no variables set, an escaped
    // string without placeholders must come back unchanged.
    const unescape = (s: string) => s.replace(/\$\$/g, '$');
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!/\$\{MKE_[A-Z0-9_]+\}/.test(s));
        expect(unescape(escapeDollarsForK0sctl(s))).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('toYaml in one walk', () => {
  /** toYaml as it was written before: escaping as a copy of the value, then a visit over every node. */
  function reference(value: unknown, quotePlaceholders: boolean, dollars: boolean): string {
    const options = { version: '1.1' as const, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, indentSeq: false };
    const doc = new Document(dollars ? escapeDollarsForK0sctl(value) : value, options);
    visit(doc, {
      Pair(_key, pair) {
        if (isScalar(pair.key) && pair.key.value === '<<') {
          const quoted = new Scalar('<<');
          quoted.type = 'QUOTE_DOUBLE';
          quoted.tag = 'tag:yaml.org,2002:str';
          pair.key = quoted;
        }
      },
      Scalar(_key, node) {
        if (quotePlaceholders && typeof node.value === 'string' && /^\$\{MKE_[A-Z0-9_]+\}$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
      },
    });
    return doc.toString(options);
  }

  test('escapes `$` for k0sctl and quotes placeholders, in values, list items and keys', () => {
    const value = { a: 'pa$$word', '${MKE_K}': '${MKE_V}', l: ['$HOME', '${MKE_LICENSE_TOKEN}', 'x${MKE_A}y$z'], '<<': { b: '$${MKE_B}' } };
    const text = toYaml(value, { quotePlaceholders: true, escapeK0sctlDollars: true });
    expect(text).toBe('a: pa$$$$word\n"${MKE_K}": "${MKE_V}"\nl:\n- $$HOME\n- "${MKE_LICENSE_TOKEN}"\n- x${MKE_A}y$$z\n!!str "<<":\n  b: $$${MKE_B}\n');
    expect(text).toBe(reference(value, true, true));
  });

  test('property: the same text as escaping a copy and visiting every node', () => {
    const str = fc.oneof(
      fc.constantFrom('<<', '${MKE_A}', '${MKE_LICENSE_TOKEN}', '$${MKE_A}', '${x}', '$', 'a$b', '${MKE_a}', 'yes', '', '0755'),
      fc.string({ unit: fc.constantFrom('$', '{', '}', 'M', 'K', 'E', '_', 'A', '<', 'a', ' ', '\n'), maxLength: 12 }),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, str, fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(str, tie('node'), { maxKeys: 4 }),
    })).map;
    let runs = 0;
    fc.assert(
      fc.property(value, fc.boolean(), fc.boolean(), (v, quote, dollars) => {
        runs++;
        expect(toYaml(v, { quotePlaceholders: quote, escapeK0sctlDollars: dollars })).toBe(reference(v, quote, dollars));
      }),
      { numRuns: 500 },
    );
    expect(runs).toBe(500);
  });
});
