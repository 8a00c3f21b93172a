import { toK0sApi, toK0sControllerManager, toK0sImages, toK0sScheduler, toK0sStorage, toK0sTelemetry, parseByteSize } from '../../lib/k0s/to-k0s-control-plane';
import { toK0sControlPlaneLoadBalancing, toK0sKubeProxy, toK0sNetwork } from '../../lib/k0s/to-k0s-network';
import { toK0sClusterConfigSpec } from '../../lib/k0s/to-k0s-cluster-config';
import { toK0sWorkerProfiles } from '../../lib/k0s/worker-profiles';
import { host, loaded } from './build';

const base = { version: 'v4.2.0', hosts: [host('controller+worker', '10.0.0.1'), host('controller+worker', '10.0.0.2'), host('controller+worker', '10.0.0.3'), host('worker', '10.0.0.4')] };

describe('toK0sApi', () => {
  test('externalAddress first in SANs, user SANs after, duplicates dropped', () => {
    const { spec } = loaded({ ...base, apiServer: { externalAddress: 'lb.example.com', sans: ['lb.example.com', '203.0.113.9'] } });
    const api = toK0sApi(spec);
    expect(api?.externalAddress).toBe('lb.example.com');
    expect(api?.sans).toEqual(['lb.example.com', '203.0.113.9']);
  });

  test('audit flags only when audit is enabled; numbers become strings', () => {
    const off = toK0sApi(loaded(base).spec);
    expect(off?.extraArgs?.['audit-log-path']).toBeUndefined();
    const { spec } = loaded({ ...base, apiServer: { audit: { enabled: true, logPath: '/var/log/a/a.log', policyFile: '/etc/p.yaml', maxAge: 7, maxBackup: 3, maxSize: 100 } } });
    expect(toK0sApi(spec)?.extraArgs).toMatchObject({
      'audit-log-path': '/var/log/a/a.log',
      'audit-policy-file': '/etc/p.yaml',
      'audit-log-maxage': '7',
      'audit-log-maxbackup': '3',
      'audit-log-maxsize': '100',
    });
  });

  test('event rate limit keeps NodeRestriction and points at the uploaded admission config', () => {
    const { spec } = loaded({ ...base, apiServer: { eventRateLimit: { enabled: true } } });
    expect(toK0sApi(spec)?.extraArgs).toMatchObject({
      'enable-admission-plugins': 'NodeRestriction,EventRateLimit',
      'admission-control-config-file': '/var/lib/k0s/mke-admission-control.yaml',
    });
  });

  test('request timeout and node port range; no encryption-provider-config (file not created by k0sctl); user extraArgs win; keys sorted', () => {
    const { spec } = loaded({ ...base, apiServer: { requestTimeout: '2m', encryptionProvider: '/etc/enc.cfg', extraArgs: { 'request-timeout': '5m', 'a-flag': 'x' } }, network: { nodePortRange: '32000-35000' } });
    const args = toK0sApi(spec)?.extraArgs ?? {};
    expect(args).toMatchObject({ 'request-timeout': '5m', 'service-node-port-range': '32000-35000', 'a-flag': 'x' });
    expect(args).not.toHaveProperty('encryption-provider-config');
    expect(Object.keys(args)).toEqual([...Object.keys(args)].sort());
  });

  test('CPLB virtual IPs join the SANs without their prefix length (pitfall 7)', () => {
    const { spec } = loaded({ ...base, network: { controlPlaneLoadBalancing: { enabled: true, keepalived: { vrrpInstances: [{ virtualIPs: ['10.0.0.100/24'], authPass: 'pw' }] } } } });
    expect(toK0sApi(spec)?.sans).toEqual(['10.0.0.100']);
  });
});

