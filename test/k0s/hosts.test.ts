import { canonicalInstallFlag, mergeInstallFlags, toK0sctlHost, toK0sctlHosts } from '../../lib/k0s/hosts';
import { host, loaded } from './build';

describe('install flags (pitfall 6: canonical --flag=value)', () => {
  test.each([
    ['--debug', '--debug=true'],
    ['--labels x=y', '--labels=x=y'],
    ['--profile=gpu', '--profile=gpu'],
    ['  --debug  ', '--debug=true'],
    ['-v', '-v'],
  ])('%s → %s', (input, out) => expect(canonicalInstallFlag(input)).toBe(out));

  test('user flags first; an MKE flag the user already set is not added', () => {
    expect(mergeInstallFlags(['--profile=gpu', '--debug'], ['--profile=mke-default-worker', '--enable-cloud-provider=true'])).toEqual(['--profile=gpu', '--debug=true', '--enable-cloud-provider=true']);
  });
});

describe('toK0sctlHost', () => {
  test('ssh block with bastion, role, private interface/address, hostname, noTaints', () => {
    const { spec } = loaded({
      version: 'v4.2.0',
      hosts: [{ role: 'controller+worker', noTaints: true, privateInterface: 'eth1', privateAddress: '10.0.0.5', hostname: 'cp-1', ssh: { address: '10.0.0.5', user: 'u', port: 2222, keyPath: '/k', bastion: { address: '203.0.113.1', user: 'jump' } } }],
    });
    expect(toK0sctlHost(spec, spec.hosts[0], 'v1.35.4+k0s.0')).toEqual({
      role: 'controller+worker',
      ssh: { address: '10.0.0.5', user: 'u', port: 2222, keyPath: '/k', bastion: { address: '203.0.113.1', user: 'jump' } },
      privateInterface: 'eth1',
      privateAddress: '10.0.0.5',
      hostname: 'cp-1',
      kubeletRootDir: '/var/lib/kubelet',
      installFlags: ['--profile=mke-default-manager'],
      noTaints: true,
    });
  });

  test('dataDir only when not the default; kubeletRootDir only where k0s supports it (≥ 1.32.1)', () => {
    const { spec } = loaded({ version: 'v4.2.0', hosts: [host('single', '10.0.0.1')], k8sProviderSpecs: { dataDir: '/data/k0s' } });
    expect(toK0sctlHost(spec, spec.hosts[0], 'v1.35.4+k0s.0')).toMatchObject({ dataDir: '/data/k0s', kubeletRootDir: '/var/lib/kubelet' });
    expect(toK0sctlHost(spec, spec.hosts[0], 'v1.31.1+k0s.1').kubeletRootDir).toBeUndefined();
    const { spec: plain } = loaded({ version: 'v4.2.0', hosts: [host('single', '10.0.0.1')] });
    expect(toK0sctlHost(plain, plain.hosts[0], 'v1.35.4+k0s.0').dataDir).toBeUndefined();
  });

  test('kubelet extraArgs and the cloud provider become install flags', () => {
    const { spec } = loaded({ version: 'v4.2.0', hosts: [host('single', '10.0.0.1')], kubelet: { extraArgs: { 'event-burst': '20', 'v': '2' } }, cloudProvider: { enabled: true } });
    expect(toK0sctlHost(spec, spec.hosts[0], 'v1.35.4+k0s.0').installFlags).toEqual(['--profile=mke-default-manager', '--kubelet-extra-args="--event-burst=20 --v=2"', '--enable-cloud-provider=true']);
  });

  test('with CPLB a private address is written when known: non-public IP or behind a bastion, never a public one', () => {
    const { spec } = loaded({
      version: 'v4.2.0',
      apiServer: { externalAddress: 'lb.example.com' },
      network: { controlPlaneLoadBalancing: { enabled: true, keepalived: { vrrpInstances: [{ virtualIPs: ['10.0.0.100/24'], authPass: 'pw' }] } } },
      hosts: [host('controller+worker', '10.0.0.1'), host('controller+worker', '35.1.2.3'), { role: 'controller+worker', ssh: { address: '35.1.2.4', bastion: { address: '203.0.113.1' } } }, host('worker', 'node4.example.com')],
    });
    expect(toK0sctlHosts(spec, 'v1.35.4+k0s.0').map((h) => h.privateAddress)).toEqual(['10.0.0.1', undefined, '35.1.2.4', undefined]);
  });

  test('event rate limit uploads its admission config to controllers only, perm as a quoted octal string', () => {
    const { spec } = loaded({ version: 'v4.2.0', apiServer: { externalAddress: 'lb.example.com', eventRateLimit: { enabled: true } }, hosts: [host('controller+worker', '10.0.0.1'), host('worker', '10.0.0.2')] });
    const [cp, worker] = toK0sctlHosts(spec, 'v1.35.4+k0s.0');
    // kube-apiserver runs as the user kube-apiserver: a root:root 0600 file is unreadable for it.
    expect(cp.files).toEqual([expect.objectContaining({ dst: '/var/lib/k0s/mke-admission-control.yaml', perm: '0644' })]);
    expect(cp.files?.[0]).not.toHaveProperty('user');
    expect(cp.files?.[0].data).toContain('kind: AdmissionConfiguration');
    expect(worker.files).toBeUndefined();
  });
});
