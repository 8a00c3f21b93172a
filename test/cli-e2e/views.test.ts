/**
 * plan, describe, graph, releases, completion and the CLI's hand feel, through the real CLI (the
 * compiled build/ after `npm run build`, else the sources): exit codes, JSON shapes, masked secrets.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMALL_SPEC_YAML } from '../cli/helpers';
import { pool, ROOT, runCli } from './run-cli';

const SECRET = 'supersecret-value-9f8e7d';
// The small two-host cluster of the CLI tests, with a licence token written in clear.
const spec = (extra = ''): string => SMALL_SPEC_YAML('v4.2.0', `  license:\n    token: ${SECRET}\n${extra}`);

let ws: string;
const file = (name: string, text: string): string => {
  const path = join(ws, name);
  writeFileSync(path, text);
  return path;
};
beforeAll(() => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  ws = mkdtempSync(join(ROOT, '.tmp', 'views-e2e-'));
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

describe('plan', () => {
  test('nothing written yet → exit 3; after synth → exit 0; a change → diff, impacts, summary; secrets masked', async () => {
    const out = join(ws, 'out');
    const input = file('lab.yaml', spec());
    const first = await runCli(['plan', input, '-o', out]);
    expect(first.code).toBe(3);
    expect(first.stdout).toContain('cluster lab');
    expect(first.stdout).toMatch(/^\+ k0sctl\.yaml$/m);
    expect(first.stdout).toMatch(/^\+ secrets\.env\.example$/m);
    expect((await runCli(['synth', input, '-o', out])).code).toBe(0);
    const same = await runCli(['plan', '-f', input, '-o', out]);
    expect({ code: same.code, last: same.stdout.trim().split('\n').pop() }).toEqual({ code: 0, last: 'no changes' });

    const changed = file('lab2.yaml', spec('  apiServer:\n    externalAddress: mke.example.com\n'));
    const run = await runCli(['plan', changed, '-o', out]);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('--- a/k0sctl.yaml\n+++ b/k0sctl.yaml\n@@ ');
    expect(run.stdout).toContain('kubeconfigs that name the old address must be fetched again');
    expect(run.stdout.trim().split('\n').pop()).toMatch(/^2 files change; \d+ changes? restarts? nodes; \d+ Helm upgrades?; 0 impossible$/);
    for (const r of [first, same, run]) expect(r.stdout + r.stderr).not.toContain(SECRET);

    const impossible = await runCli(['plan', file('lab3.yaml', spec('  network:\n    serviceCIDR: 10.97.0.0/16\n')), '-o', out, '--format', 'json']);
    expect(impossible.code).toBe(1);
    const json = JSON.parse(impossible.stdout) as Record<string, unknown> & { clusters: { files: Record<string, unknown>[] }[]; summary: Record<string, unknown> };
    expect(Object.keys(json)).toEqual(['diagnostics', 'clusters', 'summary']);
    expect(Object.keys(json.clusters[0])).toEqual(['name', 'folder', 'exists', 'files']);
    expect(Object.keys(json.clusters[0].files[0])).toEqual(['path', 'status', 'diff', 'diffTooLarge', 'changes']);
    expect(json.summary).toMatchObject({ filesChanged: 2, impossible: 1, text: expect.stringMatching(/1 impossible$/) });
    expect(impossible.stdout).not.toContain(SECRET);
  });

  test('invalid input: exit 1, JSON diagnostics and no clusters', async () => {
    const run = await runCli(['plan', file('bad.yaml', spec().replace('controller+worker', 'controller')), '--format', 'json', '-o', join(ws, 'none')]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ diagnostics: expect.arrayContaining([expect.objectContaining({ code: 'role-controller' })]), clusters: [], summary: null });
  });

  test('synth --dry-run prints the same plan, and its JSON has it', async () => {
    const input = file('dry.yaml', spec());
    const [text, json] = await Promise.all([runCli(['synth', input, '-o', join(ws, 'dry'), '--dry-run']), runCli(['synth', input, '-o', join(ws, 'dry'), '--dry-run', '--format', 'json'])]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^cluster lab \(.*dry\/lab, not written yet\): \d+ added, 0 changed, 0 removed$/m);
    expect(text.stdout).toMatch(/^\d+ files change; 0 changes restart nodes; 0 Helm upgrades; 0 impossible$/m);
    expect(text.stdout).toContain('would write');
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true, plan: { clusters: [expect.objectContaining({ name: 'lab', exists: false })], summary: expect.objectContaining({ impossible: 0 }) } });
  });
});

test('plan of a fleet program: one plan per cluster folder; --name is for mke4.yaml only', async () => {
  const out = join(ws, 'fleet');
  const [run, usage] = await Promise.all([runCli(['plan', join('apps', 'fleet.ts'), '-o', out, '--format', 'json']), runCli(['plan', join('apps', 'fleet.ts'), '--name', 'x'])]);
  expect(run.code).toBe(3);
  const json = JSON.parse(run.stdout) as { clusters: { name: string; exists: boolean }[] };
  expect(json.clusters.map((c) => c.name)).toEqual(['mgmt', 'prod-eu', 'prod-us', 'edge-1']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('--name and --delivery apply to mke4.yaml input');
});

describe('synth summary', () => {
  test('lists every file (secrets.env.example too), the services and the prerequisites', async () => {
    const out = join(ws, 'summary');
    const run = await runCli(['synth', file('sum.yaml', spec()), '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^services \(\d+\): authentication \(dex [^)]+\), /m);
    expect(run.stdout).toContain(join(out, 'lab', 'secrets.env.example'));
    expect(run.stdout).toMatch(/^prerequisites \(\d+\): create before applying \(see prerequisites\.yaml\):\n(?: {2}.*\n(?: {4}create: .*\n)?)*? {2}Variable MKE_LICENSE_TOKEN — for spec\.license\.token\n {4}create: /m);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });
});

describe('diff across releases', () => {
  test('user changes apart from the new defaults; --only-mine; summary; origin in JSON', async () => {
    const init = await runCli(['init', '--mke-version', '4.1.5']);
    const a = file('a.yaml', init.stdout);
    const b = file('b.yaml', init.stdout.replace('version: v4.1.5', 'version: v4.2.0').replace(/(externalAddress: ).*/, '$1mke.example.com'));
    const [all, mine, json] = await pool([[], ['--only-mine'], ['--format', 'json']], (extra) => runCli(['diff', a, b, ...extra]));
    expect(all.code).toBe(3);
    expect(all.stdout).toMatch(/^# your changes \(2\)\n~ spec\.version: v4\.1\.5 → v4\.2\.0 {2}# upgrade MKE 4\.1\.5 → 4\.2\.0/);
    expect(all.stdout).toMatch(/^[~+] spec\.apiServer\.externalAddress: .*kubeconfigs that name the old address/m);
    expect(all.stdout).toMatch(/^# defaults of MKE 4\.2\.0 that come with the upgrade \(\d+\)$/m);
    expect(all.stdout).toMatch(/^\+ spec\.secretsStoreCSIDriver: .*$/m);
    expect(all.stdout.trim().split('\n').pop()).toMatch(/^2 changes of yours, \d+ from MKE 4\.2\.0 defaults; \d+ restarts? nodes?; 0 impossible$/);
    expect(mine.stdout).not.toContain('spec.secretsStoreCSIDriver');
    expect(mine.stdout).toMatch(/^# \d+ change\(s\) from the defaults of MKE 4\.2\.0 hidden \(--only-mine\)$/m);
    const parsed = JSON.parse(json.stdout) as { changes: { path: string; origin: string; impact: string | null }[]; summary: string };
    expect(parsed.changes.find((c) => c.path === 'spec.version')?.origin).toBe('user');
    expect(parsed.changes.find((c) => c.path === 'spec.secretsStoreCSIDriver')).toMatchObject({ origin: 'release', impact: null });
    expect(parsed.summary).toMatch(/^2 changes of yours/);
  });
});

