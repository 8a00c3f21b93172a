import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { initCommand, initDocument } from '../../lib/cli/commands';
import { localSchemaPath } from '../../lib/config/json-schema';
import { loadMkeConfig } from '../../lib/config/load';
import { MKE_RELEASES } from '../../lib/config/releases';
import { CORPUS, describeShared } from '../corpus';

const withoutModeline = (text: string) => text.replace(/^# yaml-language-server: \$schema=.*\n/, '');

describeShared('init prints what mkectl init prints', () => {
  test.each([
    ['4.1.2', 'terraform-mke-init-4.1.2.yaml'],
    ['4.2.0', 'terraform-mke-init-4.2.0.yaml'],
  ] as const)('MKE %s: byte-identical to the unedited mkectl init output in the corpus', (release, file) => {
    const real = readFileSync(join(CORPUS, 'mke4', file), 'utf8');
    expect(withoutModeline(initDocument(release))).toBe(real);
  });

  test('MKE 4.1.0: the conformance file is init output plus its two documented edits and its hosts', () => {
    const real = loadMkeConfig(readFileSync(join(CORPUS, 'mke4', 'conformance-4.1.0.yaml'), 'utf8')).config!.spec;
    const ours = loadMkeConfig(initDocument('4.1.0')).config!.spec;
    const strip = (s: typeof real) => ({ ...s, hosts: [], network: { ...s.network, nodePortRange: undefined }, ingressController: { ...s.ingressController, nodePorts: undefined } });
    expect(strip(ours)).toEqual(strip(real));
  });
});

describe('init', () => {
  test.each([...MKE_RELEASES])('%s: starts with the schema modeline and loads without a diagnostic', (release) => {
    const text = initDocument(release);
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${localSchemaPath()}`);
    const result = loadMkeConfig(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.config?.release).toBe(release);
  });

  test('--schema-path points the modeline at a local file', () => {
    expect(initDocument('4.2.0', undefined, './mke4.schema.json').split('\n')[0]).toBe('# yaml-language-server: $schema=./mke4.schema.json');
  });

  test('by default the modeline names the installed schema file, which exists: relative below the working folder, else absolute', () => {
    const root = join(__dirname, '..', '..');
    expect(localSchemaPath(root)).toBe('./schema/mke4.schema.json');
    expect(localSchemaPath(join(root, 'lib'))).toBe(join(root, 'schema', 'mke4.schema.json'));
    expect(existsSync(resolve(root, localSchemaPath(root)))).toBe(true);
  });

  test('--schema-url: the public CDN URL; with --schema-path it is a usage error', () => {
    const out: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => true } };
    expect(initCommand({ mkeVersion: '4.2.0', schemaUrl: true }, io)).toBe(0);
    expect(out.join('').split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=https:\/\/cdn\.jsdelivr\.net\/npm\/mke4k-cdk8s@[^/]+\/schema\/mke4\.schema\.json$/);
    expect(() => initCommand({ schemaUrl: true, schemaPath: 'x.json' }, io)).toThrow(/--schema-url or --schema-path, not both/);
  });
});
