/**
 * Issue 11: k0sctl.yaml held against k0s, k0sctl and kube-apiserver run-time behaviour. One block per
 * finding; each test fails on the code before the fix (noted where it is not obvious).
 */
import { parse } from 'yaml';
import { MKE_RELEASES, RELEASE_MATRIX, releaseInfo, upstreamCalicoVersion } from '../../lib/config/releases';
import { loadMkeConfig } from '../../lib/config/load';
import { renderCluster } from '../../lib/cluster';
import { structuredDiagnostics } from '../../lib/construct-diagnostics';
import { checkBootstrap, permits } from '../../lib/k0s/behaviour-checks';
import { unverifiedCniChartWarning } from '../../lib/k0s/bootstrap-notes';
import { K0sctlCluster } from '../../lib/k0s/k0sctl-cluster';
import { ANY_VALUE, COMPONENT_IDENTITY, factsCover, k0sAcceptsOciRepository, nodeLabels } from '../../lib/k0s/runtime-facts';
import type { K0sClusterConfigSpec, K0sctlHost } from '../../lib/k0s/types';
import { calicoBuiltIn, tigeraValues, volumePluginPathUnderInstallation } from '../../lib/cni/tigera-values';
import { clusterFromFile, clusterFromSpec, host, k0sctlOf, newChart } from './build';
import { validateK0sctlHosts } from '../../lib/k0s/validate-hosts';
import { initDocument } from '../../lib/cli/commands';
import { corpusFiles, describeShared } from '../corpus';
import { basename } from 'node:path';

