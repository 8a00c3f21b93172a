/**
 * schema/mke4.schema.json is editor-grade: what yaml-language-server (ajv-style JSON Schema
 * validation) shows while typing agrees with the loader. Valid files raise nothing in the editor;
 * for every file of the bad-input suite (test/fixtures/bad), each loader diagnostic whose kind a
 * JSON Schema can express is flagged by ajv at the same path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { Document, parseAllDocuments } from 'yaml';
import { initDocument } from '../../lib/cli/commands';
import type { Diagnostic } from '../../lib/config/diagnostics';
import { generateMkeJsonSchema } from '../../lib/config/json-schema-build';
import { loadMkeConfig } from '../../lib/config/load';
import { MKE_RELEASES, NEWEST_RELEASE } from '../../lib/config/releases';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'mke4.schema.json'), 'utf8')) as Record<string, unknown>;
// yaml-language-server knows markdownDescription; plain ajv needs telling.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Problems a JSON Schema can express: header constants, unknown keys, types, enums, ranges, patterns, required keys. */
const SCHEMA_CODES = new Set(['header-api-version', 'header-kind', 'header-namespace', 'unknown-top-level-key', 'unknown-key', 'required', 'invalid-type', 'invalid-enum', 'role-controller', 'invalid-port', 'invalid-version']);

/** `/spec/hosts/0/role` → `spec.hosts[0].role`; additional / missing properties name their key. */
function errorPaths(errors: readonly ErrorObject[]): Set<string> {
  const out = new Set<string>();
  for (const e of errors) {
    let path = e.instancePath
      .split('/')
      .slice(1)
      .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
    const key = (e.params as { additionalProperty?: string; missingProperty?: string }).additionalProperty ?? (e.params as { missingProperty?: string }).missingProperty;
    if (key !== undefined) path = path ? `${path}.${key}` : key;
    out.add(path);
  }
  return out;
}

function editorErrors(text: string): Set<string> | undefined {
  // As the editor reads it: the first document (a trailing `---` is fine), syntax errors aside.
  const [first] = parseAllDocuments(text) as Document[];
  if (!first || first.errors.length) return undefined;
  let doc: unknown;
  try {
    doc = first.toJS();
  } catch {
    return undefined; // alias bombs and unresolved aliases: the YAML layer's problem, not the schema's
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  return validate(doc) ? new Set() : errorPaths(validate.errors ?? []);
}

test('the schema on disk is the generated one, with const header fields, a role enum, closed objects and defaults', () => {
  expect(schema).toEqual(JSON.parse(JSON.stringify(generateMkeJsonSchema())));
  const props = schema.properties as Record<string, Record<string, unknown>>;
  expect(props.apiVersion.const).toBe('mke.mirantis.com/v1alpha1');
  expect(props.kind.const).toBe('MkeConfig');
  expect(schema.additionalProperties).toBe(false);
  const spec = props.spec as { additionalProperties: unknown; properties: Record<string, { items?: { properties: Record<string, { enum?: unknown; markdownDescription?: string }> }; default?: unknown; markdownDescription?: string; additionalProperties?: unknown }> };
  expect(spec.additionalProperties).toBe(false);
  expect(spec.properties.hosts.items?.properties.role.enum).toEqual(['controller+worker', 'worker', 'single']);
  expect(spec.properties.hosts.items?.properties.role.markdownDescription).toContain('Allowed: `controller+worker`, `worker`, `single`');
  expect(JSON.stringify(spec.properties.network)).toContain('"default":"10.96.0.0/16"');
  expect(JSON.stringify(spec.properties.network)).toContain(`Default (MKE ${NEWEST_RELEASE})`);
});

describe('valid files raise nothing in the editor', () => {
  test.each([...MKE_RELEASES])('mkectl init output of %s', (release) => {
    expect([...(editorErrors(initDocument(release)) ?? ['(not a mapping)'])]).toEqual([]);
  });
  test.each([...readdirSync(join(FIXTURES, 'good')), '../../../examples/prod-mke4.yaml'])('%s', (file) => {
    expect([...(editorErrors(readFileSync(join(FIXTURES, 'good', file), 'utf8')) ?? ['(not a mapping)'])]).toEqual([]);
  });
});

const BAD = readdirSync(join(FIXTURES, 'bad')).filter((f) => f.endsWith('.yaml')).sort();

describe('the bad-input suite: the editor flags every problem the schema can express', () => {
  const checked: string[] = [];
  test.each(BAD)('%s', (file) => {
    const text = readFileSync(join(FIXTURES, 'bad', file), 'utf8');
    // `required` on an object (not a key) is the rule "one of ssh, winRM, localhost": not a schema fact.
    const expressible = loadMkeConfig(text, { file }).diagnostics.filter(
      (d: Diagnostic) => SCHEMA_CODES.has(d.code) && (d.severity === 'error' || d.code === 'unknown-key') && !(d.code === 'required' && d.path.endsWith(']')),
    );
    const flagged = editorErrors(text);
    if (!expressible.length) return;
    expect(flagged).toBeDefined();
    for (const d of expressible) {
      checked.push(d.code);
      expect({ code: d.code, path: d.path, flagged: flagged?.has(d.path) }).toEqual({ code: d.code, path: d.path, flagged: true });
    }
  });
  afterAll(() => {
    // The suite exercises each expressible kind at least once (so this test cannot pass vacuously).
    expect([...new Set(checked)].sort()).toEqual(expect.arrayContaining(['header-api-version', 'header-kind', 'invalid-enum', 'invalid-type', 'role-controller', 'unknown-top-level-key']));
  });
});
