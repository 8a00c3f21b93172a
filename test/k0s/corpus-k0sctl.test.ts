import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { renderCluster } from '../../lib/cluster';
import { corpusFiles, describeShared, HAVE_SHARED, snapshotNames } from '../corpus';
import { clusterFromFile, k0sctlOf } from './build';
import { clusterConfigCrd, errorsOf, expandPlaceholders, ourSchemas, rigSshSchema } from './schemas';

if (!HAVE_SHARED) {
  // The corpus snapshots stay: the same tests, registered as skipped (see snapshotNames).
  const names = snapshotNames(join(__dirname, '__snapshots__', 'corpus-k0sctl.test.ts.snap'), 'k0sctl.yaml from every real mke4.yaml ', ' synthesizes a k0sctl.yaml (snapshot)');
  describe('k0sctl.yaml from every real mke4.yaml', () => {
    test.skip.each(names)('%s synthesizes a k0sctl.yaml (snapshot)', () => undefined);
  });
}

describeShared('k0sctl.yaml from every real mke4.yaml', () => {
  const files = corpusFiles('mke4').map((f) => [basename(f), f] as const);

  test.each(files)('%s synthesizes a k0sctl.yaml (snapshot)', (_name, file) => {
    const text = renderCluster(clusterFromFile(file)).files.find((f) => f.path === 'k0sctl.yaml')?.content;
    expect(text).toMatchSnapshot();
  });

  test.each(files)('%s: k0sctl Cluster validates against imports/schemas (strict)', (_name, file) => {
    const { k0sctl } = ourSchemas();
    const doc = parse(renderCluster(clusterFromFile(file)).files[0].content, { version: '1.1' }) as unknown;
    expect(k0sctl(doc) ? [] : errorsOf(k0sctl)).toEqual([]);
  });

  test.each(files)('%s: spec.k0s.config validates against the upstream k0s CRD of its version', (_name, file) => {
    const doc = k0sctlOf(clusterFromFile(file));
    const validate = clusterConfigCrd(doc.spec.k0s.version);
    expect(validate(expandPlaceholders(doc.spec.k0s.config)) ? [] : errorsOf(validate)).toEqual([]);
  });

  test.each(files)('%s: every ssh block validates against rig v2.1.1 ssh.json', (_name, file) => {
    const validate = rigSshSchema();
    for (const host of k0sctlOf(clusterFromFile(file)).spec.hosts) {
      if (host.ssh) expect(validate(host.ssh) ? [] : errorsOf(validate)).toEqual([]);
    }
  });

  test.each(files)('%s: synthesis is deterministic', (_name, file) => {
    expect(renderCluster(clusterFromFile(file)).files[0].content).toBe(renderCluster(clusterFromFile(file)).files[0].content);
  });
});