const hosts3 = [host('controller+worker', '10.0.0.1'), host('controller+worker', '10.0.0.2'), host('controller+worker', '10.0.0.3'), host('worker', '10.0.0.4')];
const spec = (version: string, extra: Record<string, unknown> = {}) => ({ version, hosts: hosts3, ...extra });
const codes = (ds: readonly { code: string }[]) => ds.map((d) => d.code);
const tigera = (version: string, extra: Record<string, unknown> = {}) => {
  const doc = k0sctlOf(clusterFromSpec(spec(version, extra)));
  const chart = doc.spec.k0s.config.spec.extensions?.helm?.charts.find((c) => c.name === 'tigera-operator');
  return { chart, values: parse(chart?.values ?? '{}') as Record<string, Record<string, unknown>>, doc };
};
const controller: K0sctlHost = { role: 'controller+worker', ssh: { address: '10.0.0.1' } };
const worker: K0sctlHost = { role: 'worker', ssh: { address: '10.0.0.2' } };
const baseConfig: K0sClusterConfigSpec = { storage: { type: 'etcd' }, network: { provider: 'custom', podCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12' }, telemetry: { enabled: false } };

describe('run-time facts (lib/k0s/runtime-facts.ts)', () => {
  test('node labels: controller+worker/single get node-role.kubernetes.io/control-plane=true, workers no role label, controllers no node', () => {
    expect(nodeLabels('controller+worker', [])?.get('node-role.kubernetes.io/control-plane')).toBe('true');
    expect(nodeLabels('single', [])?.get('node.k0sproject.io/role')).toBe('control-plane');
    expect(nodeLabels('worker', [])?.has('node-role.kubernetes.io/control-plane')).toBe(false);
    expect(nodeLabels('controller', [])).toBeUndefined();
    expect(nodeLabels('worker', ['--labels=zone=a,tier=gpu'])?.get('tier')).toBe('gpu');
    expect(nodeLabels('worker', [])?.get('kubernetes.io/hostname')).toBe(ANY_VALUE);
    expect(nodeLabels('controller+worker', ['--disable-components=node-role'])?.has('node-role.kubernetes.io/control-plane')).toBe(false);
  });

  test('kube-apiserver runs as kube-apiserver with group root; permissions follow owner, then group, then others', () => {
    const api = COMPONENT_IDENTITY['kube-apiserver'];
    expect(api).toEqual({ user: 'kube-apiserver', group: 'root', createdByK0s: true });
    expect(permits(api, 'root', 'root', 0o600, 4)).toBe(false);
    expect(permits(api, 'root', 'root', 0o640, 4)).toBe(true);
    expect(permits(api, 'root', 'root', 0o644, 4)).toBe(true);
    expect(permits(api, 'root', 'root', 0o755, 3)).toBe(false);
    expect(permits(api, 'root', 'root', 0o770, 3)).toBe(true);
    expect(permits(api, 'kube-apiserver', 'x', 0o077, 4)).toBe(false);
  });

  test('OCI repository entries per k0s version (k0s pkg/helm/helm.go, backports)', () => {
    expect(k0sAcceptsOciRepository('v1.32.3+k0s.0')).toBe(false);
    expect(k0sAcceptsOciRepository('v1.32.6+k0s.0')).toBe(true);
    expect(k0sAcceptsOciRepository('v1.31.1+k0s.1')).toBe(false);
    expect(k0sAcceptsOciRepository('v1.31.10+k0s.0')).toBe(true);
    expect(k0sAcceptsOciRepository('v1.33.1+k0s.0')).toBe(false);
    expect(k0sAcceptsOciRepository('v1.35.4+k0s.0')).toBe(true);
  });

  test('every k0s version of the catalog is one the facts were read from', () => {
    for (const r of MKE_RELEASES) expect(factsCover(releaseInfo(r).k0sVersion)).toBe(true);
    expect(factsCover('v1.33.1+k0s.0')).toBe(false);
  });
});

describe('1. Calico control plane on 4.2 and kubeletVolumePluginPath per chart version', () => {
  test('4.2: controlPlaneNodeSelector selects node-role.kubernetes.io/control-plane="true"; kubeletVolumePluginPath under installation, none at the top', () => {
    const { values } = tigera('v4.2.0');
    expect(values.installation.controlPlaneNodeSelector).toEqual({ 'node-role.kubernetes.io/control-plane': 'true' });
    expect(values.installation.kubeletVolumePluginPath).toBe('/var/lib/kubelet');
    expect(values).not.toHaveProperty('kubeletVolumePluginPath');
  });

  test.each(['v4.1.0', 'v4.1.2', 'v4.1.5'])('%s (Calico < 3.31): kubeletVolumePluginPath at the top level only', (version) => {
    const { values } = tigera(version);
    expect(values).toHaveProperty('kubeletVolumePluginPath');
    expect(values.installation).not.toHaveProperty('kubeletVolumePluginPath');
    expect(values.installation).not.toHaveProperty('controlPlaneNodeSelector');
  });

  test('chart layout by version: Mirantis tags map to Calico releases', () => {
    expect(upstreamCalicoVersion('v3.31.500')).toBe('3.31.5');
    expect(upstreamCalicoVersion('v3.30.200')).toBe('3.30.2');
    expect(upstreamCalicoVersion('v3.29.3')).toBe('3.29.3');
    expect(volumePluginPathUnderInstallation('v3.30.200')).toBe(false);
    expect(volumePluginPathUnderInstallation('v3.31.500')).toBe(true);
  });

  test('the behaviour check rejects a selector no node matches (the old "" value) and accepts "true"', () => {
    const values = (v: string) => `installation:\n  controlPlaneNodeSelector:\n    node-role.kubernetes.io/control-plane: "${v}"\n`;
    const config = (v: string): K0sClusterConfigSpec => ({ ...baseConfig, extensions: { helm: { repositories: [], charts: [{ name: 'tigera-operator', chartname: 'oci://r/tigera-operator', version: 'v3.31.500', namespace: 'tigera-operator', values: values(v) }] } } });
    const bad = checkBootstrap([controller, worker], config(''), 'v1.35.4+k0s.0');
    expect(bad).toEqual([expect.objectContaining({ code: 'node-selector-no-match', severity: 'error', path: 'spec.k0s.config.spec.extensions.helm.charts[0].values' })]);
    expect(checkBootstrap([controller, worker], config('true'), 'v1.35.4+k0s.0')).toEqual([]);
    // Only workers: no node carries the control-plane label.
    expect(codes(checkBootstrap([{ role: 'controller', ssh: { address: '10.0.0.1' } }, worker], config('true'), 'v1.35.4+k0s.0'))).toEqual(['node-selector-no-match']);
  });

  test('a K0sctlCluster with such values fails synth validation', () => {
    const k = new K0sctlCluster(newChart(), 'k', { name: 'k', k0sVersion: 'v1.35.4+k0s.0', hosts: [worker, { role: 'controller', ssh: { address: '10.0.0.1' } }], cni: { kind: 'calico', props: { controlPlaneOnControllers: true } } });
    expect(codes(structuredDiagnostics(k))).toContain('node-selector-no-match');
    expect(k.node.validate().join('\n')).toMatch(/control-plane/);
  });
});

describe('2. Release matrix values (MirantisContainers/mke-release release-matrix.json)', () => {
  test.each(Object.entries(RELEASE_MATRIX))('%s: Calico chart, k0s, k0rdent and mke-operator from the matrix, verified', (release, m) => {
    const info = releaseInfo(release as (typeof MKE_RELEASES)[number]);
    expect(info.charts['tigera-operator']).toMatchObject({ version: m!.calico, verified: true });
    expect(info).toMatchObject({ k0sVersion: m!.k0s, kcmVersion: m!.k0rdent, mkeOperatorChartVersion: m!.mkeOperatorChart, mkeOperatorImageVersion: m!.mkeOperatorImage });
  });

  test('registry tags, not Calico versions: 4.1.0 v3.29.3, 4.1.1–4.1.5 v3.30.200, 4.2.0 v3.31.500', () => {
    expect(['4.1.0', '4.1.1', '4.1.3', '4.1.5', '4.2.0'].map((r) => releaseInfo(r as '4.1.0').charts['tigera-operator']?.version)).toEqual(['v3.29.3', 'v3.30.200', 'v3.30.200', 'v3.30.200', 'v3.31.500']);
    expect(tigera('v4.1.4').chart?.version).toBe('v3.30.200');
  });
});

describe('3. OCI repository entries and k0s < 1.32.6', () => {
  test('4.1.0 (k0s v1.32.3): no oci:// repository entry; 4.1.1 (v1.32.6): entries allowed', () => {
    const old = k0sctlOf(clusterFromSpec(spec('v4.1.0'))).spec.k0s.config.spec.extensions?.helm;
    expect(old).not.toHaveProperty('repositories');
    expect(old?.charts.map((c) => c.chartname)).toEqual(['oci://registry.mirantis.com/mke/tigera-operator', 'oci://registry.mirantis.com/k0rdent-enterprise/charts/k0rdent-enterprise']);
    const newer = k0sctlOf(clusterFromSpec(spec('v4.1.1'))).spec.k0s.config.spec.extensions?.helm;
    expect(newer?.repositories?.map((r) => r.url)).toEqual(['oci://registry.mirantis.com/mke', 'oci://registry.mirantis.com/k0rdent-enterprise/charts']);
  });

  test('the behaviour check rejects an oci:// repository entry on k0s v1.32.3', () => {
    const config: K0sClusterConfigSpec = { ...baseConfig, extensions: { helm: { repositories: [{ name: 'r', url: 'oci://registry.mirantis.com/mke', insecure: false }], charts: [] } } };
    expect(codes(checkBootstrap([controller], config, 'v1.32.3+k0s.0'))).toEqual(['helm-oci-repository']);
    expect(checkBootstrap([controller], config, 'v1.32.6+k0s.0')).toEqual([]);
  });
});

describe('4. Audit logging', () => {
  const audit = (version: string, a: Record<string, unknown>) => clusterFromSpec(spec(version, { apiServer: { audit: { enabled: true, ...a } } }));

  test('4.2: the policy from audit.level is uploaded to every controller; the log directory is created group-root 0770', () => {
    const doc = k0sctlOf(audit('v4.2.0', { level: 'RequestResponse' }));
    const args = doc.spec.k0s.config.spec.api?.extraArgs ?? {};
    expect(args).toMatchObject({ 'audit-log-path': '/var/log/mke4/audit/audit.log', 'audit-policy-file': '/etc/audit_policy.yaml' });
    for (const h of doc.spec.hosts.filter((x) => x.role !== 'worker')) {
      const policy = h.files?.find((f) => f.dst === '/etc/audit_policy.yaml');
      expect(policy).toMatchObject({ perm: '0644' });
      expect(parse(policy!.data)).toEqual({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'RequestResponse' }] });
      expect(h.files?.find((f) => f.dst.startsWith('/var/log/mke4/audit/'))).toMatchObject({ dirPerm: '0770', perm: '0644' });
      expect(h.files?.some((f) => f.user !== undefined || f.group !== undefined)).toBe(false);
    }
    expect(doc.spec.hosts.find((x) => x.role === 'worker')?.files).toBeUndefined();
  });

  test('4.1.0 shape (no policyFile, no level): a Metadata policy in the data dir, so events are recorded', () => {
    const doc = k0sctlOf(audit('v4.1.0', {}));
    expect(doc.spec.k0s.config.spec.api?.extraArgs?.['audit-policy-file']).toBe('/var/lib/k0s/mke4_audit_policy.yaml');
    const policy = doc.spec.hosts[0].files?.find((f) => f.dst === '/var/lib/k0s/mke4_audit_policy.yaml');
    expect(parse(policy!.data).rules).toEqual([{ level: 'Metadata' }]);
  });

  test('a log directory that k0sctl may not make kube-apiserver\'s is refused with a diagnostic (4.0 default /var/lib/k0s/audit.log)', () => {
    const text = (logPath: string) => `apiVersion: mke.mirantis.com/v1alpha1\nkind: MkeConfig\nmetadata: {name: a, namespace: mke}\nspec:\n  version: v4.2.0\n  hosts: [{role: single, ssh: {address: 10.0.0.1, keyPath: /k}}]\n  apiServer:\n    audit: {enabled: true, logPath: ${logPath}}\n`;
    const bad = loadMkeConfig(text('/var/lib/k0s/audit.log'));
    expect(bad.diagnostics).toEqual([expect.objectContaining({ code: 'audit-log-dir', severity: 'error', path: 'spec.apiServer.audit.logPath', line: 8 })]);
    expect(bad.diagnostics[0].message).toMatch(/kube-apiserver.*group root/);
    expect(codes(loadMkeConfig(text('/var/log/audit.log')).diagnostics)).toEqual(['audit-log-dir']);
    expect(codes(loadMkeConfig(text('audit.log')).diagnostics)).toEqual(['audit-log-dir']);
    expect(loadMkeConfig(text('/var/log/mke4/audit/audit.log')).diagnostics).toEqual([]);
    expect(loadMkeConfig(text('/var/lib/k0s/audit/audit.log')).diagnostics).toEqual([]);
  });

  test('the behaviour checks catch what the old output did: a policy flag with nothing uploaded, a log directory nobody creates', () => {
    const config: K0sClusterConfigSpec = { ...baseConfig, api: { extraArgs: { 'audit-policy-file': '/etc/p.yaml', 'audit-log-path': '/var/log/mke4/audit/audit.log' } } };
    const found = checkBootstrap([controller], config, 'v1.35.4+k0s.0');
    expect(codes(found)).toEqual(['host-file-missing', 'host-file-missing']);
    const withFiles: K0sctlHost = { ...controller, files: [{ name: 'p', data: 'x', dst: '/etc/p.yaml', perm: '0644' }, { name: 'd', data: 'x', dst: '/var/log/mke4/audit/README', perm: '0644' }] };
    expect(checkBootstrap([withFiles], config, 'v1.35.4+k0s.0')).toEqual([expect.objectContaining({ code: 'host-file-unreadable', severity: 'error', message: expect.stringMatching(/cannot create audit.log/) })]);
  });

  test('a policy file inside the log directory gets the directory\'s mode (k0sctl re-modes the directory per upload)', () => {
    const cluster = audit('v4.2.0', { policyFile: '/var/log/mke4/audit/policy.yaml' });
    const files = k0sctlOf(cluster).spec.hosts[0].files ?? [];
    expect(files.filter((f) => f.dst.startsWith('/var/log/mke4/audit/')).map((f) => f.dirPerm)).toEqual(['0770', '0770']);
    expect(cluster.k0sctl.behaviourProblems()).toEqual([]);
  });

  test('every generated audit setup passes the behaviour checks on every release that has audit.level', () => {
    for (const version of ['v4.1.0', 'v4.1.2', 'v4.1.5', 'v4.2.0']) {
      const cluster = audit(version, {});
      expect(cluster.k0sctl.behaviourProblems()).toEqual([]);
    }
  });
});

