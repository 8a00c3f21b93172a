import fc from 'fast-check';
import { Document, isScalar, parse, Scalar, visit } from 'yaml';
import { escapeDollarsForK0sctl, libraryYaml, toYaml, toYamlDocuments } from '../../lib/output/yaml';

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

describe('toYaml prints the common case itself, byte for byte as the yaml library', () => {
  const str = fc.oneof(
    fc.constantFrom('yes', 'No', 'ON', 'y', '~', 'null', 'Null', '', '-', '-a', '- a', '?', '@x', 'a@b', 'a:', 'a:b', 'a: b', '---x', '...', '.inf', '.5', '1e3', '0x1F', '0755', '0b11', '1_000', '10:30', '2001-12-14', '10.0.0.1', '1.30', '+1', 'a #b', '#a', "it's", 'say "hi"', '\t', 'é', '${MKE_A}', 'x\n', 'x\n\n', '\nx', '  x\ny', 'a\n\nb\n'),
    fc.string({ unit: fc.constantFrom('a', 'Z', '0', '9', '.', '-', '_', '/', ':', '=', '+', '@', '~', ' ', '\n', '#', '"', "'", '$', '%', '!', '&', '*', ',', '[', '{', '|', '>'), maxLength: 10 }),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, str, fc.integer(), fc.double(), fc.constantFrom(-0, NaN, Infinity, 1e21, 0.1), fc.boolean(), fc.constant(null), fc.constant(undefined), tie('list'), tie('map')),
    list: fc.array(tie('node'), { maxLength: 4 }),
    map: fc.dictionary(str, tie('node'), { maxKeys: 4 }),
  }));
  test('property: the same text as the library for any mix of scalars and collections', () => {
    fc.assert(
      fc.property(fc.oneof(value.map, value.list), fc.boolean(), fc.boolean(), (v, quote, dollars) => {
        const options = { quotePlaceholders: quote, escapeK0sctlDollars: dollars };
        expect(toYaml(v, options)).toBe(libraryYaml(v, options));
      }),
      { numRuns: 1000 },
    );
  });

  test('a block of plain keys and values, quoted strings and literal blocks never builds a library document for the whole value', () => {
    const spy = jest.spyOn(Document.prototype, 'toString');
    const hosts = Array.from({ length: 100 }, (_, i) => ({ role: 'worker', ssh: { address: `10.0.0.${i}`, port: 22, keyPath: '~/.ssh/k' }, labels: {}, flags: [] }));
    const value = { hosts, mode: '0644', answer: 'yes', script: 'set -e\necho $HOME\n', list: [['a'], { b: null }] };
    const text = toYaml(value);
    const printed = spy.mock.results.map((r) => String(r.value));
    spy.mockRestore();
    // At most the three scalars that need quotes or a literal block (once each: remembered), each as
    // a one-key document; never the whole value.
    expect(printed.length).toBeLessThanOrEqual(3);
    for (const p of printed) expect(p).toMatch(/^k: /);
    expect(text).toBe(libraryYaml(value));
    expect(text).toContain('mode: "0644"\nanswer: "yes"\n');
    expect(text).toContain('script: |\n  set -e\n  echo $HOME\n');
  });
});
