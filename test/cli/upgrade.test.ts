/** `mke4k upgrade` end to end: exit codes, JSON shape, the written file, no secret in any channel. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initHost, initSpec } from '../../lib/config/defaults';
import { mke4Document } from '../../lib/output/mke4-document';
import { mke4k } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'mke4k-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'hunter22';
function file(name: string, release: '4.1.2' | '4.2.0' | '4.0.1'): string {
  const spec = { ...initSpec(release), hosts: [initHost(release)] } as Record<string, unknown>;
  if (release !== '4.0.1') (spec.license as Record<string, unknown>) = { token: SECRET };
  const path = join(dir, name);
  writeFileSync(path, mke4Document('lab', spec));
  return path;
}

test('plans, writes the migrated file, and the file validates for the target', async () => {
  const src = file('a.yaml', '4.1.2');
  const out = join(dir, 'a-4.2.0.yaml');
  const run = await mke4k(['upgrade', '-f', src, '--to', '4.2.0', '--write', out]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/MKE 4.1.2 → 4.2.0 in 2 steps: 4.1.2 → 4.1.5 → 4.2.0/);
  expect(run.stdout).toMatch(/wrote .*a-4.2.0.yaml/);
  expect(readFileSync(out, 'utf8')).toMatch(/version: v4.2.0/);
  const validate = await mke4k(['validate', '-f', out]);
  expect(validate.code).toBe(0);
  for (const s of [run.stdout, run.stderr, validate.stderr]) expect(s).not.toContain(SECRET);
});

test('--format json: {diagnostics, plan, wrote}', async () => {
  const src = file('b.yaml', '4.1.2');
  const run = await mke4k(['upgrade', '-f', src, '--to', '4.1.5', '--format', 'json']);
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout);
  expect(json.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
  expect(json.plan.steps).toHaveLength(1);
  expect(json.plan.steps[0].hop).toEqual(expect.objectContaining({ from: '4.1.2', to: '4.1.5', verified: true }));
  expect(json.plan.steps[0].migrations.map((m: { path: string }) => m.path)).toContain('spec.gatewayMKEIngress.nodePorts.https');
  expect(run.stdout).not.toContain(SECRET);
});

test('a refused path exits 1 and writes nothing', async () => {
  const src = file('c.yaml', '4.2.0');
  const out = join(dir, 'c-out.yaml');
  const run = await mke4k(['upgrade', '-f', src, '--to', '4.1.5', '--write', out]);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/not possible/);
  expect(run.stderr).toMatch(/not written: the upgrade path is refused/);
  expect(existsSync(out)).toBe(false);
});

test('an unknown target is a usage error (exit 2); invalid input exits 1', async () => {
  const src = file('d.yaml', '4.1.2');
  expect((await mke4k(['upgrade', '-f', src, '--to', '5.0.0'])).code).toBe(2);
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'kind: Bar\n');
  const run = await mke4k(['upgrade', '-f', bad, '--to', '4.2.0']);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/header/);
});