describe('5. Admission configuration readable by kube-apiserver', () => {
  test('EventRateLimit config is uploaded 0644 without a chown, and passes the check; 0600 root:root does not', () => {
    const cluster = clusterFromSpec(spec('v4.2.0', { apiServer: { eventRateLimit: { enabled: true } } }));
    const file = k0sctlOf(cluster).spec.hosts[0].files?.[0];
    expect(file).toMatchObject({ perm: '0644' });
    expect(cluster.k0sctl.behaviourProblems()).toEqual([]);
    const config: K0sClusterConfigSpec = { ...baseConfig, api: { extraArgs: { 'admission-control-config-file': '/var/lib/k0s/a.yaml' } } };
    const old: K0sctlHost = { ...controller, files: [{ name: 'a', data: 'x', dst: '/var/lib/k0s/a.yaml', perm: '0600' }] };
    expect(checkBootstrap([old], config, 'v1.35.4+k0s.0')).toEqual([expect.objectContaining({ code: 'host-file-unreadable', severity: 'error' })]);
    const chowned: K0sctlHost = { ...controller, files: [{ name: 'a', data: 'x', dst: '/var/lib/k0s/a.yaml', perm: '0600', user: 'kube-apiserver' }] };
    expect(checkBootstrap([chowned], config, 'v1.35.4+k0s.0').map((d) => d.message).join()).toMatch(/k0s creates only during `k0s install`/);
  });

  test('uploads never re-mode a shared system directory', () => {
    const h: K0sctlHost = { ...controller, files: [{ name: 't', data: 'x', dst: '/tmp/x.yaml', perm: '0644' }] };
    expect(codes(checkBootstrap([h], baseConfig, 'v1.35.4+k0s.0'))).toEqual(['host-dir-mode']);
  });
});

