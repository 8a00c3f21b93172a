/** The views behind plan, describe, graph and releases, in-process (the CLI e2e tests are in test/cli-e2e/views.test.ts). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { MkeCluster, type Delivery } from '../../lib/cluster';
import { loadMkeConfig, loadMkeConfigFile } from '../../lib/config/load';
import { renderAll, writeRendered } from '../../lib/output/writer';
import { describeCluster, formatDescription } from '../../lib/views/describe';
import { graphOf, MAX_HOSTS_PER_ROLE, toDot, toMermaid } from '../../lib/views/graph';
import { formatPlan, maskSecrets, plan } from '../../lib/views/plan';
import { formatReleases, releaseRows } from '../../lib/views/releases';
import { corpusFiles, describeShared } from '../corpus';

const SPEC = (extra = '', hosts = 2): string => `apiVersion: mke.mirantis.com/v1alpha1
kind: MkeConfig
metadata:
  name: lab
  namespace: mke
spec:
  version: v4.2.0
  hosts:
${Array.from({ length: hosts }, (_, i) => `    - role: ${i === 0 ? 'controller+worker' : 'worker'}
      ssh:
        address: 10.0.${Math.floor(i / 250)}.${(i % 250) + 1}
        keyPath: ~/.ssh/id_rsa`).join('\n')}
${extra}`;

function build(text: string, delivery?: Delivery): { app: App; cluster: MkeCluster } {
  const loaded = loadMkeConfig(text);
  if (!loaded.config) throw new Error(JSON.stringify(loaded.diagnostics));
  const app = new App({ outdir: '.' });
  return { app, cluster: new MkeCluster(app, 'cluster', { config: loaded.config, delivery }) };
}

describe('releases', () => {
  const rows = releaseRows();
  test('one row per release, 4.2.0 newest, k0s from the release matrix', () => {
    expect(rows.map((r) => r.release)).toEqual(['4.0.0', '4.0.1', '4.1.0', '4.1.1', '4.1.2', '4.1.3', '4.1.4', '4.1.5', '4.2.0']);
    expect(rows.filter((r) => r.newest).map((r) => r.release)).toEqual(['4.2.0']);
    expect(rows.find((r) => r.release === '4.2.0')).toMatchObject({ k0s: { version: 'v1.35.4+k0s.0', verified: true }, kcm: { version: '1.3.2' }, mkeOperator: { version: '3.19.24' }, calico: { version: 'v3.31.500' } });
    expect(rows.find((r) => r.release === '4.0.0')).toMatchObject({ calico: { version: 'k0s built-in' } });
    expect(rows.find((r) => r.release === '4.0.0')?.kcm).toBeUndefined();
  });
  test('text marks unverified values with ?', () => {
    const text = formatReleases(rows);
    expect(text.split('\n')[0]).toMatch(/^MKE\s+k0s\s+k0rdent \(kcm\)\s+mke-operator\s+Calico/);
    expect(text).toMatch(/^4\.2\.0 \(newest\)\s+v1\.35\.4\+k0s\.0\s+1\.3\.2\s+3\.19\.24/m);
    expect(text).toContain('`?`: no public source confirms');
  });
});

describe('maskSecrets', () => {
  const yaml = `spec:
  license:
    token: real-token-value
  authentication:
    oidc:
      clientSecret: "\${MKE_AUTHENTICATION_OIDC_CLIENT_SECRET}"
  network:
    controlPlaneLoadBalancing:
      keepalived:
        vrrpInstances:
          - virtualIPs: [10.0.0.100/24]
            authPass: hunter22
  tolerations:
    - key: node-role.kubernetes.io/control-plane
`;
  test('secret scalars become (secret), placeholders and look-alike keys stay, lines stay', () => {
    const out = maskSecrets(yaml, 'services/40-mke-config.yaml');
    expect(out).not.toContain('real-token-value');
    expect(out).not.toContain('hunter22');
    expect(out).toContain('token: (secret)');
    expect(out).toContain('authPass: (secret)');
    expect(out).toContain('${MKE_AUTHENTICATION_OIDC_CLIENT_SECRET}');
    expect(out).toContain('key: node-role.kubernetes.io/control-plane');
    expect(out.split('\n').length).toBe(yaml.split('\n').length);
  });
  test('unparsable YAML and env files are masked line by line', () => {
    expect(maskSecrets('a: [\n  token: abc\n', 'x.yaml')).toContain('token: (secret)');
    expect(maskSecrets('MKE_LICENSE_TOKEN=abc\n# comment\n', 'secrets.env')).toBe('MKE_LICENSE_TOKEN=(secret)\n# comment\n');
  });
});

describe('plan', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mke4k-plan-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('first synth: every file added; after writing: no changes', () => {
    const rendered = renderAll(build(SPEC()).app);
    const first = plan(rendered, dir);
    expect(first.clusters[0]).toMatchObject({ name: 'lab', exists: false });
    expect(first.clusters[0].files.map((f) => f.status)).toEqual(rendered[0].files.map(() => 'added'));
    expect(first.summary.filesChanged).toBe(rendered[0].files.length);
    writeRendered(rendered, dir);
    const again = plan(rendered, dir);
    expect(again.summary).toMatchObject({ filesChanged: 0, text: 'no changes' });
  });

  test('a changed spec: unified diff, impacts and the summary', () => {
    writeRendered(renderAll(build(SPEC()).app), dir);
    const p = plan(renderAll(build(SPEC('  network:\n    serviceCIDR: 10.97.0.0/16\n', 3)).app), dir);
    const k0sctl = p.clusters[0].files.find((f) => f.path === 'k0sctl.yaml');
    expect(k0sctl?.status).toBe('changed');
    expect(k0sctl?.diff).toMatch(/^--- a\/k0sctl\.yaml\n\+\+\+ b\/k0sctl\.yaml\n@@ -\d+,\d+ \+\d+,\d+ @@/);
    expect(k0sctl?.diff).toContain('+      address: 10.0.0.3');
    expect(k0sctl?.changes.map((c) => c.impact)).toEqual(expect.arrayContaining(['k0sctl apply installs k0s on the node and joins it', 'cannot change on a running cluster']));
    expect(p.summary).toMatchObject({ filesChanged: 2, impossible: 1 });
    expect(p.summary.text).toMatch(/^2 files change; \d+ changes? restarts? nodes; \d+ Helm upgrades?; 1 impossible$/);
    expect(formatPlan(p)).toContain('~ [Cluster/lab].spec.k0s.config.spec.network.serviceCIDR: 10.96.0.0/16 → 10.97.0.0/16  # cannot change on a running cluster');
  });

  test('secret values someone put into the folder never show, valid YAML or not', () => {
    const rendered = renderAll(build(SPEC()).app);
    writeRendered(rendered, dir);
    const mkeConfig = join(dir, 'lab', 'services', '40-mke-config.yaml');
    writeFileSync(mkeConfig, readFileSync(mkeConfig, 'utf8').replace(/token: ""/, 'token: leaked-value-123'));
    const k0sctlFile = join(dir, 'lab', 'k0sctl.yaml');
    writeFileSync(k0sctlFile, readFileSync(k0sctlFile, 'utf8').replace(/^spec:\n/m, 'spec:\n  license:\n    token: leaked-value-456\n  license: {}\n'));
    const p = plan(rendered, dir);
    expect(p.clusters[0].files.map((f) => [f.path, f.status])).toEqual([['k0sctl.yaml', 'changed'], ['services/40-mke-config.yaml', 'changed']]);
    const text = formatPlan(p);
    for (const leak of ['leaked-value-123', 'leaked-value-456']) {
      expect(text).not.toContain(leak);
      expect(JSON.stringify(p)).not.toContain(leak);
    }
    expect(text).toContain('-    token: (secret)');
    expect(text).toContain('+    token: ""');
  });
});

describe('describe', () => {
  test('versions, hosts with profiles, load balancing, services with charts', () => {
    const d = describeCluster(build(SPEC('  apiServer:\n    externalAddress: mke.example.com\n  ingressController:\n    enabled: true\n')).cluster);
    expect(d).toMatchObject({ name: 'lab', release: '4.2.0', delivery: 'operator', cni: { provider: 'calico', version: 'v3.31.500' } });
    expect(d.versions.map((v) => v.name)).toEqual(['k0s', 'k0rdent (kcm)', 'mke-operator']);
    expect(d.hosts).toEqual([
      { address: '10.0.0.1', role: 'controller+worker' },
      { address: '10.0.0.2', role: 'worker' },
    ].map((h) => expect.objectContaining(h)));
    expect(d.loadBalancing.externalAddress).toBe('mke.example.com');
    expect(d.services.map((s) => s.name)).toEqual(expect.arrayContaining(['authentication', 'ingress-nginx', 'dashboard']));
    expect(d.services.find((s) => s.name === 'ingress-nginx')).toMatchObject({ chart: 'ingress-nginx', namespace: expect.any(String), version: expect.any(String) });
    expect(formatDescription(d)).toMatch(/^hosts \(2\):\n\s+ADDRESS\s+ROLE/m);
  });

  test('k0rdent delivery with an OIDC client secret: the valuesFrom Secret and the variable are prerequisites', () => {
    const oidc = '  authentication:\n    enabled: true\n    oidc:\n      enabled: true\n      issuer: https://idp.example.com\n      clientID: mke\n      clientSecret: "${MKE_AUTHENTICATION_OIDC_CLIENT_SECRET}"\n      redirectURI: https://mke.example.com/callback\n';
    const d = describeCluster(build(SPEC(oidc), 'k0rdent').cluster);
    expect(d.prerequisites.map((p) => `${p.kind} ${p.name}`)).toEqual(expect.arrayContaining(['Secret mke-authentication-secrets']));
    const text = formatDescription(d);
    expect(text).toContain('create: kubectl -n k0rdent create secret generic mke-authentication-secrets');
    expect(text).not.toMatch(/clientSecret: [^$]/);
  });
});

describe('graph', () => {
  test('hosts beyond the cap are summarized per role', () => {
    const model = graphOf(build(SPEC('', MAX_HOSTS_PER_ROLE + 10)).app);
    const workers = model.nodes.filter((n) => n.group === 'lab__hosts__worker');
    expect(workers).toHaveLength(MAX_HOSTS_PER_ROLE);
    expect(workers[workers.length - 1].label[0]).toBe(`… and ${MAX_HOSTS_PER_ROLE + 9 - (MAX_HOSTS_PER_ROLE - 1)} more`);
  });

  test('labels are escaped for Mermaid and DOT', () => {
    const model = { title: 'a "b"', groups: [{ id: 'g', label: 'x<y>' }], nodes: [{ id: 'n', label: ['say "hi"', 'back\\slash'], group: 'g', shape: 'box' as const }], edges: [] };
    expect(toMermaid(model)).toContain('subgraph g["x#lt;y#gt;"]');
    expect(toMermaid(model)).toContain('n["say #quot;hi#quot;<br/>back\\slash"]');
    expect(toDot(model)).toContain('n [label="say \\"hi\\"\\nback\\\\slash"');
  });
});

describeShared('graph of every valid corpus file: every host and every service appears (mermaid and dot)', () => {
  const files = corpusFiles('mke4');
  test.each(files.map((f) => [f.split('/').pop() as string, f]))('%s', (_name, file) => {
    const loaded = loadMkeConfigFile(file);
    if (!loaded.config) return; // invalid corpus files are covered by the bad-input suite
    const app = new App({ outdir: '.' });
    const cluster = new MkeCluster(app, 'cluster', { config: loaded.config });
    const d = describeCluster(cluster);
    const model = graphOf(app);
    for (const text of [toMermaid(model), toDot(model)]) {
      for (const h of d.hosts) expect(text).toContain(h.address);
      for (const s of d.services) expect(text).toContain(s.name);
      expect(text).toContain(`cluster ${d.name}`);
    }
  });
});
