/** `mke4k diff`: normalized specs, hosts by address, masked secrets, impacts, exit codes 0/1/2/3. */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSpec } from '../../lib/config/load';
import { formatChanges } from '../../lib/diff/format';
import { versionImpact } from '../../lib/diff/impact';
import { diffSpecs } from '../../lib/diff/spec-diff';
import { mke4k, removeWorkspace, SMALL_SPEC_YAML, workspace } from './helpers';

jest.setTimeout(120_000);

function side(spec: Record<string, unknown>, name = 'lab') {
  const result = validateSpec(spec, { name });
  if (!result.config) throw new Error(JSON.stringify(result.diagnostics));
  return { name, spec: result.config.spec };
}

const host = (address: string, role = 'worker') => ({ role, ssh: { address, keyPath: '~/.ssh/id_rsa' } });
const base = { version: 'v4.2.0', hosts: [host('10.0.0.11', 'controller+worker'), host('10.0.0.21'), host('10.0.0.22')] };

describe('diffSpecs', () => {
  test('equal after defaults: writing a default out is no change', () => {
    expect(diffSpecs(side(base), side({ ...base, network: { serviceCIDR: '10.96.0.0/16' } }))).toEqual([]);
  });

  test('hosts are matched by address: inserting one host is one addition', () => {
    const b = { ...base, hosts: [base.hosts[0], host('10.0.0.20'), ...base.hosts.slice(1)] };
    const changes = diffSpecs(side(base), side(b));
    expect(changes).toEqual([expect.objectContaining({ path: 'spec.hosts[10.0.0.20]', kind: 'added', impact: expect.stringContaining('k0sctl apply') })]);
    const removed = diffSpecs(side(b), side(base));
    expect(removed).toEqual([expect.objectContaining({ path: 'spec.hosts[10.0.0.20]', kind: 'removed', impact: expect.stringContaining('reset: true') })]);
  });

  test('one host, changed role: matched, reported on the field', () => {
    const a = { version: 'v4.2.0', hosts: [host('10.0.0.1', 'single')] };
    const b = { version: 'v4.2.0', hosts: [host('10.0.0.1', 'controller+worker')] };
    expect(diffSpecs(side(a), side(b))).toEqual([expect.objectContaining({ path: 'spec.hosts[10.0.0.1].role', old: 'single', new: 'controller+worker' })]);
  });

  test('secrets are masked in every shape of change', () => {
    const a = side({ ...base, license: { token: 'old-token-value' } });
    const b = side({ ...base, license: { token: 'new-token-value' }, authentication: { ldap: { enabled: true, bindPW: 'ldap-password' } } });
    const changes = diffSpecs(a, b);
    const text = formatChanges(changes) + JSON.stringify(changes);
    for (const secret of ['old-token-value', 'new-token-value', 'ldap-password']) expect(text).not.toContain(secret);
    expect(formatChanges(changes)).toContain('~ spec.license.token: (secret changed)\n');
  });

  test('network, kubelet and CPLB impacts (pitfall 8)', () => {
    const a = side(base);
    const b = side({
      ...base,
      network: {
        serviceCIDR: '10.97.0.0/16',
        providers: [
          { provider: 'calico', enabled: false },
          { provider: 'custom', enabled: true },
        ],
      },
      kubelet: { maxPods: 200 },
    });
    const impacts = Object.fromEntries(diffSpecs(a, b).map((c) => [c.path, c.impact]));
    expect(impacts['spec.network.serviceCIDR']).toMatch(/cannot change on a running cluster/);
    expect(impacts['spec.network.providers[calico].enabled']).toMatch(/CNI provider cannot change/);
    expect(impacts['spec.kubelet.maxPods']).toMatch(/needs node restarts/);
  });

  test('services toggled say so', () => {
    const changes = diffSpecs(side(base), side({ ...base, policyController: { opaGatekeeper: { enabled: true } } }));
    expect(changes).toEqual([expect.objectContaining({ path: 'spec.policyController.opaGatekeeper.enabled', impact: expect.stringMatching(/^service policyController.opaGatekeeper enabled/) })]);
  });

  test.each([
    ['v4.1.5', 'v4.2.0', /^upgrade MKE 4.1.5 → 4.2.0/],
    ['v4.1.2', 'v4.1.5', /^upgrade/],
    ['v4.2.0', 'v4.1.5', /^unsupported: downgrade/],
    ['v4.1.3', 'v4.1.2', /^unsupported: downgrade/],
    ['v4.0.1', 'v4.2.0', /^unsupported: .*skips 4.1/],
  ])('version %s → %s', (from, to, impact) => {
    expect(versionImpact(from, to)).toMatch(impact);
  });
});

