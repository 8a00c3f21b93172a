/**
 * Hand-written bad inputs, each derived from one valid document, each asserting the exact
 * diagnostic: code, severity, path and the line:col of the node the user must edit (STYLE 11).
 * Positions are given as "where this text starts" so the intent (key vs value) is readable.
 */
import { DIAGNOSTIC_CODES } from '../../lib/config/diagnostics';
import { addNetwork, addSection, BASE, edit, find, host, load, pos, version, withHosts } from './helpers';

interface Case {
  readonly name: string;
  readonly text: string;
  readonly code: (typeof DIAGNOSTIC_CODES)[number];
  readonly severity: 'error' | 'warning';
  readonly path: string;
  /** Text at the reported position: `[needle]` or `[needle, nth]`, or an explicit position. */
  readonly at: readonly [string, number?] | { readonly line: number; readonly col: number };
}

const twoControllers = withHosts(host('controller+worker', '10.0.0.1') + host('controller+worker', '10.0.0.2') + host('controller+worker', '10.0.0.3'));
const cplb40 = (pass: string) =>
  addNetwork(
    version(BASE, '4.0.0'),
    `    cplb:\n      disabled: false\n      controlPlaneLoadBalancing:\n        enabled: true\n        keepalived:\n          vrrpInstances:\n            - virtualIPs: [10.0.0.100/24]\n              authPass: ${pass}\n`,
  );
const ciliumOn = edit(edit(BASE, 'provider: custom\n        enabled: false', 'provider: cilium\n        enabled: true'), 'provider: calico\n        enabled: true', 'provider: calico\n        enabled: false');
const calicoValues = (v: string, values: string) =>
  edit(version(BASE, v), '          cidrV4: 192.168.0.0/16\n', `          cidrV4: 192.168.0.0/16\n          values.yaml: |\n${values.split('\n').map((l) => `            ${l}`).join('\n')}\n`);

