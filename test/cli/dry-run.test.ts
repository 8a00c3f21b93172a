/** `synth --dry-run`: everything synth checks and reports, nothing written (pitfall 15). */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mke4k, removeWorkspace, SMALL_SPEC_YAML, workspace } from './helpers';

let ws: string;
beforeAll(() => {
  ws = workspace('dry-run');
  writeFileSync(join(ws, 'mke4.yaml'), SMALL_SPEC_YAML('v4.2.0'));
});
afterAll(() => removeWorkspace(ws));

test('prints the files it would write and writes none', async () => {
  const out = join(ws, 'out');
  const run = await mke4k(['synth', '-f', join(ws, 'mke4.yaml'), '-o', out, '--dry-run']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('would write');
  expect(run.stdout).toContain(join(out, 'lab', 'k0sctl.yaml'));
  expect(existsSync(out)).toBe(false);
});

test('--format json says dryRun and lists the files', async () => {
  const out = join(ws, 'out-json');
  const run = await mke4k(['synth', '-f', join(ws, 'mke4.yaml'), '-o', out, '--dry-run', '--format', 'json']);
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout) as { dryRun: boolean; files: string[] };
  expect(json.dryRun).toBe(true);
  expect(json.files).toContain(join(out, 'lab', 'manifests', 'kustomization.yaml'));
  expect(existsSync(out)).toBe(false);
});

test('invalid input: exit 1 with diagnostics, as without --dry-run', async () => {
  writeFileSync(join(ws, 'bad.yaml'), SMALL_SPEC_YAML('v4.2.0').replace('controller+worker', 'controller'));
  const run = await mke4k(['synth', '-f', join(ws, 'bad.yaml'), '-o', join(ws, 'out-bad'), '--dry-run']);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('error role-controller');
  rmSync(join(ws, 'bad.yaml'));
});
