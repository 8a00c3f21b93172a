/**
 * `mke4k import`: the printed program, run, writes byte for byte what `mke4k synth -f` writes for
 * the same mke4.yaml — over the whole corpus — and never holds a secret value.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { findSecrets, secretVariable } from '../../lib/config/secrets';
import { corpusFiles, describeShared } from '../corpus';
import { inPool, mke4k, readTree, removeWorkspace, runNode, SMALL_SPEC_YAML, workspace } from './helpers';

jest.setTimeout(300_000);

let ws: string;
beforeAll(() => {
  ws = workspace('import');
});
afterAll(() => removeWorkspace(ws));

describeShared('import → run the program == synth -f, over the corpus', () => {
  const files = corpusFiles('mke4');

  test('every corpus file round-trips byte for byte', async () => {
    expect(files.length).toBeGreaterThan(0);
    const failures = await inPool(files, async (file) => {
      const id = basename(file, '.yaml');
      const imported = await mke4k(['import', '-f', file], { cwd: ws });
      if (imported.code !== 0) return `${id}: import exited ${imported.code}: ${imported.stderr}`;
      const raw = parse(readFileSync(file, 'utf8')) as { spec: unknown };
      const secrets = findSecrets(raw.spec);
      for (const [, value] of secrets) if (imported.stdout.includes(value)) return `${id}: a secret value is in the program`;
      const env = Object.fromEntries(secrets.map(([path, value]) => [secretVariable(path), value]));
      const program = join(ws, `${id}.ts`);
      writeFileSync(program, imported.stdout);
      const ran = await runNode([program], { cwd: ws, env: { ...env, CDK8S_OUTDIR: join(ws, 'out-program', id) } });
      if (ran.code !== 0) return `${id}: the program exited ${ran.code}: ${ran.stderr.split('\n')[0]}`;
      const synth = await mke4k(['synth', '-f', file, '-o', join(ws, 'out-yaml', id)], { cwd: ws });
      if (synth.code !== 0) return `${id}: synth exited ${synth.code}`;
      const fromProgram = readTree(join(ws, 'out-program', id));
      const fromYaml = readTree(join(ws, 'out-yaml', id));
      if (!Object.keys(fromYaml).length) return `${id}: synth wrote nothing`;
      try {
        expect(fromProgram).toEqual(fromYaml);
      } catch {
        return `${id}: outputs differ`;
      }
      return undefined;
    });
    expect(failures.filter(Boolean)).toEqual([]);
  });
});

describe('mke4k import', () => {
  test('writes delivery, secrets as ${MKE_…} placeholders, and leaves out unknown keys', async () => {
    const file = join(ws, 'lab.yaml');
    writeFileSync(file, SMALL_SPEC_YAML('v4.2.0', '  license:\n    token: "s3cr3t-`${x}`"\n  ingresController:\n    enabled: true\n'));
    const run = await mke4k(['import', '-f', file, '--delivery', 'k0rdent'], { cwd: ws });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("import { MkeCluster, synthesize } from 'mke4k-cdk8s';");
    expect(run.stdout).toContain("delivery: 'k0rdent',");
    expect(run.stdout).toContain("token: '${MKE_LICENSE_TOKEN}',");
    expect(run.stdout).not.toContain('process.env');
    expect(run.stdout).not.toContain('s3cr3t');
    expect(run.stdout).not.toContain('ingresController:');
    expect(run.stdout).toContain('spec.ingresController');
    expect(run.stderr).toContain('unknown-key');
  });

  test('an invalid file exits 1 and prints no program', async () => {
    const file = join(ws, 'bad.yaml');
    writeFileSync(file, SMALL_SPEC_YAML('v9.9.9'));
    const run = await mke4k(['import', '-f', file], { cwd: ws });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unsupported-version');
  });

  test('--delivery on a 4.0 file is an error', async () => {
    const file = join(ws, 'old.yaml');
    writeFileSync(file, SMALL_SPEC_YAML('v4.0.1'));
    const run = await mke4k(['import', '-f', file, '--delivery', 'operator', '--format', 'json'], { cwd: ws });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { diagnostics: { code: string }[]; program: string | null };
    expect(json.program).toBeNull();
    expect(json.diagnostics.map((d) => d.code)).toContain('delivery-unsupported');
  });
});