describe('7. Silent drops', () => {
  test('apiServer.encryptionProvider: a warning naming the field and what to do; none once the flag is set by the user', () => {
    const warned = clusterFromSpec(spec('v4.2.0')).warnings.filter((w) => w.code === 'encryption-provider-dropped');
    expect(warned).toEqual([expect.objectContaining({ severity: 'warning', path: 'spec.apiServer.encryptionProvider', hint: expect.stringContaining('encryption-provider-config') })]);
    const placed = clusterFromSpec(spec('v4.2.0', { apiServer: { extraArgs: { 'encryption-provider-config': '/var/lib/k0s/encryption.cfg' } } }));
    expect(codes(placed.warnings)).not.toContain('encryption-provider-dropped');
  });

  test('kube-proxy ipvs: nodePortRange reaches Felix kubeNodePortRanges (Tigera chart and 4.0 built-in calico)', () => {
    const ipvs = { network: { nodePortRange: '32000-34000', kubeProxy: { mode: 'ipvs' } } };
    expect(tigera('v4.2.0', ipvs).values.defaultFelixConfiguration).toEqual({ enabled: true, kubeNodePortRanges: ['32000:34000'] });
    expect(tigera('v4.1.3', ipvs).values.defaultFelixConfiguration).toEqual({ enabled: true, kubeNodePortRanges: ['32000:34000'] });
    expect(tigera('v4.2.0').values).not.toHaveProperty('defaultFelixConfiguration');
    expect(calicoBuiltIn({}, '32000-34000').envVars).toEqual({ FELIX_KUBENODEPORTRANGES: '32000:34000' });
    expect(calicoBuiltIn({ FELIX_KUBENODEPORTRANGES: '1:2', FELIX_A: 'b' }, '32000-34000').envVars).toEqual({ FELIX_A: 'b', FELIX_KUBENODEPORTRANGES: '1:2' });
    const net40 = k0sctlOf(clusterFromSpec(spec('v4.0.1', ipvs))).spec.k0s.config.spec.network;
    expect(net40.calico?.envVars).toMatchObject({ FELIX_KUBENODEPORTRANGES: '32000:34000' });
  });

  test('unverified-chart fires for an unverified CNI chart, and not for the matrix-verified ones', () => {
    const w = unverifiedCniChartWarning('4.2.0', { name: 'tigera-operator', version: 'v9.9.9', verified: false, source: 'test' }, 'spec.network.providers[0]');
    expect(w).toMatchObject({ code: 'unverified-chart', path: 'spec.network.providers[0]', message: expect.stringContaining('tigera-operator:v9.9.9') });
    for (const r of MKE_RELEASES) expect(unverifiedCniChartWarning(r)).toBeUndefined();
  });

  test('tigeraValues keeps generating the same installation for the same input (no hidden state)', () => {
    const input = { podCidr: '10.0.0.0/16', linuxDataplane: 'Iptables', logLevel: 'Info', kubeletVolumePluginPath: '/var/lib/kubelet', chartVersion: 'v3.30.200' };
    expect(tigeraValues(input)).toBe(tigeraValues({ ...input }));
  });
});

