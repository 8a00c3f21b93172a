/**
 * `mke4k synth` end to end: stdout/stderr split, exit codes, atomic replace, and `--secrets-from`
 * (a filled copy under local/ with its own .gitignore; values never printed, never in manifests/).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localCopy, parseSecretsFile } from '../../lib/cli/secrets-file';
import type { RenderedCluster } from '../../lib/output/writer';
import { mke4k, readTree, removeWorkspace, SMALL_SPEC_YAML, workspace } from './helpers';

jest.setTimeout(120_000);

describe('secrets file and the filled copy', () => {
  test('NAME=value lines; comments, export and quotes; a bad line is reported by position, not content', () => {
    const parsed = parseSecretsFile("# c\n\nexport A=1\nB='x y'\nC=\"l1\\nl2\"\nnot a line with hunter2\n", 's.env');
    expect([...parsed.values]).toEqual([['A', '1'], ['B', 'x y'], ['C', 'l1\nl2']]);
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ code: 'secrets-file', line: 6, col: 1 })]);
    expect(JSON.stringify(parsed.diagnostics)).not.toContain('hunter2');
  });

  const cluster: RenderedCluster = {
    name: 'lab',
    warnings: [],
    files: [
      { path: 'k0sctl.yaml', content: '# h\nspec:\n  pass: ${MKE_PASS}\n  literal: a$$b\n' },
      {
        path: 'services/40-mke-config.yaml',
        content:
          'kind: MkeConfig\nmetadata:\n  name: mke\nspec:\n  token: "${MKE_TOKEN}"\n  key: ${MKE_KEY}\n  note: keep $${HOME}\n---\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\ndata:\n  a: $${HOME}\n',
      },
      { path: 'secrets.env.example', content: '# spec.license.token\nMKE_TOKEN=\n' },
    ],
  };

  test('fills what Flux would: placeholders, $${ unescaped, opted-out objects untouched; k0sctl keeps $ escaped', () => {
    const values = new Map([
      ['MKE_PASS', 'p$ss'],
      ['MKE_TOKEN', 'tok: "quoted"'],
      ['MKE_KEY', '-----BEGIN KEY-----\nabc\n-----END KEY-----\n'],
    ]);
    const { files, diagnostics } = localCopy(cluster, { values, diagnostics: [] }, 's.env');
    expect(diagnostics).toEqual([]);
    const byPath = Object.fromEntries(files.map((f) => [f.path, f.content]));
    expect(Object.keys(byPath).sort()).toEqual(['local/.gitignore', 'local/k0sctl.yaml', 'local/services/40-mke-config.yaml']);
    expect(byPath['local/.gitignore']).toMatch(/^\*$/m);
    expect(byPath['local/k0sctl.yaml']).toContain('pass: p$$ss');
    expect(byPath['local/k0sctl.yaml']).toContain('literal: a$$b');
    const manifests = byPath['local/services/40-mke-config.yaml'];
    expect(manifests).toContain('token: \'tok: "quoted"\'');
    expect(manifests).toContain('key: |\n    -----BEGIN KEY-----\n    abc\n');
    expect(manifests).toContain('note: keep ${HOME}');
    expect(manifests).toContain('a: $${HOME}');
  });

  test('a missing or empty variable is secret-missing, naming the field, and nothing is filled', () => {
    const { files, diagnostics } = localCopy(cluster, { values: new Map([['MKE_PASS', 'x'], ['MKE_TOKEN', '']]), diagnostics: [] }, 's.env');
    expect(files).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['secret-missing', 'error', ''],
      ['secret-missing', 'error', 'spec.license.token'],
    ]);
    expect(diagnostics[0].message).toContain('MKE_KEY');
  });
});

describe('mke4k synth (CLI)', () => {
  let ws: string;
  beforeAll(() => {
    ws = workspace('synth');
  });
  afterAll(() => removeWorkspace(ws));

  const TOKEN = 'license-value-0123456789';
  const write = (name: string, text: string): string => {
    const file = join(ws, name);
    writeFileSync(file, text);
    return file;
  };

  test('summary on stdout, warnings on stderr; --format json on stdout only', async () => {
    const file = write('warn.yaml', SMALL_SPEC_YAML('v4.2.0', '  ingresController:\n    enabled: true\n'));
    const text = await mke4k(['synth', '-f', file, '-o', join(ws, 'out-warn')], { cwd: ws });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^cluster lab: MKE 4\.2\.0/);
    expect(text.stderr).toContain('warning unknown-key');
    const json = await mke4k(['synth', '-f', file, '-o', join(ws, 'out-warn'), '--format', 'json'], { cwd: ws });
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual(expect.objectContaining({ diagnostics: [expect.objectContaining({ code: 'unknown-key' }), expect.objectContaining({ code: 'encryption-provider-dropped' })], summary: expect.any(Object), files: expect.any(Array) }));
  });

  test('--secrets-from writes local/ (git-ignored, 0600) and never prints or commits a value', async () => {
    const file = write('secret.yaml', SMALL_SPEC_YAML('v4.2.0', `  license:\n    token: ${TOKEN}\n`));
    const out = join(ws, 'out-secret');
    const plain = await mke4k(['synth', '-f', file, '-o', out], { cwd: ws });
    expect(plain.code).toBe(0);
    const variables = [...readFileSync(join(out, 'lab', 'secrets.env.example'), 'utf8').matchAll(/^(MKE_[A-Z0-9_]+)=/gm)].map((m) => m[1]);
    const env = write('secrets.env', variables.map((v) => `${v}=${TOKEN}`).join('\n') + '\n');
    const run = await mke4k(['synth', '-f', file, '-o', out, '--secrets-from', env], { cwd: ws });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    const tree = readTree(join(out, 'lab'));
    expect(tree['local/.gitignore']).toMatch(/^\*$/m);
    expect(tree['local/k0sctl.yaml']).toBeDefined();
    expect(statSync(join(out, 'lab', 'local', 'k0sctl.yaml')).mode & 0o777).toBe(0o600);
    for (const [path, content] of Object.entries(tree)) {
      if (!path.startsWith('local/')) expect(content).not.toContain(TOKEN);
    }
    if (variables.includes('MKE_LICENSE_TOKEN')) {
      expect(Object.entries(tree).some(([p, c]) => p.startsWith('local/services/') && c.includes(TOKEN))).toBe(true);
    }
  });

  test('a failing synth (invalid input, missing secret) exits 1 and leaves the previous output intact', async () => {
    const good = write('lab.yaml', SMALL_SPEC_YAML('v4.2.0', `  license:\n    token: ${TOKEN}\n`));
    const out = join(ws, 'out-atomic');
    expect((await mke4k(['synth', '-f', good, '-o', out], { cwd: ws })).code).toBe(0);
    const before = readTree(out);
    const bad = write('lab-bad.yaml', SMALL_SPEC_YAML('v4.2.0', '  network:\n    serviceCIDR: nope\n'));
    const invalid = await mke4k(['synth', '-f', bad, '-o', out], { cwd: ws });
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toBe('');
    expect(readTree(out)).toEqual(before);
    if (before['lab/secrets.env.example'].includes('MKE_')) {
      const empty = write('empty.env', '# nothing\n');
      const missing = await mke4k(['synth', '-f', good, '-o', out, '--secrets-from', empty], { cwd: ws });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('error secret-missing');
      expect(readTree(out)).toEqual(before);
    }
    const unreadable = await mke4k(['synth', '-f', good, '-o', out, '--secrets-from', join(ws, 'no-such.env')], { cwd: ws });
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain('error secrets-file');
  });

  test('usage errors exit 2', async () => {
    expect((await mke4k(['synth'], { cwd: ws })).code).toBe(2);
    expect((await mke4k(['diff', 'only-one'], { cwd: ws })).code).toBe(2);
    expect((await mke4k(['synth', '-f', 'x.yaml', '--delivery', 'helm'], { cwd: ws })).code).toBe(2);
  });
});