const cases: Case[] = [
  // YAML syntax
  { name: 'unclosed flow sequence', text: edit(BASE, '  name: mke', '  name: [mke'), code: 'yaml-syntax', severity: 'error', path: '', at: { line: 5, col: 3 } },
  { name: 'tab indentation', text: edit(BASE, '    serviceCIDR', '\tserviceCIDR'), code: 'yaml-syntax', severity: 'error', path: '', at: ['\tserviceCIDR'] },
  { name: 'unterminated quoted string', text: edit(BASE, 'user: root', 'user: "root'), code: 'yaml-syntax', severity: 'error', path: '', at: ['"root'] },
  { name: 'duplicate key (second one is reported)', text: edit(BASE, '    nodePortRange: 32768-35535\n', '    nodePortRange: 32768-35535\n    serviceCIDR: 10.97.0.0/16\n'), code: 'yaml-duplicate-key', severity: 'error', path: '', at: ['serviceCIDR: 10.97'] },
  { name: 'duplicate key inside a host', text: edit(BASE, '        port: 22\n', '        port: 22\n        port: 23\n'), code: 'yaml-duplicate-key', severity: 'error', path: '', at: ['port: 23'] },
  { name: 'two documents', text: BASE + '---\n' + BASE, code: 'yaml-multiple-documents', severity: 'error', path: '', at: ['---'] },
  { name: 'root is a list', text: '- apiVersion: mke.mirantis.com/v1alpha1\n', code: 'yaml-not-mapping', severity: 'error', path: '', at: { line: 1, col: 1 } },
  { name: 'empty file', text: '', code: 'yaml-not-mapping', severity: 'error', path: '', at: { line: 1, col: 1 } },
  // wrong types
  { name: 'string for an int', text: edit(BASE, 'port: 22', 'port: twenty-two'), code: 'invalid-type', severity: 'error', path: 'spec.hosts[0].ssh.port', at: ['twenty-two'] },
  { name: 'quoted number', text: edit(BASE, 'port: 22', 'port: "22"'), code: 'invalid-type', severity: 'error', path: 'spec.hosts[0].ssh.port', at: ['"22"'] },
  { name: 'list for a map', text: edit(BASE, /      ssh:\n[\s\S]*?keyPath: ~\/.ssh\/id_rsa\n/, '      ssh: [10.0.0.1, root]\n'), code: 'invalid-type', severity: 'error', path: 'spec.hosts[0].ssh', at: ['[10.0.0.1'] },
  { name: 'yes for a boolean', text: edit(BASE, 'enabled: true', 'enabled: yes'), code: 'invalid-type', severity: 'error', path: 'spec.network.providers[0].enabled', at: ['yes'] },
  { name: 'number in a string map (extraConfig)', text: edit(BASE, '          cidrV4: 192.168.0.0/16\n', '          cidrV4: 192.168.0.0/16\n          vxlanPort: 4789\n'), code: 'invalid-type', severity: 'error', path: 'spec.network.providers[0].extraConfig.vxlanPort', at: ['4789'] },
  { name: 'spec is a list', text: edit(BASE, /spec:\n[\s\S]*$/, 'spec: []\n'), code: 'invalid-type', severity: 'error', path: 'spec', at: ['[]'] },
  { name: 'hosts is null', text: edit(BASE, /  hosts:\n[\s\S]*?(?=  network:)/, '  hosts:\n'), code: 'invalid-type', severity: 'error', path: 'spec.hosts', at: ['hosts:'] },
  // enums
  { name: 'kubeProxy.mode', text: edit(BASE, 'mode: iptables', 'mode: ebpf'), code: 'invalid-enum', severity: 'error', path: 'spec.network.kubeProxy.mode', at: ['ebpf'] },
  { name: 'unknown role', text: edit(BASE, 'role: controller+worker', 'role: manager'), code: 'invalid-enum', severity: 'error', path: 'spec.hosts[0].role', at: ['manager'] },
  { name: 'backup storage type', text: addSection(BASE, '  backup:\n    storage_provider:\n      type: S3\n'), code: 'invalid-enum', severity: 'error', path: 'spec.backup.storage_provider.type', at: ['S3'] },
  { name: 'CNI provider name', text: edit(BASE, 'provider: custom', 'provider: flannel'), code: 'invalid-enum', severity: 'error', path: 'spec.network.providers[1].provider', at: ['flannel'] },
  // CIDRs and addresses
  { name: 'serviceCIDR prefix > 32', text: edit(BASE, 'serviceCIDR: 10.96.0.0/16', 'serviceCIDR: 10.96.0.0/33'), code: 'invalid-cidr', severity: 'error', path: 'spec.network.serviceCIDR', at: ['10.96.0.0/33'] },
  { name: 'serviceCIDR short form', text: edit(BASE, 'serviceCIDR: 10.96.0.0/16', 'serviceCIDR: 10.96/16'), code: 'invalid-cidr', severity: 'error', path: 'spec.network.serviceCIDR', at: ['10.96/16'] },
  { name: 'pod CIDR (cidrV4) not a CIDR', text: edit(BASE, 'cidrV4: 192.168.0.0/16', 'cidrV4: 192.168.0/16'), code: 'invalid-cidr', severity: 'error', path: 'spec.network.providers[0].extraConfig.cidrV4', at: ['192.168.0/16'] },
  { name: 'pod and service CIDR overlap', text: edit(BASE, 'cidrV4: 192.168.0.0/16', 'cidrV4: 10.96.0.0/12'), code: 'cidr-overlap', severity: 'error', path: 'spec.network.serviceCIDR', at: ['10.96.0.0/16'] },
  { name: 'one host address inside the pod CIDR', text: edit(BASE, 'address: 10.0.0.1', 'address: 192.168.3.4'), code: 'cidr-overlap', severity: 'error', path: 'spec.hosts[0].ssh.address', at: ['192.168.3.4'] },
  { name: 'host privateAddress inside the service CIDR', text: withHosts(host('controller+worker', '203.0.113.5', '      privateAddress: 10.96.1.1\n')), code: 'cidr-overlap', severity: 'error', path: 'spec.hosts[0].privateAddress', at: ['10.96.1.1'] },
  { name: 'IP with an octet > 255', text: edit(BASE, 'address: 10.0.0.1', 'address: 10.0.0.300'), code: 'invalid-address', severity: 'error', path: 'spec.hosts[0].ssh.address', at: ['10.0.0.300'] },
  { name: 'privateAddress not an IP', text: withHosts(host('controller+worker', '10.0.0.1', '      privateAddress: node-a.local\n')), code: 'invalid-address', severity: 'error', path: 'spec.hosts[0].privateAddress', at: ['node-a.local'] },
  { name: 'externalAddress with a space', text: addSection(BASE, '  apiServer:\n    externalAddress: "lb example.com"\n'), code: 'invalid-address', severity: 'error', path: 'spec.apiServer.externalAddress', at: ['"lb example'] },
  // ports
  { name: 'ssh port out of range', text: edit(BASE, 'port: 22', 'port: 70000'), code: 'invalid-port', severity: 'error', path: 'spec.hosts[0].ssh.port', at: ['70000'] },
  { name: 'gateway node port outside nodePortRange', text: addSection(BASE, '  gatewayMKEIngress:\n    nodePorts:\n      http: 30080\n'), code: 'node-port-range', severity: 'error', path: 'spec.gatewayMKEIngress.nodePorts.http', at: ['30080'] },
  { name: 'default gateway ports outside a narrowed nodePortRange', text: edit(BASE, 'nodePortRange: 32768-35535', 'nodePortRange: 30000-32767'), code: 'node-port-range', severity: 'error', path: 'spec.network.nodePortRange', at: ['30000-32767'] },
  { name: 'reversed nodePortRange', text: edit(BASE, 'nodePortRange: 32768-35535', 'nodePortRange: 35535-32768'), code: 'node-port-range', severity: 'error', path: 'spec.network.nodePortRange', at: ['35535-32768'] },
  { name: 'ingress node port collides with the 4.1.3 gateway default', text: addSection(version(BASE, '4.1.3'), '  ingressController:\n    enabled: true\n    nodePorts:\n      http: 33000\n      https: 33005\n'), code: 'node-port-collision', severity: 'error', path: 'spec.ingressController.nodePorts.http', at: ['33000'] },
  // unknown keys and header
  { name: 'misspelt section (warning, did you mean)', text: addSection(BASE, '  ingresController:\n    enabled: true\n'), code: 'unknown-key', severity: 'warning', path: 'spec.ingresController', at: ['ingresController'] },
  { name: 'wrong-case key (serviceCidr)', text: edit(BASE, '    serviceCIDR:', '    serviceCidr:'), code: 'unknown-key', severity: 'warning', path: 'spec.network.serviceCidr', at: ['serviceCidr'] },
  { name: 'unknown top-level key', text: BASE + 'status: {}\n', code: 'unknown-top-level-key', severity: 'error', path: 'status', at: ['status'] },
  { name: 'apiVersion', text: edit(BASE, 'mke.mirantis.com/v1alpha1', 'mke.mirantis.com/v1'), code: 'header-api-version', severity: 'error', path: 'apiVersion', at: ['mke.mirantis.com/v1'] },
  { name: 'kind', text: edit(BASE, 'kind: MkeConfig', 'kind: ClusterConfig'), code: 'header-kind', severity: 'error', path: 'kind', at: ['ClusterConfig'] },
  { name: 'namespace other than mke', text: edit(BASE, 'namespace: mke', 'namespace: default'), code: 'header-namespace', severity: 'error', path: 'metadata.namespace', at: ['default'] },
  { name: 'namespace missing (warning at metadata)', text: edit(BASE, '  namespace: mke\n', ''), code: 'header-namespace', severity: 'warning', path: 'metadata.namespace', at: ['metadata:'] },
  { name: 'name not DNS-1123', text: edit(BASE, '  name: mke', '  name: My_Cluster'), code: 'header-name', severity: 'error', path: 'metadata.name', at: ['My_Cluster'] },
  { name: 'unsupported version', text: edit(BASE, 'version: v4.2.0', 'version: v4.3.0'), code: 'unsupported-version', severity: 'error', path: 'spec.version', at: ['v4.3.0'] },
  { name: 'invalid version', text: edit(BASE, 'version: v4.2.0', 'version: latest'), code: 'invalid-version', severity: 'error', path: 'spec.version', at: ['latest'] },
  { name: 'missing version, newest assumed', text: edit(BASE, '  version: v4.2.0\n', ''), code: 'version-inferred', severity: 'warning', path: 'spec.version', at: ['spec:'] },
  // hosts and roles
  { name: 'role controller', text: edit(BASE, 'role: controller+worker', 'role: controller'), code: 'role-controller', severity: 'error', path: 'spec.hosts[0].role', at: ['controller'] },
  { name: 'single not alone', text: withHosts(host('single', '10.0.0.1') + host('worker', '10.0.0.2')), code: 'single-not-alone', severity: 'error', path: 'spec.hosts[0].role', at: ['single'] },
  { name: 'no controller (one worker)', text: withHosts(host('worker', '10.0.0.1')), code: 'no-controller', severity: 'error', path: 'spec.hosts', at: ['- role'] },
  { name: 'no hosts', text: edit(BASE, /  hosts:\n[\s\S]*?(?=  network:)/, '  hosts: []\n'), code: 'no-hosts', severity: 'error', path: 'spec.hosts', at: ['[]'] },
  { name: 'duplicate ssh address', text: withHosts(host('controller+worker', '10.0.0.1') + host('worker', '10.0.0.1')), code: 'duplicate-host-address', severity: 'error', path: 'spec.hosts[1].ssh.address', at: ['10.0.0.1', 1] },
  { name: 'duplicate hostname (case-insensitive)', text: withHosts(host('controller+worker', '10.0.0.1', '      hostname: node-a\n') + host('worker', '10.0.0.2', '      hostname: Node-A\n')), code: 'duplicate-hostname', severity: 'error', path: 'spec.hosts[1].hostname', at: ['Node-A'] },
  { name: 'duplicate privateAddress', text: withHosts(host('controller+worker', '10.0.0.1', '      privateAddress: 172.16.0.1\n') + host('worker', '10.0.0.2', '      privateAddress: 172.16.0.1\n')), code: 'duplicate-private-address', severity: 'error', path: 'spec.hosts[1].privateAddress', at: ['172.16.0.1', 1] },
  { name: 'even controller count', text: addSection(withHosts(host('controller+worker', '10.0.0.1') + host('controller+worker', '10.0.0.2')), '  apiServer:\n    externalAddress: lb.example.com\n'), code: 'even-controller-count', severity: 'warning', path: 'spec.hosts', at: ['- role'] },
  { name: 'noTaints on a worker', text: withHosts(host('controller+worker', '10.0.0.1') + host('worker', '10.0.0.2', '      noTaints: true\n')), code: 'no-taints-role', severity: 'error', path: 'spec.hosts[1].noTaints', at: ['true'] },
  { name: 'noTaints on the one single host', text: withHosts(host('single', '10.0.0.1', '      noTaints: true\n')), code: 'no-taints-role', severity: 'error', path: 'spec.hosts[0].noTaints', at: ['true'] },
  { name: 'unbalanced quotes in installFlags (one host)', text: withHosts(host('controller+worker', '10.0.0.1', '      installFlags:\n        - --debug\n        - "--labels=\\"a=b"\n')), code: 'install-flag-quotes', severity: 'error', path: 'spec.hosts[0].installFlags[1]', at: ['"--labels'] },
  { name: 'two --profile flags (one host)', text: withHosts(host('controller+worker', '10.0.0.1', '      installFlags:\n        - --profile=a\n        - --profile=b\n')), code: 'install-flag-profile', severity: 'error', path: 'spec.hosts[0].installFlags[1]', at: ['--profile=b'] },
  { name: 'host without connection block (one host)', text: withHosts('    - role: controller+worker\n'), code: 'required', severity: 'error', path: 'spec.hosts[0]', at: ['role: controller'] },
  // API address and load balancing
  { name: 'externalAddress with port', text: addSection(BASE, '  apiServer:\n    externalAddress: lb.example.com:6443\n'), code: 'external-address-port', severity: 'error', path: 'spec.apiServer.externalAddress', at: ['lb.example.com:6443'] },
  { name: 'externalAddress with scheme', text: addSection(BASE, '  apiServer:\n    externalAddress: https://lb.example.com\n'), code: 'external-address-port', severity: 'error', path: 'spec.apiServer.externalAddress', at: ['https://'] },
  { name: '3 controllers without externalAddress', text: twoControllers, code: 'external-address-missing', severity: 'warning', path: 'spec.apiServer.externalAddress', at: ['spec:'] },
  { name: 'NLLB with externalAddress', text: addNetwork(addSection(version(BASE, '4.1.2'), '  apiServer:\n    externalAddress: lb.example.com\n'), '    nllb:\n      disabled: false\n'), code: 'nllb-external-address', severity: 'error', path: 'spec.network.nllb.disabled', at: ['false'] },
  { name: 'NLLB with a single host', text: addNetwork(withHosts(host('single', '10.0.0.1'), version(BASE, '4.1.2')), '    nllb:\n      disabled: false\n'), code: 'nllb-single', severity: 'error', path: 'spec.network.nllb.disabled', at: ['false'] },
  { name: 'CPLB (4.2) with a single host', text: addNetwork(withHosts(host('single', '10.0.0.1')), '    controlPlaneLoadBalancing:\n      enabled: true\n'), code: 'cplb-single', severity: 'error', path: 'spec.network.controlPlaneLoadBalancing', at: ['enabled: true'] },
  { name: 'CPLB (4.0 shape) authPass > 8', text: cplb40('abcdefghij'), code: 'cplb-auth-pass', severity: 'error', path: 'spec.network.cplb.controlPlaneLoadBalancing.keepalived.vrrpInstances[0].authPass', at: ['abcdefghij'] },
  // CNI
  { name: 'calico values.yaml first key on 4.1.1 (error)', text: calicoValues('4.1.1', 'installation:\n  enabled: true\nkubeletVolumePluginPath: /var/lib/k0s/kubelet'), code: 'calico-values', severity: 'error', path: 'spec.network.providers[0].extraConfig["values.yaml"]', at: ['|'] },
  { name: 'calico values.yaml path differs from kubelet root on 4.1.2 (warning)', text: calicoValues('4.1.2', 'kubeletVolumePluginPath: /var/lib/k0s/kubelet'), code: 'calico-values', severity: 'warning', path: 'spec.network.providers[0].extraConfig["values.yaml"]', at: ['|'] },
  { name: 'cilium enabled', text: ciliumOn, code: 'cni-cilium', severity: 'error', path: 'spec.network.providers[1].provider', at: ['cilium'] },
  { name: 'kuberouter on 4.2', text: edit(BASE, 'provider: calico', 'provider: kuberouter'), code: 'cni-kuberouter-deprecated', severity: 'warning', path: 'spec.network.providers[0].provider', at: ['kuberouter'] },
  { name: 'two CNI providers enabled', text: edit(BASE, 'provider: custom\n        enabled: false', 'provider: custom\n        enabled: true'), code: 'cni-count', severity: 'error', path: 'spec.network.providers[1].enabled', at: ['true', 1] },
  { name: 'no CNI provider enabled', text: edit(BASE, 'provider: calico\n        enabled: true', 'provider: calico\n        enabled: false'), code: 'cni-count', severity: 'error', path: 'spec.network.providers', at: ['- provider: calico'] },
  // registries and services
  { name: 'chart registry not oci://', text: addSection(BASE, '  registries:\n    chartRegistry:\n      url: https://charts.example.com\n'), code: 'registry-url', severity: 'error', path: 'spec.registries.chartRegistry.url', at: ['https://charts'] },
  { name: 'chart registry trailing slash', text: addSection(BASE, '  registries:\n    chartRegistry:\n      url: oci://registry.example.com/mke/\n'), code: 'registry-url', severity: 'error', path: 'spec.registries.chartRegistry.url', at: ['oci://'] },
  { name: 'NodeLocalDNS with ipvs', text: addSection(edit(BASE, 'mode: iptables', 'mode: ipvs'), '  nodeLocalDNS:\n    enabled: true\n'), code: 'node-local-dns', severity: 'error', path: 'spec.nodeLocalDNS.enabled', at: ['true'] },
  // hostile text (issue 13)
  { name: 'kubelet.extraArgs value with a space and $(…)', text: addSection(BASE, '  kubelet:\n    extraArgs:\n      v: "2 $(reboot)"\n'), code: 'unsafe-flag', severity: 'error', path: 'spec.kubelet.extraArgs.v', at: ['"2 $(reboot)"'] },
  { name: 'image registry URL with a password', text: addSection(BASE, '  registries:\n    imageRegistry:\n      url: robot:pw@registry.example.com/mke\n'), code: 'secret-in-url', severity: 'error', path: 'spec.registries.imageRegistry.url', at: ['robot:'] },
  { name: 'a licence token in clear (warning)', text: addSection(BASE, '  license:\n    token: eyJhbGciOi\n'), code: 'secret-plaintext', severity: 'warning', path: 'spec.license.token', at: ['eyJhbGciOi'] },
  { name: 'an ssh port of .inf', text: edit(BASE, 'port: 22', 'port: .inf'), code: 'invalid-type', severity: 'error', path: 'spec.hosts[0].ssh.port', at: ['.inf'] },
  {
    name: 'NodeLocalDNS with a non-calico CNI',
    text: addSection(edit(edit(BASE, 'provider: custom\n        enabled: false', 'provider: custom\n        enabled: true'), 'provider: calico\n        enabled: true', 'provider: calico\n        enabled: false'), '  nodeLocalDNS:\n    enabled: true\n'),
    code: 'node-local-dns',
    severity: 'error',
    path: 'spec.nodeLocalDNS.enabled',
    at: ['true'],
  },
];

