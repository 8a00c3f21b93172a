import { Testing } from 'cdk8s';
import { Addon, addonValues } from '../../lib/services/addon';
import { CloudProvider } from '../../lib/services/cloud-provider';
import { CoreDnsLameduck } from '../../lib/services/coredns-lameduck';
import { defaultEnvoyProxyImage, envoyGatewayValues, EnvoyGateway, mkeGatewayObjects } from '../../lib/services/envoy-gateway';
import { Gatekeeper, gatekeeperValues, GATEKEEPER_FIXED_EXEMPT_NAMESPACES } from '../../lib/services/gatekeeper';
import { MetalLb } from '../../lib/services/metallb';
import { Multus } from '../../lib/services/multus';
import { clusterDnsAddress, nodeLocalDnsValues } from '../../lib/services/node-local-dns';
import { NvidiaGpu, nvidiaGpuValues } from '../../lib/services/nvidia-gpu';
import { UserService } from '../../lib/services/user-service';
import { k0sControllerTolerations } from '../../lib/services/tolerations';

test('gatekeeper: the fixed exempt list (mke4-services row 15) then the user list, no duplicates', () => {
  expect(GATEKEEPER_FIXED_EXEMPT_NAMESPACES).toEqual(['kube-system', 'kube-public', 'kube-node-lease', 'k0s-system', 'k0s-autopilot', 'flux-system', 'blueprint-system', 'mke', 'tigera-operator', 'calico-system', 'calico-apiserver']);
  expect(gatekeeperValues({ exemptNamespaces: ['team-a', 'mke'] })).toEqual({ controllerManager: { exemptNamespaces: [...GATEKEEPER_FIXED_EXEMPT_NAMESPACES, 'team-a'] } });
  expect(new Gatekeeper(Testing.chart(), 'g', { release: '4.1.3' }).toReleases()[0]).toMatchObject({ name: 'gatekeeper', namespace: 'mke', chart: { name: 'gatekeeper', version: '3.20.1' } });
});

test('envoy gateway: replicas, node selector merged with the fixed one, tolerations, resources', () => {
  expect(envoyGatewayValues({ replicaCount: 2, nodeSelector: { zone: 'a' }, tolerations: [{ key: 't', operator: 'Exists' }], resources: { limits: { memory: '1Gi' } } })).toEqual({
    deployment: {
      replicas: 2,
      envoyGateway: { resources: { limits: { memory: '1Gi' } } },
      pod: { nodeSelector: { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': 'true', zone: 'a' }, tolerations: [{ key: 't', operator: 'Exists' }, ...k0sControllerTolerations()] },
    },
  });
  expect((envoyGatewayValues({ controllerCount: 3 }) as { deployment: { replicas: number } }).deployment.replicas).toBe(3);
  const objects = new EnvoyGateway(Testing.chart(), 'e', { release: '4.1.3', ingress: { nodePorts: { http: 34000, https: 34001 } } }).k0rdentObjects();
  expect(objects.map((o) => o.kind)).toEqual(['EnvoyProxy', 'GatewayClass', 'Gateway']);
  expect(JSON.stringify(objects[0])).toContain('"nodePort":34000');
});

test('envoy gateway airgapped: the EnvoyProxy names the mirrored default proxy image beside the proxy resources; unknown chart versions get none', () => {
  // envoyproxy/gateway v1.6.1 api/v1alpha1/shared_types.go DefaultEnvoyProxyImage.
  expect(defaultEnvoyProxyImage('1.6.1')).toMatchObject({ image: 'docker.io/envoyproxy/envoy', tag: 'distroless-v1.36.3' });
  expect(defaultEnvoyProxyImage('v1.6.1')).toBeDefined();
  const gw = new EnvoyGateway(Testing.chart(), 'e', { release: '4.2.0', imageRegistry: 'registry.example.com/mke/', ingress: { envoyProxy: { resources: { limits: { memory: '1Gi' } } } } });
  expect(gw.proxyImage()).toBe('registry.example.com/mke/envoyproxy/envoy:distroless-v1.36.3');
  expect((gw.k0rdentObjects()[0] as { spec: { provider: { kubernetes: { envoyDeployment: unknown } } } }).spec.provider.kubernetes.envoyDeployment).toEqual({
    container: { image: 'registry.example.com/mke/envoyproxy/envoy:distroless-v1.36.3', resources: { limits: { memory: '1Gi' } } },
  });
  expect(new EnvoyGateway(Testing.chart(), 'e', { release: '4.2.0' }).proxyImage()).toBeUndefined();
  expect(mkeGatewayObjects({})[0]).not.toHaveProperty('spec.provider.kubernetes.envoyDeployment');
  expect(defaultEnvoyProxyImage('0.9.0')).toBeUndefined();
  const other = new EnvoyGateway(Testing.chart(), 'e', { release: '4.2.0', imageRegistry: 'registry.example.com/mke', chart: { name: 'gateway-helm', version: '0.9.0' } });
  expect(other.proxyImage()).toBeUndefined();
});

test('metallb: documented default values; typed pools and advertisements as its children', () => {
  const chart = Testing.chart();
  const lb = new MetalLb(chart, 'lb', { release: '4.2.0' });
  lb.addIpAddressPool('pool', { addresses: ['192.0.2.10-192.0.2.20'] });
  lb.addL2Advertisement('l2', { ipAddressPools: ['pool'] });
  lb.addBgpPeer('peer', { peerAddress: '192.0.2.1', peerASN: 64500, myASN: 64501 });
  lb.addBgpAdvertisement('bgp', { ipAddressPools: ['pool'] });
  const objects = Testing.synth(chart);
  expect(objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
    'metallb.io/v1beta1 IPAddressPool metallb-system/pool',
    'metallb.io/v1beta1 L2Advertisement metallb-system/l2',
    'metallb.io/v1beta2 BGPPeer metallb-system/peer',
    'metallb.io/v1beta1 BGPAdvertisement metallb-system/bgp',
  ]);
  expect(lb.toReleases()[0].values).toEqual({ speaker: { frr: { enabled: false } }, controller: { tolerations: k0sControllerTolerations() } });
  expect(lb.toMkeConfig()).toEqual({ metallb: { enabled: true } });
  expect((new MetalLb(Testing.chart(), 'old', { release: '4.1.1' }).toMkeConfig() as { addons: { name: string }[] }).addons[0].name).toBe('metallb');
});

test('multus: kube-system; NetworkAttachmentDefinition with its config as a JSON string', () => {
  const chart = Testing.chart();
  const m = new Multus(chart, 'multus', { release: '4.1.3' });
  m.addNetworkAttachment('macvlan', { namespace: 'apps', config: { cniVersion: '0.3.1', type: 'macvlan', master: 'eth1' } });
  const [nad] = Testing.synth(chart);
  expect(nad).toMatchObject({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'macvlan', namespace: 'apps' } });
  expect(JSON.parse(nad.spec.config)).toEqual({ cniVersion: '0.3.1', type: 'macvlan', master: 'eth1' });
  expect(m.toReleases()[0]).toMatchObject({ namespace: 'kube-system', chart: { verified: false } });
});