describe('8. Names and paths', () => {
  test('worker profiles are mkectl\'s mke-default-manager / mke-default-worker', () => {
    const doc = k0sctlOf(clusterFromSpec(spec('v4.2.0')));
    expect(doc.spec.k0s.config.spec.workerProfiles?.map((p) => p.name).slice(0, 2)).toEqual(['mke-default-manager', 'mke-default-worker']);
    expect(doc.spec.hosts.map((h) => h.installFlags?.find((f) => f.startsWith('--profile=')))).toEqual(['--profile=mke-default-manager', '--profile=mke-default-manager', '--profile=mke-default-manager', '--profile=mke-default-worker']);
  });

  test('a relative ssh.keyPath: a warning, and the header says where to run k0sctl; ~ and absolute paths are fine', () => {
    const rel = clusterFromSpec({ version: 'v4.2.0', hosts: [{ role: 'single', ssh: { address: '10.0.0.1', keyPath: 'keys/id_ed25519', bastion: { address: '10.0.0.9', keyPath: './b$.pem' } } }] });
    expect(rel.warnings.filter((w) => w.code === 'ssh-key-path-relative').map((w) => w.path)).toEqual(['spec.hosts[0].ssh.keyPath', 'spec.hosts[0].ssh.bastion.keyPath']);
    const header = renderCluster(rel).files.find((f) => f.path === 'k0sctl.yaml')!.content.split('\n').slice(0, 5).join('\n');
    expect(header).toContain('# Run it from the directory the relative ssh keyPath values ("keys/id_ed25519", "./b$$.pem") are relative to:');
    const abs = clusterFromSpec({ version: 'v4.2.0', hosts: [{ role: 'single', ssh: { address: '10.0.0.1', keyPath: '~/.ssh/id' } }] });
    expect(codes(abs.warnings)).not.toContain('ssh-key-path-relative');
    expect(renderCluster(abs).files.find((f) => f.path === 'k0sctl.yaml')!.content).not.toContain('Run it from');
  });
});