describeShared('k0sctl.yaml field by field', () => {
  const file = (name: string) => corpusFiles('mke4').find((f) => f.endsWith(name)) as string;

  test('terraform-openstack-4.1.3: 3+2 hosts behind a bastion, Tigera + kcm charts on k0s 1.32.11', () => {
    const doc = k0sctlOf(clusterFromFile(file('terraform-openstack-4.1.3.yaml')));
    expect(doc.metadata.name).toBe('lab413');
    expect(doc.spec.k0s.version).toBe('v1.32.11+k0s.0');
    const hosts = doc.spec.hosts;
    expect(hosts.map((h) => h.role)).toEqual(['controller+worker', 'controller+worker', 'controller+worker', 'worker', 'worker']);
    expect(hosts[0].ssh?.bastion).toEqual({ address: '198.51.100.10', user: 'ubuntu', port: 22, keyPath: './ssh/lab413.pem' });
    expect(hosts[0]).toMatchObject({ privateInterface: 'eth0', privateAddress: '10.0.0.11', hostname: 'lab413-controller-1', kubeletRootDir: '/var/lib/kubelet' });
    expect(hosts[0].installFlags).toEqual(['--debug=true', '--profile=mke-default-manager']);
    expect(hosts[3].installFlags).toEqual(['--debug=true', '--profile=mke-default-worker']);
    const spec = doc.spec.k0s.config.spec;
    expect(spec.api?.externalAddress).toBe('mke.lab413.example.com');
    expect(spec.api?.sans).toEqual(['mke.lab413.example.com']);
    expect(spec.api?.extraArgs).toEqual({ 'request-timeout': '1m0s', 'service-node-port-range': '32768-35535' });
    expect(spec.network).toMatchObject({ provider: 'custom', podCIDR: '192.168.0.0/16', serviceCIDR: '10.96.0.0/16', kubeProxy: { mode: 'iptables' } });
    expect(spec.workerProfiles?.map((p) => p.name)).toEqual(['mke-default-manager', 'mke-default-worker']);
    expect(spec.workerProfiles?.[0].values).toMatchObject({ kubeReserved: { cpu: '250m', 'ephemeral-storage': '4Gi', memory: '2Gi' }, maxPods: 110 });
    expect(spec.extensions?.helm?.charts.map((c) => [c.name, c.namespace, c.order])).toEqual([['tigera-operator', 'tigera-operator', 10], ['kcm', 'k0rdent', 20]]);
    expect(spec.extensions?.helm?.charts[1]).toMatchObject({ chartname: 'oci://registry.mirantis.com/k0rdent-enterprise/charts/k0rdent-enterprise', version: '1.2.3', values: 'k0rdent-ui:\n  enabled: false\n' });
    expect(spec.extensions?.helm?.repositories?.every((r) => r.insecure === false)).toBe(true);
  });

  test('terraform-cplb-4.0.0: k0s built-in calico, CPLB with VIP in SANs, explicit private addresses, no kcm', () => {
    const cluster = clusterFromFile(file('terraform-cplb-4.0.0.yaml'));
    const doc = k0sctlOf(cluster);
    expect(doc.spec.k0s.version).toBe('v1.31.1+k0s.1');
    expect(doc.spec.hosts.map((h) => h.privateAddress)).toEqual(['192.0.2.11', '192.0.2.12', '192.0.2.13', '192.0.2.21', '192.0.2.22']);
    expect(doc.spec.hosts.every((h) => h.kubeletRootDir === undefined)).toBe(true);
    const net = doc.spec.k0s.config.spec.network;
    expect(net.provider).toBe('calico');
    expect(net.calico).toEqual({
      mode: 'vxlan',
      overlay: 'Always',
      vxlanPort: 4789,
      vxlanVNI: 10000,
      wireguard: false,
      envVars: { CALICO_DISABLE_FILE_LOGGING: 'true', CALICO_STARTUP_LOGLEVEL: 'DEBUG', FELIX_LOGSEVERITYSCREEN: 'DEBUG' },
    });
    expect(net.controlPlaneLoadBalancing).toEqual({
      enabled: true,
      type: 'Keepalived',
      keepalived: { vrrpInstances: [{ virtualIPs: ['192.0.2.100/24'], authPass: '${MKE_NETWORK_CPLB_CONTROL_PLANE_LOAD_BALANCING_KEEPALIVED_VRRP_INSTANCES_0_AUTH_PASS}' }] },
    });
    expect(doc.spec.k0s.config.spec.api?.sans).toEqual(['192.0.2.100']);
    expect(doc.spec.k0s.config.spec.extensions).toBeUndefined();
    expect([...cluster.secretVariables.keys()]).toContain('MKE_NETWORK_CPLB_CONTROL_PLANE_LOAD_BALANCING_KEEPALIVED_VRRP_INSTANCES_0_AUTH_PASS');
    expect(JSON.stringify(doc)).not.toContain('"test"');
  });

  test('docs-cni-values-4.1: a single host, the verbatim Tigera values.yaml, kubelet root dir not written before 4.1.2', () => {
    const doc = k0sctlOf(clusterFromFile(file('docs-cni-values-4.1.yaml')));
    expect(doc.spec.hosts).toHaveLength(1);
    expect(doc.spec.hosts[0]).toMatchObject({ role: 'single', ssh: { address: '192.0.2.40' } });
    expect(doc.spec.k0s.version).toBe('v1.32.3+k0s.0');
    const spec = doc.spec.k0s.config.spec;
    expect(spec.network).toMatchObject({ provider: 'custom', podCIDR: '192.168.0.0/15' });
    const values = parse(spec.extensions?.helm?.charts[0].values ?? '') as Record<string, unknown>;
    expect(Object.keys(values)[0]).toBe('kubeletVolumePluginPath');
    expect(values.kubeletVolumePluginPath).toBe('/var/lib/k0s/kubelet');
    expect(spec.extensions?.helm?.charts[1]).toMatchObject({ name: 'kcm', version: '0.2.0-alpha4' });
  });

  test('terraform-mke-tmpl-4.2.0: k0s 1.35.4, two SANs, custom CIDRs, Calico control plane on controllers', () => {
    const doc = k0sctlOf(clusterFromFile(file('terraform-mke-tmpl-4.2.0.yaml')));
    expect(doc.spec.k0s.version).toBe('v1.35.4+k0s.0');
    expect(doc.spec.hosts.map((h) => [h.role, h.privateInterface, h.privateAddress])).toEqual([
      ['controller+worker', 'ens5', undefined], ['controller+worker', 'ens5', undefined], ['controller+worker', 'ens5', undefined],
      ['worker', 'ens5', undefined], ['worker', 'ens5', undefined],
    ]);
    const spec = doc.spec.k0s.config.spec;
    expect(spec.api).toMatchObject({ externalAddress: 'mke4.lab.example.com', sans: ['mke4.lab.example.com', 'lb.mke4.lab.example.com'] });
    expect(spec.network).toMatchObject({ provider: 'custom', podCIDR: '10.42.0.0/16', serviceCIDR: '10.97.0.0/16' });
    expect(spec.network.controlPlaneLoadBalancing).toBeUndefined();
    const values = parse(spec.extensions?.helm?.charts[0].values ?? '') as { installation: { controlPlaneNodeSelector?: unknown; calicoNetwork: { ipPools: { cidr: string }[] } } };
    expect(values.installation.calicoNetwork.ipPools[0].cidr).toBe('10.42.0.0/16');
    expect(values.installation.controlPlaneNodeSelector).toEqual({ 'node-role.kubernetes.io/control-plane': 'true' });
    expect(spec.extensions?.helm?.charts[1]).toMatchObject({ name: 'kcm', version: '1.3.2' });
  });

  test('terraform-minimal-4.0: no version → 4.0, nulls and empty knobs of kube-proxy left out, telemetry from tracking', () => {
    const doc = k0sctlOf(clusterFromFile(file('terraform-minimal-4.0.yaml')));
    expect(doc.spec.k0s.version).toBe('v1.31.1+k0s.1');
    expect(doc.spec.hosts.map((h) => h.role)).toEqual(['controller+worker', 'worker']);
    const spec = doc.spec.k0s.config.spec;
    expect(spec.network.kubeProxy?.iptables).toEqual({ masqueradeAll: false, syncPeriod: '0s', minSyncPeriod: '0s' });
    expect(spec.network.kubeProxy?.nodePortAddresses).toBeUndefined();
    expect(spec.telemetry).toEqual({ enabled: true });
    expect(spec.storage).toEqual({ type: 'etcd' });
  });

  test('conformance-4.1.0: public AWS addresses are not guessed as private addresses; nodePortRange reaches the API server', () => {
    const doc = k0sctlOf(clusterFromFile(file('conformance-4.1.0.yaml')));
    expect(doc.spec.hosts.map((h) => h.privateAddress)).toEqual([undefined, undefined, undefined, undefined]);
    expect(doc.spec.k0s.config.spec.api?.extraArgs?.['service-node-port-range']).toBe('30000-32767');
    expect(doc.spec.k0s.config.spec.telemetry).toEqual({ enabled: true });
  });
});