test('nvidia gpu: GFD on, own NFD off, waits for node-feature-discovery; mig passed through', () => {
  expect(nvidiaGpuValues({ mig: { strategy: 'single' } })).toMatchObject({ gfd: { enabled: true }, nfd: { enabled: false }, mig: { strategy: 'single' } });
  expect(new NvidiaGpu(Testing.chart(), 'g', { release: '4.1.3' }).toReleases()[0].dependsOn).toEqual(['node-feature-discovery']);
  expect(new NvidiaGpu(Testing.chart(), 'g2', { release: '4.1.3', nodeFeatureDiscovery: null }).toReleases()[0]).toMatchObject({ dependsOn: [], values: { nfd: { enabled: true } } });
});

test('cloud provider: aws installs the CCM, external nothing', () => {
  expect(new CloudProvider(Testing.chart(), 'a', { release: '4.1.3' }).toReleases()[0]).toMatchObject({ name: 'aws-cloud-controller-manager', namespace: 'kube-system', chart: { version: '0.0.10' } });
  expect(new CloudProvider(Testing.chart(), 'b', { release: '4.1.3', provider: 'external' }).toReleases()).toEqual([]);
});

test('node-local-dns: cluster DNS address from the service CIDR, documented request defaults', () => {
  expect(clusterDnsAddress('10.96.0.0/16')).toBe('10.96.0.10');
  expect(nodeLocalDnsValues({ serviceCidr: '10.97.0.0/16', nodeLocalConfigPersist: true, resources: { requests: { cpu: '50m' } } })).toEqual({
    config: { localDnsIp: '169.254.20.10' },
    resources: { requests: { cpu: '50m', memory: '5Mi' } },
  });
});

test('CoreDNS lameduck: MkeConfig section only; k0rdent mode warns delivery-unsupported', () => {
  const l = new CoreDnsLameduck(Testing.chart(), 'l', { duration: '10s' });
  expect(l.toMkeConfig()).toEqual({ dns: { lameduck: { enabled: true, duration: '10s' } } });
  expect(l.toReleases()).toEqual([]);
  expect(l.k0rdentWarnings().map((w) => w.code)).toEqual(['delivery-unsupported']);
});

test('addons[]: chart from its own repository, YAML string or map values, manifest kind reported', () => {
  const addon = { name: 'metallb', kind: 'chart' as const, enabled: true, namespace: 'metallb-system', chart: { name: 'metallb', repo: 'https://metallb.github.io/metallb/', version: '0.14.7', values: 'speaker:\n  frr:\n    enabled: false\n' } };
  expect(new Addon(Testing.chart(), 'a', { addon }).toReleases()[0]).toMatchObject({ name: 'metallb', namespace: 'metallb-system', chart: { repository: 'https://metallb.github.io/metallb', version: '0.14.7' }, values: { speaker: { frr: { enabled: false } } } });
  expect(addonValues({ ...addon, chart: { ...addon.chart, values: { a: 1 } } })).toEqual({ a: 1 });
  const manifest = new Addon(Testing.chart(), 'm', { addon: { name: 'x', kind: 'manifest', manifest: { url: 'https://x' } }, index: 2 });
  expect(manifest.toReleases()).toEqual([]);
  expect(manifest.k0rdentWarnings()[0]).toMatchObject({ code: 'delivery-unsupported', path: 'spec.addons[2]' });
});

test('UserService: a chart or an existing template, exactly one', () => {
  const chart = new UserService(Testing.chart(), 'u', { name: 'podinfo', namespace: 'apps', chart: { name: 'podinfo', version: '6.5.0', repository: 'https://stefanprodan.github.io/podinfo' }, values: 'replicaCount: 2\n', dependsOn: ['metallb'] });
  expect(chart.toReleases()[0]).toMatchObject({ name: 'podinfo', namespace: 'apps', values: { replicaCount: 2 }, dependsOn: ['metallb'] });
  const tpl = new UserService(Testing.chart(), 't', { name: 'kyverno', template: 'kyverno-3-2-6' });
  expect(tpl.toReleases()[0]).toMatchObject({ template: 'kyverno-3-2-6', namespace: 'default' });
  expect(tpl.toMkeConfig()).toEqual({ services: [{ template: 'kyverno-3-2-6', name: 'kyverno' }] });
  expect(() => new UserService(Testing.chart(), 'x', { name: 'x' })).toThrow(/exactly one/);
});
