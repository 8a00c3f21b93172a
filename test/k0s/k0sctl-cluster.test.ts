import fc from 'fast-check';
import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { MkeCluster } from '../../lib/cluster';
import { K0sctlCluster, K0sctlClusterProps } from '../../lib/k0s/k0sctl-cluster';
import { renderCluster } from '../../lib/cluster';
import type { K0sctlHost } from '../../lib/k0s/types';
import { clusterFromSpec, host, k0sctlOf } from './build';
import { clusterConfigCrd, errorsOf, expandPlaceholders, ourSchemas } from './schemas';
import { HAVE_SHARED } from '../corpus';

function standalone(props: Partial<K0sctlClusterProps> = {}): { cluster: K0sctlCluster; chart: Chart } {
  const chart = new Chart(new App(), 'c', { disableResourceNameHashes: true });
  const cluster = new K0sctlCluster(chart, 'k0sctl', {
    name: 'alone',
    k0sVersion: 'v1.35.4+k0s.0',
    hosts: [{ role: 'controller+worker', ssh: { address: '10.0.0.1' } }, { role: 'worker', ssh: { address: '10.0.0.2' } }],
    ...props,
  });
  return { cluster, chart };
}

describe('K0sctlCluster alone', () => {
  test('writes a k0sctl Cluster with version, dynamicConfig and a minimal ClusterConfig', () => {
    const { chart } = standalone();
    const [obj] = chart.toJson() as Record<string, unknown>[];
    expect(obj).toMatchObject({
      apiVersion: 'k0sctl.k0sproject.io/v1beta1',
      kind: 'Cluster',
      metadata: { name: 'alone' },
      spec: { k0s: { version: 'v1.35.4+k0s.0', dynamicConfig: false, config: { apiVersion: 'k0s.k0sproject.io/v1beta1', kind: 'ClusterConfig', spec: { storage: { type: 'etcd' }, telemetry: { enabled: false } } } } },
    });
    expect(Object.keys(obj)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });

  test('a CNI child supplies provider, pod CIDR and its chart; addHelmChart appends after it', () => {
    const { cluster } = standalone({ cni: { kind: 'calico', props: { podCidr: '10.50.0.0/16' } } });
    cluster.addHelmChart({ name: 'extra', chartname: 'oci://r.example.com/c/extra', version: '1.0.0', namespace: 'extra', order: 30 }, { name: 'r', url: 'oci://r.example.com/c', insecure: false });
    const spec = cluster.clusterConfigSpec();
    expect(spec.network).toMatchObject({ provider: 'custom', podCIDR: '10.50.0.0/16' });
    expect(spec.extensions?.helm?.charts.map((c) => c.name)).toEqual(['tigera-operator', 'extra']);
    expect(cluster.node.validate()).toEqual([]);
  });

  test('a host added after a validation is validated too (the hosts\' problems are kept only until then)', () => {
    const { cluster } = standalone();
    expect(cluster.node.validate()).toEqual([]);
    cluster.addHost({ role: 'worker', ssh: { address: '10.0.0.2' }, privateAddress: '10.0.0.300' });
    expect(cluster.node.validate()).toEqual([
      'spec.hosts[2].privateAddress: must be a valid IP address',
      'spec.hosts[2] connection: ssh:10.0.0.2:22 is not unique (also spec.hosts[1])',
    ]);
  });

  test('options are written when given', () => {
    const { cluster } = standalone({ options: { wait: { enabled: false } }, dynamicConfig: true });
    expect(cluster.toK0sctl().spec).toMatchObject({ options: { wait: { enabled: false } }, k0s: { dynamicConfig: true } });
  });
});

describe('K0sctlCluster validation (what k0sctl and k0s would reject)', () => {
  const problems = (props: Partial<K0sctlClusterProps>) => standalone(props).cluster.node.validate();
  const hosts = (...h: K0sctlHost[]) => ({ hosts: h });

  test.each<[string, Partial<K0sctlClusterProps>, RegExp]>([
    ['no hosts', hosts(), /at least one host/],
    ['no controller', hosts({ role: 'worker', ssh: { address: '10.0.0.1' } }), /no hosts with a controller role/],
    ['single among several', hosts({ role: 'single', ssh: { address: '10.0.0.1' } }, { role: 'worker', ssh: { address: '10.0.0.2' } }), /role 'single'/],
    ['noTaints on a worker — also for a lone host', hosts({ role: 'single', noTaints: true, ssh: { address: '10.0.0.1' } }), /noTaints can only be true/],
    ['bad privateAddress on a lone host', hosts({ role: 'single', privateAddress: 'nope', ssh: { address: '10.0.0.1' } }), /must be a valid IP address/],
    ['no connection block', hosts({ role: 'single' }), /exactly one of ssh, winRM, localhost/],
    ['bad port in a bastion', hosts({ role: 'single', ssh: { address: '10.0.0.1', bastion: { address: 'b', port: 70000 } } }), /bastion\.port/],
    ['duplicate connection', hosts({ role: 'controller+worker', ssh: { address: '10.0.0.1' } }, { role: 'worker', ssh: { address: '10.0.0.1', port: 22 } }), /not unique/],
    ['duplicate hostname (case-insensitive)', hosts({ role: 'controller+worker', hostname: 'A', ssh: { address: '10.0.0.1' } }, { role: 'worker', hostname: 'a', ssh: { address: '10.0.0.2' } }), /hostname: a is not unique/],
    ['unbalanced quotes', hosts({ role: 'single', installFlags: ['--x="a'], ssh: { address: '10.0.0.1' } }), /unbalanced quotes/],
    ['two --profile flags', hosts({ role: 'single', installFlags: ['--profile=default', '--profile=default'], ssh: { address: '10.0.0.1' } }), /more than one --profile/],
    ['--profile naming no profile', hosts({ role: 'single', installFlags: ['--profile=nope'], ssh: { address: '10.0.0.1' } }), /names no worker profile/],
    ['windows controller', hosts({ role: 'controller+worker', winRM: { address: '10.0.0.1', password: 'x' } }), /windows is not supported on k0s controller/],
    ['bad version', { k0sVersion: '1.32' }, /is not a k0s version/],
  ])('%s', (_name, props, message) => {
    expect(problems(props).join('\n')).toMatch(message);
  });

  test('kubeletRootDir needs k0s ≥ 1.32.1', () => {
    expect(problems({ k0sVersion: 'v1.31.1+k0s.1', hosts: [{ role: 'single', kubeletRootDir: '/var/lib/kubelet', ssh: { address: '10.0.0.1' } }] }).join()).toMatch(/kubeletRootDir is not supported/);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['NLLB with externalAddress', { api: { externalAddress: 'lb.example.com' }, network: { provider: 'custom', podCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12', nodeLocalLoadBalancing: { enabled: true, type: 'EnvoyProxy' } } }, /node-local load balancing cannot be used/],
    ['overlapping CIDRs', { network: { provider: 'custom', podCIDR: '10.0.0.0/8', serviceCIDR: '10.96.0.0/12' } }, /overlaps podCIDR/],
    ['bad CIDR', { network: { provider: 'custom', podCIDR: '10.0.0.0', serviceCIDR: '10.96.0.0/12' } }, /invalid CIDR/],
    ['kube-proxy mode', { network: { provider: 'custom', podCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12', kubeProxy: { mode: 'ebpf' } } }, /unsupported mode ebpf/],
    ['CPLB authPass too long, VIP not a CIDR', { network: { provider: 'custom', podCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12', controlPlaneLoadBalancing: { enabled: true, type: 'Keepalived', keepalived: { vrrpInstances: [{ virtualIPs: ['10.0.0.100'], authPass: 'nine-char' }] } } } }, /must be a CIDR[\s\S]*8 characters or less/],
    ['helm release name', { extensions: { helm: { repositories: [], charts: [{ name: 'Bad_Name', chartname: 'x/y', version: '1', namespace: 'n' }] } } }, /not a valid Helm release name/],
    ['worker profile name on k0s ≥ 1.34', { workerProfiles: [{ name: 'Not_A_Label', values: {} }] }, /DNS-1123 label/],
    ['forbidden worker profile key', { workerProfiles: [{ name: 'p', values: { clusterDNS: ['10.96.0.10'] } }] }, /prohibited/],
  ])('%s', (_name, config, message) => {
    const spec = { storage: { type: 'etcd' }, network: { provider: 'custom', podCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12' }, telemetry: { enabled: false }, ...config } as never;
    expect(problems({ config: spec }).join('\n')).toMatch(message);
  });

  test('worker profiles on k0s ≤ 1.33 must have values; apiVersion/kind forbidden there', () => {
    const config = { storage: { type: 'etcd' }, network: { provider: 'custom', podCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12' }, telemetry: { enabled: false }, workerProfiles: [{ name: 'p', values: { kind: 'KubeletConfiguration' } }] } as never;
    expect(problems({ k0sVersion: 'v1.32.6+k0s.0', config }).join()).toMatch(/field kind is prohibited/);
    expect(problems({ k0sVersion: 'v1.35.4+k0s.0', config }).join()).not.toMatch(/prohibited/);
  });

  test('renderCluster refuses an invalid cluster with every problem', () => {
    const app = new App();
    const cluster = new MkeCluster(app, 'x', { name: 'x', spec: { version: 'v4.2.0', hosts: [host('single', '10.0.0.1')] } });
    cluster.k0sctl.addHost({ role: 'worker', ssh: { address: '10.0.0.1' } });
    expect(() => renderCluster(cluster)).toThrow(/role 'single'[\s\S]*not unique/);
  });
});

describe('property: random valid host lists', () => {
  const octet = fc.integer({ min: 1, max: 254 });
  const hostsArb = fc
    .record({
      controllers: fc.uniqueArray(octet, { minLength: 1, maxLength: 5 }),
      workers: fc.uniqueArray(octet, { minLength: 0, maxLength: 6 }),
      user: fc.constantFrom('root', 'ubuntu', 'ec2-user'),
      port: fc.integer({ min: 1, max: 65535 }),
      iface: fc.option(fc.constantFrom('eth0', 'ens5'), { nil: undefined }),
      flags: fc.subarray(['--debug', '--labels=tier=prod', '--enable-metrics-scraper']),
      noTaints: fc.boolean(),
    })
    .map(({ controllers, workers, user, port, iface, flags, noTaints }) => [
      ...controllers.map((o) => ({ role: 'controller+worker' as const, noTaints, installFlags: flags, ...(iface ? { privateInterface: iface } : {}), ssh: { address: `10.1.0.${o}`, user, port } })),
      ...workers.map((o) => ({ role: 'worker' as const, installFlags: flags, ...(iface ? { privateInterface: iface } : {}), ssh: { address: `10.2.0.${o}`, user, port } })),
    ]);

  // The k0s CRDs are in ../shared: without it the property still runs, minus that one check.
  test(`synthesize without throwing, validate, and are byte-identical across two runs${HAVE_SHARED ? '' : ` (k0s CRD check skipped: ../shared is absent outside this workplace)`}`, () => {
    fc.assert(
      fc.property(hostsArb, fc.constantFrom('v4.0.1', 'v4.1.2', 'v4.1.5', 'v4.2.0'), (hosts, version) => {
        const spec = { version, hosts, apiServer: { externalAddress: 'lb.example.com' } };
        const first = renderCluster(clusterFromSpec(spec)).files[0].content;
        const second = renderCluster(clusterFromSpec(spec)).files[0].content;
        expect(second).toBe(first);
        const doc = parse(first, { version: '1.1' }) as { spec: { hosts: unknown[]; k0s: { version: string; config: unknown } } };
        expect(doc.spec.hosts).toHaveLength(hosts.length);
        const { k0sctl } = ourSchemas();
        expect(k0sctl(doc) ? [] : errorsOf(k0sctl)).toEqual([]);
        if (HAVE_SHARED) {
          const crd = clusterConfigCrd(doc.spec.k0s.version);
          expect(crd(expandPlaceholders(doc.spec.k0s.config)) ? [] : errorsOf(crd)).toEqual([]);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('final text: $ escaping and YAML 1.1 quoting', () => {
  test('a literal $ in a Helm values string and in an install flag is written $$, secret placeholders stay', () => {
    const cluster = clusterFromSpec({
      version: 'v4.2.0',
      hosts: [host('controller+worker', '10.0.0.1', { installFlags: ['--labels=cost=$5'] }), host('controller+worker', '10.0.0.2'), host('controller+worker', '10.0.0.3')],
      apiServer: { externalAddress: 'lb.example.com' },
      network: {
        providers: [{ provider: 'calico', enabled: true, extraConfig: { 'values.yaml': 'kubeletVolumePluginPath: /var/lib/kubelet\nnote: "pay $HOME"\n' } }],
        controlPlaneLoadBalancing: { enabled: true, keepalived: { vrrpInstances: [{ virtualIPs: ['10.0.0.100/24'], authPass: 'pa$$' }] } },
      },
    });
    const text = renderCluster(cluster).files[0].content;
    expect(text).toContain('--labels=cost=$$5');
    expect(text).toContain('note: "pay $$HOME"');
    // Quoted: k0sctl substitutes the raw text, so an all-digit password must stay a YAML string.
    expect(text).toContain('authPass: "${MKE_NETWORK_CONTROL_PLANE_LOAD_BALANCING_KEEPALIVED_VRRP_INSTANCES_0_AUTH_PASS}"');
    expect(text).not.toContain('pa$$');
  });

  test('strings a YAML 1.1 reader would retype are quoted: chart versions, extraArgs numbers, "on"', () => {
    const cluster = clusterFromSpec({ version: 'v4.2.0', hosts: [host('single', '10.0.0.1')], scheduler: { extraArgs: { leader: 'on', v: '2' } } });
    const text = renderCluster(cluster).files[0].content;
    expect(text).toMatch(/leader: "on"/);
    expect(text).toMatch(/v: "2"/);
    expect(text).toMatch(/terminated-pod-gc-threshold: "12500"/);
    const doc = parse(text, { version: '1.1' }) as { spec: { k0s: { config: { spec: { scheduler: { extraArgs: Record<string, unknown> } } } } } };
    expect(doc.spec.k0s.config.spec.scheduler.extraArgs).toEqual({ leader: 'on', v: '2' });
    expect(k0sctlOf(cluster).spec.k0s.config.spec.extensions?.helm?.charts.every((c) => typeof c.version === 'string')).toBe(true);
  });
});