describe('describe', () => {
  test('text and JSON: versions, hosts, services, secrets named, values never shown', async () => {
    const input = file('desc.yaml', spec());
    const [text, json] = await Promise.all([runCli(['describe', input]), runCli(['describe', input, '--format', 'json'])]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^cluster lab: MKE 4\.2\.0, delivery operator$/m);
    expect(text.stdout).toMatch(/^ {2}10\.0\.0\.11\s+controller\+worker/m);
    expect(text.stdout).toMatch(/^ {2}MKE_LICENSE_TOKEN: spec\.license\.token$/m);
    const parsed = JSON.parse(json.stdout) as { diagnostics: unknown[]; clusters: Record<string, unknown>[] };
    expect(Object.keys(parsed.clusters[0])).toEqual(['name', 'release', 'delivery', 'versions', 'cni', 'hosts', 'loadBalancing', 'services', 'secrets', 'prerequisites']);
    for (const r of [text, json]) expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});

describe('graph', () => {
  const example = join('examples', 'prod-mke4.yaml');
  test.each(['mermaid', 'dot', 'svg'])('--format %s of the example and of the fleet program: every host, service and child cluster', async (format) => {
    const runs = await Promise.all([runCli(['graph', example, '--format', format]), runCli(['graph', '-f', join('apps', 'fleet.ts'), '--format', format])]);
    // Warnings only (the example keeps the default encryptionProvider, which k0sctl.yaml cannot carry).
    expect(runs.map((r) => [r.code, /\berror\b/.test(r.stderr)])).toEqual([[0, false], [0, false]]);
    // Graphviz writes `-` in SVG text as `&#45;`.
    const [cluster, fleet] = runs.map((r) => ({ stdout: r.stdout.replace(/&#45;/g, '-') }));
    for (const host of ['10.0.0.11', '10.0.0.12', '10.0.0.13', '10.0.0.21', '10.0.0.22', '10.0.0.23']) expect(cluster.stdout).toContain(host);
    for (const service of ['authentication', 'envoy-gateway', 'monitoring', 'gatekeeper', 'dashboard', 'k0rdent (kcm)', 'mke-operator', 'CNI calico']) expect(cluster.stdout).toContain(service);
    for (const name of ['cluster mgmt', 'cluster prod-eu', 'cluster prod-us', 'cluster edge-1', 'service set prod-baseline', 'cert-manager', 'ingress-nginx']) expect(fleet.stdout).toContain(name);
    if (format === 'svg') {
      expect(cluster.stdout).toMatch(/^<\?xml[^]*<svg [^]*<\/svg>\s*$/);
      // The README's picture is this command's output (deterministic): regenerate it when this fails.
      expect(runs[0].stdout).toBe(readFileSync(join(ROOT, 'docs', 'graph-prod.svg'), 'utf8'));
    }
    if (format === 'mermaid') expect(cluster.stdout).toMatch(/^---\ntitle: .*\n---\nflowchart TB\n/);
    if (format === 'dot') expect(cluster.stdout).toMatch(/^digraph mke4k \{\n[^]*\}\n$/);
  });

  test('-o writes the file; an invalid input exits 1', async () => {
    const target = join(ws, 'g.svg');
    const [ok, bad] = await Promise.all([runCli(['graph', example, '--format', 'svg', '-o', target]), runCli(['graph', file('gbad.yaml', spec().replace('controller+worker', 'worker'))])]);
    expect(ok.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('<svg');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error no-controller');
  });
});

describe('a CLI that fits the hand', () => {
  test('positional file = -f; two different inputs and no input are usage errors; unknown options are named', async () => {
    const input = file('pos.yaml', spec());
    const [pos, flag, two, none, unknown, unknownJson] = await pool(
      [['validate', input], ['validate', '-f', input], ['validate', input, '-f', join(ws, 'other.yaml')], ['validate'], ['validate', '--frobnicate'], ['validate', '--frobnicate', '--format', 'json']],
      (args) => runCli(args),
    );
    expect(pos.stdout).toBe(flag.stdout);
    expect(pos.stdout).toMatch(new RegExp(`^${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: valid — MKE 4\\.2\\.0, 2 hosts, \\d+ warnings?\\n$`));
    expect([two.code, none.code, unknown.code, unknownJson.code]).toEqual([2, 2, 2, 2]);
    expect(two.stderr).toContain('two inputs given');
    expect(none.stderr).toContain('no input file');
    expect(unknown.stderr).toContain("unknown option '--frobnicate'");
    expect(unknownJson.stderr).toBe('');
    expect(JSON.parse(unknownJson.stdout)).toEqual({ diagnostics: [{ code: 'usage-error', severity: 'error', message: "unknown option '--frobnicate'", path: '', file: null, line: null, col: null, hint: expect.any(String) }] });
  });

  test('an internal error with --format json is JSON (exit 2), with nothing on stderr', async () => {
    const run = await runCli(['synth', file('int.yaml', spec()), '-o', '/dev/null/out', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ diagnostics: [{ code: 'internal-error', severity: 'error' }] });
  });

  test('a misspelled key that loses a needed field is an error (exit 1)', async () => {
    const three = spec('  apiServer:\n    externalAdress: mke.example.com\n').replace(
      '    - role: worker',
      '    - role: controller+worker\n      ssh:\n        address: 10.0.0.12\n    - role: controller+worker\n      ssh:\n        address: 10.0.0.13\n    - role: worker',
    );
    const run = await runCli(['validate', file('typo.yaml', three)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/:\d+:5: error unknown-key: spec\.apiServer\.externalAdress: .*spec\.apiServer\.externalAddress is not set.*external-address-missing/);
  });

  test('every problem at once: a bad enum, a missing required key and a missing controller', async () => {
    const text = spec('  network:\n    kubeProxy:\n      mode: ebpf\n').replace('controller+worker', 'worker').replace('        address: 10.0.0.21\n', '        user: root\n');
    const run = await runCli(['validate', file('all.yaml', text)]);
    expect(run.code).toBe(1);
    expect(run.stderr.match(/error [a-z-]+/g)).toEqual(['error no-controller', 'error required', 'error invalid-enum']);
  });

  test('init --hosts checks the hosts file, each problem at its line', async () => {
    const hosts = file('hosts.yaml', '- role: controller+worker\n  ssh:\n    address: 10.0.0.1\n- role: workr\n  ssh:\n    port: 99999\n');
    const run = await runCli(['init', '--hosts', hosts]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${hosts}:4:9: error invalid-enum: hosts[1].role`);
    expect(run.stderr).toContain(`${hosts}:5:3: error required: hosts[1].ssh.address`);
    expect(run.stderr).toContain(`${hosts}:6:11: error invalid-port: hosts[1].ssh.port`);
    const good = await runCli(['init', '--hosts', file('hosts-ok.yaml', '- role: single\n  ssh: {address: 10.0.0.1}\n')]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('address: 10.0.0.1');
  });

  test('a key indented too deep is reported at its own line', async () => {
    const text = spec().replace('        keyPath: ~/.ssh/id_rsa\n    - role: worker', '          keyPath: ~/.ssh/id_rsa\n    - role: worker');
    const run = await runCli(['validate', file('indent.yaml', text)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/indent\.yaml:12:11: error yaml-syntax: this key is indented deeper \(column 11\) than the key above it \(column 9\)/);
  });

  test('releases: a table and JSON', async () => {
    const [text, json] = await Promise.all([runCli(['releases']), runCli(['releases', '--format', 'json'])]);
    expect(text.stdout).toMatch(/^4\.2\.0 \(newest\)\s+v1\.35\.4\+k0s\.0\s+1\.3\.2\s+3\.19\.24\s+v3\.31\.500/m);
    const rows = (JSON.parse(json.stdout) as { releases: { release: string; k0s: object }[] }).releases;
    expect(rows).toHaveLength(9);
    expect(rows[8]).toMatchObject({ release: '4.2.0', newest: true, k0s: { version: 'v1.35.4+k0s.0', verified: true } });
  });

  test('completion scripts for bash, zsh and fish; an unknown shell is a usage error', async () => {
    const [bash, zsh, fish, other] = await pool([['bash'], ['zsh'], ['fish'], ['tcsh']], (s) => runCli(['completion', ...s]));
    expect([bash.code, zsh.code, fish.code, other.code]).toEqual([0, 0, 0, 2]);
    expect(bash.stdout).toContain('complete -o filenames -F _mke4k mke4k');
    expect(bash.stdout).toContain('"graph --format") COMPREPLY=( $(compgen -W "mermaid dot svg" -- "$cur") )');
    expect(zsh.stdout).toMatch(/^#compdef mke4k/);
    expect(fish.stdout).toContain("complete -c mke4k -n '__fish_seen_subcommand_from plan' -s o -l out -r -F");
    // The bash script parses; zsh's too where zsh is installed.
    execFileSync('bash', ['-n'], { input: bash.stdout });
    const zshCheck = spawnSync('zsh', ['-n'], { input: zsh.stdout });
    if (!zshCheck.error) expect(zshCheck.status).toBe(0);
  });
});
