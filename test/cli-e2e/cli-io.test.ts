/** CLI behaviour around validation: init | validate for every release, JSON output, warnings, --strict. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MKE_RELEASES } from '../../lib/config/releases';
import { pool, ROOT, runCli } from './run-cli';

const WARNINGS_ONLY = `apiVersion: mke.mirantis.com/v1alpha1
kind: MkeConfig
metadata:
  name: mke
  namespace: mke
spec:
  version: v4.2.0
  hosts:
    - role: controller+worker
      ssh:
        address: 10.0.0.1
        keyPath: ~/.ssh/id_rsa
  ingresController:
    enabled: true
`;

test.each([...MKE_RELEASES])('mke4k init --mke-version %s | mke4k validate -f - passes', async (release) => {
  const init = await runCli(['init', '--mke-version', release]);
  expect(init.code).toBe(0);
  expect(init.stdout).toContain(`version: v${release}`);
  const validate = await runCli(['validate', '-f', '-'], init.stdout);
  expect({ code: validate.code, stderr: validate.stderr }).toEqual({ code: 0, stderr: '' });
});

test('the CRLF and BOM files in test/fixtures/good validate with exit 0 and no output', async () => {
  const dir = join(ROOT, 'test', 'fixtures', 'good');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  expect(files.length).toBeGreaterThanOrEqual(4);
  const runs = await pool(files, (f) => runCli(['validate', '-f', join('test', 'fixtures', 'good', f)]));
  expect(runs.map((r, i) => [files[i], r.code, r.stderr])).toEqual(files.map((f) => [f, 0, '']));
});

test('validate --format json: one JSON object on stdout, exit code unchanged (1)', async () => {
  const run = await runCli(['validate', '--format', 'json', '-f', 'test/fixtures/bad/cni-cilium.yaml']);
  expect(run.code).toBe(1);
  const parsed = JSON.parse(run.stdout) as { diagnostics: Record<string, unknown>[] };
  expect(Object.keys(parsed)).toEqual(['diagnostics']);
  expect(parsed.diagnostics).toEqual([
    {
      code: 'cni-cilium',
      severity: 'error',
      message: expect.any(String),
      path: 'spec.network.providers[1].provider',
      file: 'test/fixtures/bad/cni-cilium.yaml',
      line: 23,
      col: 19,
      hint: expect.stringContaining('custom'),
    },
  ]);
});

test('validate --format json of a valid file: empty list, exit 0', async () => {
  const run = await runCli(['validate', '--format', 'json', '-f', 'test/fixtures/good/bom.yaml']);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({ diagnostics: [] });
});

test('a warnings-only file exits 0 with the warning on stderr; --strict makes it exit 1', async () => {
  const run = await runCli(['validate', '-f', '-'], WARNINGS_ONLY);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe('standard input: valid — MKE 4.2.0, 1 host, 1 warning\n');
  expect(run.stderr).toMatch(/^-:13:3: warning unknown-key: spec\.ingresController: /m);
  expect(run.stderr).toContain('did you mean "ingressController"?');
  const strict = await runCli(['validate', '--strict', '-f', '-'], WARNINGS_ONLY);
  expect(strict.code).toBe(1);
  expect(strict.stderr).toMatch(/^-:13:3: error unknown-key:/m);
});

test('text diagnostics show the source line with a caret under the column', async () => {
  const run = await runCli(['validate', '-f', 'test/fixtures/bad/enum-kubeproxy-mode.yaml']);
  const lines = run.stderr.split('\n');
  const head = lines.findIndex((l) => l.includes('error invalid-enum'));
  expect(lines[head]).toBe('test/fixtures/bad/enum-kubeproxy-mode.yaml:26:13: error invalid-enum: spec.network.kubeProxy.mode: must be one of "iptables", "ipvs", "nftables"');
  expect(lines[head + 1]).toBe('        mode: ebpf');
  expect(lines[head + 2].indexOf('^')).toBe(lines[head + 1].indexOf('ebpf'));
});

test('a missing file is exit 1 with file-read', async () => {
  const run = await runCli(['validate', '-f', 'test/fixtures/bad/no-such-file.yaml']);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('error file-read');
});

test.each([['bundled', {}], ['modules', { MKE4K_NO_BUNDLE: '1' }]])(
  'a reader that closes the pipe early (mke4k schema | head -c 20), %s: exit 0, no stack trace',
  (_name, extra) => {
    // The schema (~400 KB) is larger than a pipe's buffer, so the writes after `head` exits fail with EPIPE.
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" bin/mke4k.js schema | head -c 20`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...extra },
    });
    expect(result.stdout).toBe('{\n  "$schema": "https:'.slice(0, 20));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  },
);