describe('bad inputs: exact diagnostic per input', () => {
  test('there are at least 45 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = load(c.text);
    const where = 'line' in c.at ? c.at : pos(c.text, c.at[0], c.at[1] ?? 0);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: c.code, severity: c.severity, path: c.path, file: 'bad.yaml', line: where.line, col: where.col }));
    // An error means no config; a warning alone still loads.
    if (c.severity === 'error') expect(result.config).toBeUndefined();
    else expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const d of result.diagnostics) expect(DIAGNOSTIC_CODES).toContain(d.code);
  });
});

describe('details that the table does not show', () => {
  test('the valid base loads without diagnostics', () => {
    const result = load(BASE);
    expect(result.diagnostics).toEqual([]);
    expect(result.config?.release).toBe('4.2.0');
  });

  test('"did you mean" hints name the real key', () => {
    expect(find(load(addSection(BASE, '  ingresController:\n    enabled: true\n')), 'unknown-key')[0].hint).toContain('"ingressController"');
    expect(find(load(edit(BASE, '    serviceCIDR:', '    serviceCidr:')), 'unknown-key')[0].hint).toContain('"serviceCIDR"');
    // Short keys get no guess: two edits turn any 2-letter key into another.
    expect(find(load(addSection(BASE, '  xy: 1\n')), 'unknown-key')[0].hint).not.toContain('did you mean');
  });

  test('--strict turns an unknown-key warning into an error and refuses the file', () => {
    const text = addSection(BASE, '  ingresController:\n    enabled: true\n');
    expect(load(text).config).toBeDefined();
    const strict = load(text, true);
    expect(strict.config).toBeUndefined();
    expect(strict.diagnostics).toEqual([expect.objectContaining({ code: 'unknown-key', severity: 'error', ...pos(text, 'ingresController') })]);
  });

  test('a missing version with 4.0-only keys is read as 4.0', () => {
    const text = edit(edit(BASE, '  version: v4.2.0\n', ''), '          cidrV4: 192.168.0.0/16\n', '          clusterCIDRIPv4: 192.168.0.0/16\n          deployWithOperator: "false"\n');
    const result = load(text);
    expect(result.config?.release).toBe('4.0.1');
    expect(find(result, 'version-inferred')[0]).toMatchObject({ severity: 'warning', message: expect.stringContaining('4.0-only keys') });
  });

  test('role controller hints controller+worker', () => {
    expect(find(load(edit(BASE, 'role: controller+worker', 'role: controller')), 'role-controller')[0].hint).toContain('controller+worker');
  });

  test('cilium enabled hints custom', () => {
    expect(find(load(ciliumOn), 'cni-cilium')[0].hint).toContain('custom');
  });

  test('calico values.yaml with the right first key is fine on 4.1.1, and on 4.1.2 with the kubelet root dir', () => {
    expect(load(calicoValues('4.1.1', 'kubeletVolumePluginPath: /var/lib/k0s/kubelet\ninstallation:\n  enabled: true')).diagnostics).toEqual([]);
    expect(load(calicoValues('4.1.2', 'kubeletVolumePluginPath: /var/lib/kubelet')).diagnostics).toEqual([]);
  });

  test('CPLB authPass of exactly 8 characters is fine; 4.2 shape with 9 is an error', () => {
    expect(load(cplb40('abcdefgh')).diagnostics.filter((d) => d.code === 'cplb-auth-pass')).toEqual([]);
    const text = addNetwork(BASE, '    controlPlaneLoadBalancing:\n      enabled: true\n      keepalived:\n        vrrpInstances:\n          - virtualIPs: [10.0.0.100/24]\n            authPass: abcdefghi\n');
    expect(find(load(text), 'cplb-auth-pass')[0]).toMatchObject({ path: 'spec.network.controlPlaneLoadBalancing.keepalived.vrrpInstances[0].authPass', ...pos(text, 'abcdefghi') });
  });

  test('both 4.1.3 gateway defaults collide with explicit ingress ports: two errors, at the ingress ports', () => {
    const text = addSection(version(BASE, '4.1.3'), '  ingressController:\n    enabled: true\n    nodePorts:\n      http: 33000\n      https: 33001\n');
    const found = find(load(text), 'node-port-collision');
    expect(found.map((d) => [d.path, d.line, d.col])).toEqual([
      ['spec.ingressController.nodePorts.http', pos(text, '33000').line, pos(text, '33000').col],
      ['spec.ingressController.nodePorts.https', pos(text, '33001').line, pos(text, '33001').col],
    ]);
  });

  test('ingress on 33000 before 4.1.3 collides with nothing (no gateway yet)', () => {
    const text = addSection(version(BASE, '4.1.2'), '  ingressController:\n    enabled: true\n    nodePorts:\n      http: 33000\n      https: 33001\n');
    expect(load(text).diagnostics.filter((d) => d.code === 'node-port-collision')).toEqual([]);
  });

  test('per-host rules also run for the second of two hosts and for a lone host (STYLE 8)', () => {
    const flags = '      installFlags:\n        - --profile=a\n        - --profile=b\n';
    const two = withHosts(host('controller+worker', '10.0.0.1') + host('worker', '10.0.0.2', flags));
    expect(find(load(two), 'install-flag-profile')[0]).toMatchObject({ path: 'spec.hosts[1].installFlags[1]' });
    const one = withHosts(host('single', '10.0.0.1', flags));
    expect(find(load(one), 'install-flag-profile')[0]).toMatchObject({ path: 'spec.hosts[0].installFlags[1]' });
    // One host inside the service CIDR:
    const lone = withHosts(host('single', '10.96.0.10'));
    expect(find(load(lone), 'cidr-overlap')[0]).toMatchObject({ path: 'spec.hosts[0].ssh.address', ...pos(lone, '10.96.0.10') });
  });

  test('collect everything: five different problems in one file give five diagnostics', () => {
    let text = edit(BASE, 'mode: iptables', 'mode: ebpf');
    text = edit(text, 'port: 22', 'port: 0');
    text = edit(text, 'serviceCIDR: 10.96.0.0/16', 'serviceCIDR: nope');
    text = addSection(text, '  ingresController: {}\n');
    text = edit(text, 'role: controller+worker', 'role: controller');
    const result = load(text);
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.map((d) => ({ code: d.code, path: d.path, line: d.line, col: d.col }))).toEqual([
      { code: 'role-controller', path: 'spec.hosts[0].role', ...pos(text, 'controller') },
      { code: 'invalid-port', path: 'spec.hosts[0].ssh.port', ...pos(text, '0\n', 0) && pos(text, 'port: 0'), col: pos(text, 'port: 0').col + 'port: '.length },
      { code: 'unknown-key', path: 'spec.ingresController', ...pos(text, 'ingresController') },
      { code: 'invalid-cidr', path: 'spec.network.serviceCIDR', ...pos(text, 'nope') },
      { code: 'invalid-enum', path: 'spec.network.kubeProxy.mode', ...pos(text, 'ebpf') },
    ]);
  });

  test('a rule finding on a value the schema rejected is not reported twice', () => {
    // The bad serviceCIDR is replaced by the default (10.96.0.0/16) to run the rules; that stand-in
    // overlaps this pod CIDR, but no rule may report on the stand-in.
    const text = edit(edit(BASE, 'serviceCIDR: 10.96.0.0/16', 'serviceCIDR: nope'), 'cidrV4: 192.168.0.0/16', 'cidrV4: 10.96.0.0/12');
    expect(load(text).diagnostics.map((d) => d.code)).toEqual(['invalid-cidr']);
  });

  test('diagnostics are sorted by position', () => {
    const text = edit(edit(BASE, 'mode: iptables', 'mode: ebpf'), 'port: 22', 'port: 0');
    const lines = load(text).diagnostics.map((d) => d.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  test('yes for a boolean hints true/false, a quoted number hints removing the quotes, a word gets no hint', () => {
    expect(find(load(edit(BASE, 'enabled: true', 'enabled: yes')), 'invalid-type')[0].hint).toContain('true or false');
    expect(find(load(edit(BASE, 'port: 22', 'port: "22"')), 'invalid-type')[0].hint).toContain('remove the quotes');
    expect(find(load(edit(BASE, 'port: 22', 'port: twenty-two')), 'invalid-type')[0].hint).toBeUndefined();
  });

  test('keys named like Object.prototype members do not crash the loader', () => {
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const text = addNetwork(BASE, `    ${key}: x\n`);
      const result = load(text);
      expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'unknown-key', path: `spec.network.${key}`, ...pos(text, key) })]);
    }
  });

  test('a trailing --- (empty second document) is not a second document', () => {
    expect(load(BASE + '---\n').diagnostics).toEqual([]);
    expect(load('---\n' + BASE + '...\n').diagnostics).toEqual([]);
  });

  test('the missing metadata block is one diagnostic, not two', () => {
    const text = edit(BASE, 'metadata:\n  name: mke\n  namespace: mke\n', '');
    expect(load(text).diagnostics.map((d) => [d.code, d.path])).toEqual([['required', 'metadata']]);
  });
});