describe('DECISIONS 28: the k0rdent Enterprise chart', () => {
  test('chart k0rdent-enterprise, release kcm in k0rdent, UI sub-chart off', () => {
    const kcm = k0sctlOf(clusterFromSpec(spec('v4.2.0'))).spec.k0s.config.spec.extensions?.helm?.charts.find((c) => c.name === 'kcm');
    expect(kcm).toMatchObject({ chartname: 'oci://registry.mirantis.com/k0rdent-enterprise/charts/k0rdent-enterprise', version: '1.3.2', namespace: 'k0rdent' });
    expect(parse(kcm!.values!)).toEqual({ 'k0rdent-ui': { enabled: false } });
  });
});

describe('k0sctl rules on uploads', () => {
  test('dirPerm follows the perm rule (octal, owner digit ≥ 4)', () => {
    const h = (dirPerm: string): K0sctlHost => ({ ...controller, files: [{ name: 'd', data: 'x', dst: '/var/log/x/README', perm: '0644', dirPerm }] });
    expect(validateK0sctlHosts([h('0770')], 'v1.35.4+k0s.0')).toEqual([]);
    expect(validateK0sctlHosts([h('0370')], 'v1.35.4+k0s.0')).toEqual(['spec.hosts[0].files: d: invalid dirPerm 0370']);
  });
});

describeShared('behaviour checks over the corpus and every release', () => {
  test.each(corpusFiles('mke4').map((f) => [basename(f), f]))('%s: no behaviour error', (_name, file) => {
    const cluster = clusterFromFile(file);
    expect(cluster.k0sctl.behaviourProblems().filter((d) => d.severity === 'error')).toEqual([]);
  });

  test.each([...MKE_RELEASES])('%s init with audit, EventRateLimit, ipvs, CPLB: no behaviour problem', (release) => {
    const loaded = loadMkeConfig(initDocument(release));
    const s = loaded.config!.spec;
    const cluster = clusterFromSpec({
      ...(s as unknown as Record<string, unknown>),
      hosts: hosts3,
      apiServer: { ...s.apiServer, audit: { ...s.apiServer?.audit, enabled: true, logPath: '/var/log/mke4/audit/audit.log' }, eventRateLimit: { enabled: true }, externalAddress: 'lb.example.com' },
      network: { ...s.network, kubeProxy: { ...s.network?.kubeProxy, mode: 'ipvs' } },
    } as never);
    expect(cluster.k0sctl.behaviourProblems()).toEqual([]);
  });
});
