import { parse } from 'yaml';
import { Calico, toCalicoNetwork } from '../../lib/cni/calico';
import { CustomCni } from '../../lib/cni/custom-cni';
import { cniFromSpec } from '../../lib/cni/from-spec';
import { KubeRouter } from '../../lib/cni/kube-router';
import { calicoBuiltIn, tigeraValues } from '../../lib/cni/tigera-values';
import { host, loaded, newChart } from '../k0s/build';

describe('Calico', () => {
  test('Tigera operator chart by default: provider custom, stable name and order, values as a string', () => {
    const calico = new Calico(newChart(), 'calico', { podCidr: '10.10.0.0/16', chart: { name: 'tigera-operator', version: '3.30.2', repository: 'oci://r.example.com/mke/' } });
    expect(calico.k0sNetwork()).toEqual({ provider: 'custom', podCIDR: '10.10.0.0/16' });
    expect(calico.helmRepositories()).toEqual([{ name: 'r-example-com-mke', url: 'oci://r.example.com/mke', insecure: false }]);
    const [chart] = calico.helmCharts();
    expect(chart).toMatchObject({ name: 'tigera-operator', chartname: 'oci://r.example.com/mke/tigera-operator', version: '3.30.2', namespace: 'tigera-operator', order: 10 });
    expect(typeof chart.values).toBe('string');
    const values = parse(chart.values ?? '') as { kubeletVolumePluginPath: string; installation: { calicoNetwork: { ipPools: { cidr: string }[]; linuxDataplane: string }; logging: { cni: { logSeverity: string } } } };
    expect(Object.keys(values)[0]).toBe('kubeletVolumePluginPath');
    expect(values.installation.calicoNetwork.ipPools[0].cidr).toBe('10.10.0.0/16');
    expect(values.installation.calicoNetwork.linuxDataplane).toBe('Iptables');
    expect(values.installation.logging.cni.logSeverity).toBe('Info');
  });

  test('verbatim values.yaml is passed through unchanged', () => {
    const text = 'kubeletVolumePluginPath: /var/lib/kubelet\ninstallation: {cni: {type: Calico}}\n';
    expect(new Calico(newChart(), 'c', { valuesYaml: text }).helmCharts()[0].values).toBe(text);
  });

  test('k0s built-in installer (MKE 4.0): provider calico, no chart', () => {
    const calico = new Calico(newChart(), 'c', { installer: 'k0s', builtIn: { mode: 'vxlan', vxlanVNI: 10000 } });
    expect(calico.k0sNetwork()).toEqual({ provider: 'calico', podCIDR: '192.168.0.0/16', calico: { mode: 'vxlan', vxlanVNI: 10000 } });
    expect(calico.helmCharts()).toEqual([]);
    expect(toCalicoNetwork({ installer: 'k0s' }).calico).toEqual({ mode: 'vxlan' });
  });

  test('tigeraValues: airgap registry with trailing slash, 4.2 control plane on controllers; parses back to the same object', () => {
    const text = tigeraValues({ podCidr: '10.0.0.0/16', linuxDataplane: 'BPF', logLevel: 'Debug', kubeletVolumePluginPath: '/var/lib/kubelet', imageRegistry: 'reg.example.com/mke', controlPlaneOnControllers: true });
    const values = parse(text) as { installation: Record<string, unknown> };
    expect(values.installation.registry).toBe('reg.example.com/mke/');
    // k0s labels controller nodes node-role.kubernetes.io/control-plane=true (k0s pkg/component/controller/noderole.go).
    expect(values.installation.controlPlaneNodeSelector).toEqual({ 'node-role.kubernetes.io/control-plane': 'true' });
  });

  test('calicoBuiltIn: 4.0 keys typed for k0s, CALICO_/FELIX_ keys as env vars, empty autodetection dropped', () => {
    expect(calicoBuiltIn({ mode: 'bird', overlay: 'CrossSubnet', vxlanPort: '4790', vxlanVNI: '4096', mtu: '1400', enableWireguard: 'true', ipAutodetectionMethod: '', FELIX_X: '1', deployWithOperator: 'false' })).toEqual({
      mode: 'bird', overlay: 'CrossSubnet', vxlanPort: 4790, vxlanVNI: 4096, mtu: 1400, wireguard: true, envVars: { FELIX_X: '1' },
    });
  });
});

describe('KubeRouter and CustomCni', () => {
  test('kube-router: built-in provider, flags sorted', () => {
    const kr = new KubeRouter(newChart(), 'kr', { podCidr: '10.244.0.0/16', extraArgs: { v: '5', 'bgp-graceful-restart': 'true' } });
    expect(kr.k0sNetwork()).toEqual({ provider: 'kuberouter', podCIDR: '10.244.0.0/16', kuberouter: { extraArgs: { 'bgp-graceful-restart': 'true', v: '5' } } });
    expect(Object.keys(kr.k0sNetwork().kuberouter?.extraArgs ?? {})).toEqual(['bgp-graceful-restart', 'v']);
    expect(kr.helmCharts()).toEqual([]);
  });

  test('custom: provider custom, no chart, the pod CIDR still written', () => {
    const c = new CustomCni(newChart(), 'c', { podCidr: '172.16.0.0/16' });
    expect(c.k0sNetwork()).toEqual({ provider: 'custom', podCIDR: '172.16.0.0/16' });
    expect(c.helmCharts()).toEqual([]);
  });
});

describe('cniFromSpec', () => {
  test('4.0 → built-in calico; 4.1+ → Tigera chart from the chart registry with the catalog version', () => {
    const old = loaded({ version: 'v4.0.1', hosts: [host('single', '10.0.0.1')] });
    expect(cniFromSpec(old.spec, old.release)).toMatchObject({ kind: 'calico', props: { installer: 'k0s' } });
    const now = loaded({ version: 'v4.1.2', hosts: [host('single', '10.0.0.1')], registries: { chartRegistry: { url: 'oci://mirror.example.com/mke' } } });
    expect(cniFromSpec(now.spec, now.release)).toMatchObject({
      kind: 'calico',
      props: { installer: 'tigera-operator', kubeletVolumePluginPath: '/var/lib/kubelet', chart: { name: 'tigera-operator', version: 'v3.30.200', repository: 'oci://mirror.example.com/mke' } },
    });
  });

  test('kubelet root dir before 4.1.2 is under the data dir (DECISIONS 14)', () => {
    const { spec, release } = loaded({ version: 'v4.1.1', hosts: [host('single', '10.0.0.1')], k8sProviderSpecs: { dataDir: '/data/k0s' } });
    expect(cniFromSpec(spec, release)).toMatchObject({ props: { kubeletVolumePluginPath: '/data/k0s/kubelet' } });
  });

  test('custom provider keeps the pod CIDR', () => {
    const { spec, release } = loaded({ version: 'v4.2.0', hosts: [host('single', '10.0.0.1')], network: { providers: [{ provider: 'custom', enabled: true, extraConfig: { cidrV4: '10.60.0.0/16' } }, { provider: 'calico', enabled: false }] } });
    expect(cniFromSpec(spec, release)).toEqual({ kind: 'custom', props: { podCidr: '10.60.0.0/16' } });
  });
});