describe('toK0sStorage, controllerManager, scheduler, telemetry, images', () => {
  test('etcd quota and cipher suites', () => {
    const { spec } = loaded({ ...base, etcd: { storageQuota: '2GB', tlsCipherSuites: 'TLS_A,TLS_B' } });
    expect(toK0sStorage(spec)).toEqual({ type: 'etcd', etcd: { extraArgs: { 'cipher-suites': 'TLS_A,TLS_B', 'quota-backend-bytes': '2147483648' } } });
    expect(toK0sStorage(loaded(base).spec)).toEqual({ type: 'etcd' });
  });

  test.each([['2GB', '2147483648'], ['512Mi', '536870912'], ['1024', '1024'], ['1.5G', '1610612736'], ['lots', undefined]])('parseByteSize(%s)', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  test('terminated pod GC threshold; scheduler profiling and bind address only when set', () => {
    const { spec } = loaded({ ...base, controllerManager: { terminatedPodGCThreshold: 500 }, scheduler: { profilingEnabled: false, bindToAll: true } });
    expect(toK0sControllerManager(spec)).toEqual({ extraArgs: { 'terminated-pod-gc-threshold': '500' } });
    expect(toK0sScheduler(spec)).toEqual({ extraArgs: { 'bind-address': '0.0.0.0', profiling: 'false' } });
    expect(toK0sScheduler(loaded(base).spec)).toBeUndefined();
  });

  test('telemetry follows tracking and is always written', () => {
    expect(toK0sTelemetry(loaded({ ...base, tracking: { enabled: false } }).spec)).toEqual({ enabled: false });
    expect(toK0sTelemetry(loaded(base).spec)).toEqual({ enabled: true });
  });

  test('airgap: every k0s image from the MKE image registry', () => {
    expect(toK0sImages(loaded(base).spec)).toBeUndefined();
    const { spec } = loaded({ ...base, airgap: { enabled: true }, registries: { imageRegistry: { url: 'reg.example.com/mke' }, chartRegistry: { url: 'oci://reg.example.com/charts' } } });
    expect(toK0sImages(spec)).toEqual({ repository: 'reg.example.com/mke' });
    const helm = toK0sClusterConfigSpec(spec, '4.2.0').extensions?.helm;
    expect(helm?.charts.map((c) => c.chartname)).toEqual(['oci://reg.example.com/charts/k0rdent-enterprise']);
  });
});

describe('toK0sNetwork', () => {
  test('always writes provider, podCIDR and serviceCIDR', () => {
    const { spec, release } = loaded(base);
    expect(toK0sNetwork(spec, release)).toMatchObject({ provider: 'custom', podCIDR: '192.168.0.0/16', serviceCIDR: '10.96.0.0/16' });
  });

  test('kube-proxy: mode and sub-configs; disabled writes only disabled', () => {
    const { spec } = loaded({ ...base, network: { kubeProxy: { mode: 'ipvs', ipvs: { scheduler: 'rr', strictARP: true, syncPeriod: '30s' } } } });
    expect(toK0sKubeProxy(spec)).toMatchObject({ mode: 'ipvs', ipvs: { scheduler: 'rr', strictARP: true, syncPeriod: '30s' } });
    expect(toK0sKubeProxy(loaded({ ...base, network: { kubeProxy: { disabled: true, mode: 'ipvs' } } }).spec)).toEqual({ disabled: true });
  });

  test('NLLB from 4.1 nllb.disabled: false, EnvoyProxy written explicitly', () => {
    const { spec, release } = loaded({ ...base, version: 'v4.1.2', network: { nllb: { disabled: false } } });
    expect(toK0sNetwork(spec, release).nodeLocalLoadBalancing).toEqual({ enabled: true, type: 'EnvoyProxy' });
  });

  test('CPLB 4.2 shape: secret placeholder for authPass, absent when disabled (virtualServers: cplb-virtual-servers, k0s rejects them on controller+worker)', () => {
    const { spec } = loaded({
      ...base,
      network: { controlPlaneLoadBalancing: { enabled: true, keepalived: { vrrpInstances: [{ virtualIPs: ['10.0.0.100/24'], authPass: 'pw', virtualRouterID: 52 }] } } },
    });
    const secrets: [string, string][] = [];
    expect(toK0sControlPlaneLoadBalancing(spec, (v, f) => secrets.push([v, f]))).toEqual({
      enabled: true,
      type: 'Keepalived',
      keepalived: {
        vrrpInstances: [{ virtualIPs: ['10.0.0.100/24'], authPass: '${MKE_NETWORK_CONTROL_PLANE_LOAD_BALANCING_KEEPALIVED_VRRP_INSTANCES_0_AUTH_PASS}', virtualRouterID: 52 }],
      },
    });
    expect(secrets).toEqual([['MKE_NETWORK_CONTROL_PLANE_LOAD_BALANCING_KEEPALIVED_VRRP_INSTANCES_0_AUTH_PASS', 'spec.network.controlPlaneLoadBalancing.keepalived.vrrpInstances.0.authPass']]);
    expect(toK0sControlPlaneLoadBalancing(loaded(base).spec)).toBeUndefined();
  });

  test('kuberouter: cidrV4 is the pod CIDR, other keys are kube-router flags', () => {
    const { spec, release } = loaded({ ...base, version: 'v4.1.2', network: { providers: [{ provider: 'kuberouter', enabled: true, extraConfig: { cidrV4: '10.244.0.0/16', v: '5' } }, { provider: 'calico', enabled: false }] } });
    expect(toK0sNetwork(spec, release)).toMatchObject({ provider: 'kuberouter', podCIDR: '10.244.0.0/16', kuberouter: { extraArgs: { v: '5' } } });
  });
});

describe('toK0sWorkerProfiles', () => {
  test('manager and worker profiles differ only in reserved resources; custom profiles follow', () => {
    const { spec } = loaded({ ...base, kubelet: { maxPods: 200, customProfiles: [{ name: 'gpu', values: { maxPods: 50 } }] } });
    const profiles = toK0sWorkerProfiles(spec);
    expect(profiles.map((p) => p.name)).toEqual(['mke-default-manager', 'mke-default-worker', 'gpu']);
    expect(profiles[0].values).toMatchObject({ maxPods: 200, kubeReserved: { cpu: '250m', 'ephemeral-storage': '4Gi', memory: '2Gi' } });
    expect(profiles[1].values).toMatchObject({ maxPods: 200, kubeReserved: { cpu: '50m', 'ephemeral-storage': '500Mi', memory: '300Mi' } });
    expect(profiles[2]).toEqual({ name: 'gpu', values: { maxPods: 50 } });
  });
});