describe('mke4k diff (CLI)', () => {
  let ws: string;
  beforeAll(() => {
    ws = workspace('diff');
  });
  afterAll(() => removeWorkspace(ws));

  const write = (name: string, text: string): string => {
    const file = join(ws, name);
    writeFileSync(file, text);
    return file;
  };

  test('same → 0 and no output; different → 3 with + - ~ lines', async () => {
    const a = write('a.yaml', SMALL_SPEC_YAML('v4.1.5', '  license:\n    token: aaa-secret\n'));
    const b = write('b.yaml', SMALL_SPEC_YAML('v4.2.0', '  license:\n    token: bbb-secret\n'));
    const same = await mke4k(['diff', a, a], { cwd: ws });
    expect([same.code, same.stdout]).toEqual([0, '']);
    const run = await mke4k(['diff', a, b], { cwd: ws });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('~ spec.version: v4.1.5 → v4.2.0  # upgrade MKE 4.1.5 → 4.2.0');
    expect(run.stdout).toContain('~ spec.license.token: (secret changed)');
    expect(run.stdout + run.stderr).not.toMatch(/aaa-secret|bbb-secret/);
  });

  test('--format json: diagnostics and changes, secrets masked', async () => {
    const a = write('ja.yaml', SMALL_SPEC_YAML('v4.2.0', '  license:\n    token: aaa-secret\n'));
    const b = write('jb.yaml', SMALL_SPEC_YAML('v4.2.0', '  license:\n    token: bbb-secret\n'));
    const run = await mke4k(['diff', a, b, '--format', 'json'], { cwd: ws });
    expect(run.code).toBe(3);
    const json = JSON.parse(run.stdout) as { diagnostics: { code: string; message: string }[]; changes: Record<string, unknown>[] };
    // The tokens are written in clear in both files: a warning each, naming the placeholder, not the value.
    expect(json.diagnostics.map((d) => d.code)).toEqual(['secret-plaintext', 'secret-plaintext']);
    expect(run.stdout).not.toMatch(/aaa-secret|bbb-secret/);
    expect(json.changes).toEqual([{ path: 'spec.license.token', kind: 'changed', old: '(secret)', new: '(secret)', impact: null, origin: 'user' }]);
  });

  test('an invalid input → 1; inputs of different kinds → 2', async () => {
    const good = write('good.yaml', SMALL_SPEC_YAML('v4.2.0'));
    const bad = write('bad.yaml', SMALL_SPEC_YAML('v4.2.0', '  network:\n    serviceCIDR: not-a-cidr\n'));
    const invalid = await mke4k(['diff', good, bad], { cwd: ws });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('bad.yaml:');
    const usage = await mke4k(['diff', good, ws], { cwd: ws });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('cannot compare');
  });

  test('two programs compare their clusters; two folders compare files', async () => {
    const prog = (name: string, version: string) =>
      write(`${name}.ts`, `import { App } from 'cdk8s';\nimport { MkeCluster, synthesize } from 'mke4k-cdk8s';\nconst app = new App();\nnew MkeCluster(app, 'c', { name: 'lab', spec: { version: '${version}', hosts: [{ role: 'single', ssh: { address: '10.0.0.5' } }] } });\nsynthesize(app);\n`);
    const programs = await mke4k(['diff', prog('p1', 'v4.1.5'), prog('p2', 'v4.2.0')], { cwd: ws });
    expect(programs.code).toBe(3);
    expect(programs.stdout).toContain('~ spec.version: v4.1.5 → v4.2.0');

    const a = write('fa.yaml', SMALL_SPEC_YAML('v4.2.0'));
    const b = write('fb.yaml', SMALL_SPEC_YAML('v4.2.0').replace('10.0.0.21', '10.0.0.31'));
    for (const [file, out] of [[a, 'dist-a'], [b, 'dist-b']]) expect((await mke4k(['synth', '-f', file, '-o', join(ws, out)], { cwd: ws })).code).toBe(0);
    // local/ holds secret values and is never read.
    mkdirSync(join(ws, 'dist-b', 'lab', 'local'), { recursive: true });
    writeFileSync(join(ws, 'dist-b', 'lab', 'local', 'k0sctl.yaml'), 'token: do-not-print\n');
    const folders = await mke4k(['diff', join(ws, 'dist-a', 'lab'), join(ws, 'dist-b', 'lab')], { cwd: ws });
    expect(folders.code).toBe(3);
    expect(folders.stdout).toMatch(/^- k0sctl\.yaml\[Cluster\/lab\]\.spec\.hosts\[10\.0\.0\.21\]: .*k0sctl apply/m);
    expect(folders.stdout).toMatch(/^\+ k0sctl\.yaml\[Cluster\/lab\]\.spec\.hosts\[10\.0\.0\.31\]: /m);
    expect(folders.stdout).not.toContain('do-not-print');
    cpSync(join(ws, 'dist-a'), join(ws, 'dist-c'), { recursive: true });
    expect((await mke4k(['diff', join(ws, 'dist-a', 'lab'), join(ws, 'dist-c', 'lab')], { cwd: ws })).code).toBe(0);
  });
});