describe('host count bounds', () => {
  const hosts = (n: number) => host('controller+worker', '10.0.0.1') + Array.from({ length: n - 1 }, (_, i) => host('worker', `10.1.${(i >> 8) & 255}.${i & 255}`)).join('');
  const codes = (text: string) => load(text).diagnostics.map((d) => [d.code, d.severity, d.path, d.line]);
  test('5,000 hosts (Kubernetes’ documented maximum) load without a host-count diagnostic', () => {
    expect(codes(withHosts(hosts(5000))).filter(([c]) => c === 'hosts-beyond-kubernetes-limit' || c === 'too-many-hosts')).toEqual([]);
  });
  test('5,001 hosts: a warning citing Kubernetes’ 5,000-node limit, at spec.hosts; the config still loads', () => {
    const result = load(withHosts(hosts(5001)));
    expect(result.config?.spec.hosts).toHaveLength(5001);
    const found = result.diagnostics.filter((d) => d.code === 'hosts-beyond-kubernetes-limit');
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', path: 'spec.hosts', message: expect.stringContaining('5,001 hosts; Kubernetes supports clusters of up to 5,000 nodes (kubernetes.io/docs/setup/best-practices/cluster-large)') })]);
  });
  test('10,001 hosts: too-many-hosts error before the schema (nothing else about the hosts)', () => {
    const result = load(withHosts(hosts(10_001)));
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['too-many-hosts', 'error', 'spec.hosts']]);
    expect(result.diagnostics[0].message).toBe('10,001 hosts; at most 10,000 are supported');
  });
});
