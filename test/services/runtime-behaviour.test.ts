/**
 * Issue 12 items 5–12: values that decide whether a pod starts or a setting takes effect on a real
 * cluster (Dex, ingress-nginx ports, ingress classes and gateway routes, cAdvisor, Velero/MinIO,
 * GPU operator on k0s, Gatekeeper exemptions, node-local-dns). Each test fails on the old output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { Authentication, dexValues } from '../../lib/services/authentication';
import { Backup, minioValues, veleroValues } from '../../lib/services/backup';
import { Gatekeeper } from '../../lib/services/gatekeeper';
import { ingressNginxValues } from '../../lib/services/ingress-nginx';
import { cadvisorValues, kubePrometheusStackValues, Monitoring } from '../../lib/services/monitoring';
import { NodeLocalDns, nodeLocalDnsValues } from '../../lib/services/node-local-dns';
import { nvidiaGpuValues } from '../../lib/services/nvidia-gpu';
import { everyServiceSpec, mcsService, ofKind, synthSpec } from '../control-plane/fixtures';
import { describeShared } from '../corpus';
import { CHARTS } from '../support/chart-values';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const HOST = { role: 'single' as const, ssh: { address: '10.0.0.1' } };

describe('item 5: Dex starts with no identity provider and serves MKE local users', () => {
  test('no connector configured: the password DB is on, so Dex has the local connector', () => {
    const v = dexValues({}) as Obj;
    expect(v.config.connectors).toEqual([]);
    expect(v.config.enablePasswordDB).toBe(true);
  });

  test('SAML and OIDC get redirectURI = <issuer>/callback unless mke4.yaml sets one', () => {
    const v = dexValues({
      externalAddress: 'mke.example.com',
      oidc: { enabled: true, issuer: 'https://idp', clientID: 'c' },
      saml: { enabled: true, ssoURL: 'https://sso', usernameAttr: 'u', emailAttr: 'e' },
    }) as Obj;
    expect(v.config.connectors.map((c: Obj) => c.config.redirectURI)).toEqual(['https://mke.example.com/dex/callback', 'https://mke.example.com/dex/callback']);
    const custom = dexValues({ issuer: 'https://id.example.com/dex/', saml: { enabled: true, ssoURL: 's', usernameAttr: 'u', emailAttr: 'e', redirectURI: 'https://x/cb' }, oidc: { enabled: true } }) as Obj;
    expect(custom.config.connectors.map((c: Obj) => c.config.redirectURI)).toEqual(['https://id.example.com/dex/callback', 'https://x/cb']);
  });

  test('gRPC serves TLS from auth-grpc.tls, which cert-manager issues in the output (no key material written)', () => {
    const v = dexValues({}) as Obj;
    expect(v.grpc).toEqual({ enabled: true });
    expect(v.config.grpc).toEqual({ tlsCert: '/etc/dex-grpc-tls/tls.crt', tlsKey: '/etc/dex-grpc-tls/tls.key', tlsClientCA: '/etc/dex-grpc-tls/ca.crt' });
    expect(v.volumes).toEqual([{ name: 'grpc-tls', secret: { secretName: 'auth-grpc.tls' } }]);
    expect(v.volumeMounts).toEqual([{ name: 'grpc-tls', mountPath: '/etc/dex-grpc-tls', readOnly: true }]);

    const s = synthSpec({ version: 'v4.1.1', hosts: [HOST] }, 'k0rdent');
    const certs = ofKind(s, 'Certificate') as Obj[];
    const leaf = certs.find((c) => c.spec.secretName === 'auth-grpc.tls');
    expect(leaf?.metadata.namespace).toBe('mke');
    // dex-http-server dials authentication-dex:5557 and verifies the name against ca.crt.
    expect(leaf?.spec.dnsNames).toContain('authentication-dex');
    expect(leaf?.spec.usages).toEqual(expect.arrayContaining(['server auth', 'client auth']));
    const issuer = (ofKind(s, 'Issuer') as Obj[]).find((i) => i.metadata.name === leaf?.spec.issuerRef.name);
    expect(issuer?.spec.ca.secretName).toBe(certs.find((c) => c.spec.isCA)?.spec.secretName);
    expect(s.text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
  });

  test('/dex is exposed: an Ingress of class nginx before 4.1.3, an HTTPRoute on the MKE gateway from 4.1.3', () => {
    const old = new Authentication(Testing.chart(), 'a', { release: '4.1.1' });
    const [dex, http] = old.toReleases();
    expect((dex.values as Obj).ingress).toEqual({ enabled: true, className: 'nginx', hosts: [{ host: '', paths: [{ path: '/dex', pathType: 'Prefix' }] }] });
    expect((http.values as Obj).ingress).toEqual({ enabled: true, className: 'nginx' });
    expect(old.k0rdentObjects().filter((o) => o.kind === 'HTTPRoute')).toEqual([]);

    const gw = new Authentication(Testing.chart(), 'b', { release: '4.1.3' });
    const [dex2, http2] = gw.toReleases();
    expect((dex2.values as Obj).ingress).toBeUndefined();
    expect((http2.values as Obj).ingress).toEqual({ enabled: false });
    const routes = gw.k0rdentObjects().filter((o) => o.kind === 'HTTPRoute') as Obj[];
    expect(routes.map((r) => [r.metadata.namespace, r.spec.rules[0].matches[0].path.value, r.spec.rules[0].backendRefs[0]])).toEqual([
      ['mke', '/dex', { name: 'authentication-dex', port: 5556 }],
      ['mke', '/api/dex', { name: 'dex-http-server', port: 80 }],
    ]);
    expect(routes[0].spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'mke-gateway-ingress', namespace: 'mke' }]);
  });

  test('k0rdent mode 4.1.3: the HTTPRoute points at the Gateway the output defines', () => {
    const s = synthSpec({ version: 'v4.1.3', hosts: [HOST] }, 'k0rdent');
    const gateways = ofKind(s, 'Gateway') as Obj[];
    for (const r of ofKind(s, 'HTTPRoute') as Obj[]) {
      const ref = r.spec.parentRefs[0];
      expect(gateways.some((g) => g.metadata.name === ref.name && g.metadata.namespace === ref.namespace)).toBe(true);
    }
    expect((ofKind(s, 'HTTPRoute') as Obj[]).map((r) => r.metadata.name)).toContain('authentication-dex');
  });
});

test('item 6: custom ingress-nginx ports reach the controller as --http-port/--https-port', () => {
  const v = ingressNginxValues({ extraArgs: { httpPort: 8080, httpsPort: 8443 } }) as Obj;
  expect(v.controller.containerPort).toEqual({ http: 8080, https: 8443 });
  expect(v.controller.extraArgs).toEqual({ 'http-port': '8080', 'https-port': '8443' });
  expect((ingressNginxValues({}) as Obj).controller.extraArgs).toBeUndefined();
});

describe('item 7: Grafana and MinIO ingresses have a class, or a route on the MKE gateway', () => {
  test('before 4.1.3: class nginx; MinIO has a host-less rule (the chart default host is minio.local)', () => {
    expect((kubePrometheusStackValues({ enableGrafana: true, grafanaIngress: true }, '4.1.1') as Obj).grafana.ingress).toEqual({ enabled: true, ingressClassName: 'nginx', path: '/grafana' });
    const m = minioValues({ externalAddress: 'mke.example.com', ingress: { kind: 'ingress', className: 'nginx' } }) as Obj;
    expect(m.ingress).toMatchObject({ enabled: true, ingressClassName: 'nginx', hostname: '' });
    expect(m.ingress.extraRules[0].http.paths[0]).toMatchObject({ path: '/minio(/|$)(.*)', backend: { service: { name: 'minio', port: { name: 'minio-console' } } } });
    expect(m.extraEnvVars).toEqual([{ name: 'MINIO_BROWSER_REDIRECT_URL', value: 'https://mke.example.com/minio/' }]);
  });

  test('from 4.1.3: no chart Ingress, an HTTPRoute each to monitoring-grafana:80 and minio:9001', () => {
    const mon = new Monitoring(Testing.chart(), 'm', { release: '4.1.3', enableGrafana: true, grafanaIngress: true });
    expect((mon.toReleases()[0].values as Obj).grafana.ingress).toBeUndefined();
    expect((mon.k0rdentObjects() as Obj[]).map((r) => [r.kind, r.spec.rules[0].matches[0].path.value, r.spec.rules[0].backendRefs[0]])).toEqual([['HTTPRoute', '/grafana', { name: 'monitoring-grafana', port: 80 }]]);
    const b = new Backup(Testing.chart(), 'b', { release: '4.1.3' });
    expect((b.toReleases()[0].values as Obj).ingress).toBeUndefined();
    const [route] = b.k0rdentObjects() as Obj[];
    expect(route.spec.rules[0]).toMatchObject({ backendRefs: [{ name: 'minio', port: 9001 }], filters: [{ type: 'URLRewrite' }] });
    // No Grafana (4.1.3 default) or no UI: no route.
    expect(new Monitoring(Testing.chart(), 'm2', { release: '4.1.3', grafanaIngress: true }).k0rdentObjects()).toEqual([]);
    expect(new Backup(Testing.chart(), 'b2', { release: '4.1.3', storageProvider: { in_cluster_options: { enable_ui: false } } }).k0rdentObjects()).toEqual([]);
  });
});

describe('item 8: cAdvisor metrics reach Prometheus on k0s', () => {
  test('the cadvisor ServiceMonitor carries the label kube-prometheus-stack selects; containerd, not --docker_only', () => {
    const releases = new Monitoring(Testing.chart(), 'm', { release: '4.1.3', enableCAdvisor: true }).toReleases();
    const kps = releases.find((r) => r.name === 'monitoring')!;
    const cadvisor = releases.find((r) => r.name === 'cadvisor')!.values as Obj;
    // kube-prometheus-stack selects ServiceMonitors labelled release: <its release name>.
    expect(cadvisor.commonLabels).toEqual({ release: kps.name });
    expect(cadvisor.metrics.enabled).toBe(true);
    expect(cadvisor.container.additionalArgs).not.toContain('--docker_only');
    expect(cadvisor.container.additionalArgs).toContain('--containerd=/var/run/k0s/containerd.sock');
    expect(cadvisor.metrics.relabelings).toEqual(expect.arrayContaining([expect.objectContaining({ targetLabel: 'metrics_path', replacement: '/metrics/cadvisor' })]));
    // Kubelet's cAdvisor is only switched off when the DaemonSet replaces it.
    expect((kps.values as Obj).kubelet).toEqual({ serviceMonitor: { cAdvisor: false } });
    expect((kubePrometheusStackValues({}, '4.1.3') as Obj).kubelet).toBeUndefined();
  });

  describeShared('against the vendored cadvisor chart', () => {
    test.each(['2.4.0', '2.4.1'])('%s: our args are the chart defaults minus --docker_only plus --containerd; commonLabels reach the ServiceMonitor', (version) => {
      const defaults = parse(readFileSync(join(CHARTS, 'cadvisor', version, 'values.yaml'), 'utf8')) as Obj;
      const ours = cadvisorValues().container as Obj;
      const theirs = (defaults.container.additionalArgs as string[]).filter((a) => a !== '--docker_only');
      expect(ours.additionalArgs).toEqual([...theirs, '--containerd=/var/run/k0s/containerd.sock']);
      expect(defaults.container.additionalArgs).toContain('--docker_only');
      expect(defaults).toHaveProperty('commonLabels');
      expect((defaults.container.hostPaths as Obj[]).map((h) => h.name)).toEqual((ours.hostPaths as Obj[]).map((h) => (h.name === 'containerd' ? 'docker' : h.name)));
    });
  });
});

test('item 9: Velero has an object-store plugin; MinIO uses keys of its chart (disableWebUI, no console.*)', () => {
  const v = veleroValues({}, 'mke') as Obj;
  expect(v.initContainers).toEqual([
    { name: 'velero-plugin-for-aws', image: 'velero/velero-plugin-for-aws:v1.9.0', imagePullPolicy: 'IfNotPresent', volumeMounts: [{ mountPath: '/target', name: 'plugins' }] },
  ]);
  expect((veleroValues({ pluginImage: 'reg.example.com/velero-plugin-for-aws:v1.9.2' }, 'mke') as Obj).initContainers[0].image).toBe('reg.example.com/velero-plugin-for-aws:v1.9.2');
  expect(minioValues({})).not.toHaveProperty('console');
  expect(minioValues({ storageProvider: { in_cluster_options: { enable_ui: false } } })).toMatchObject({ disableWebUI: true });
  expect(minioValues({})).toMatchObject({ disableWebUI: false });
});

test('item 10: the GPU operator uses k0s containerd (k0s docs/runtime.md)', () => {
  expect(nvidiaGpuValues({})).toMatchObject({
    operator: { defaultRuntime: 'containerd' },
    toolkit: {
      env: [
        { name: 'CONTAINERD_CONFIG', value: '/etc/k0s/containerd.d/nvidia.toml' },
        { name: 'CONTAINERD_SOCKET', value: '/run/k0s/containerd.sock' },
        { name: 'CONTAINERD_RUNTIME_CLASS', value: 'nvidia' },
      ],
    },
  });
});

describe('item 11: Gatekeeper exempts every namespace MKE services live in', () => {
  test.each(['v4.1.1', 'v4.1.3', 'v4.2.0'])('%s k0rdent mode, every service on', (version) => {
    const s = synthSpec(everyServiceSpec(version), 'k0rdent');
    const exempt = (mcsService(s, 'gatekeeper')!.values as Obj).controllerManager.exemptNamespaces as string[];
    const mcs = ofKind(s, 'MultiClusterService')[0] as Obj;
    const userNamespaces = ['podinfo', 'kyverno'];
    const serviceNamespaces = (mcs.spec.serviceSpec.services as Obj[]).map((x) => x.namespace as string).filter((n) => !userNamespaces.includes(n));
    expect(exempt).toEqual(expect.arrayContaining([...serviceNamespaces, 'k0rdent', 'team-a']));
    expect(exempt).toEqual(expect.arrayContaining(['ingress-nginx', 'gpu-operator']));
    if (version !== 'v4.1.1') expect(exempt).toContain('envoy-gateway-system');
    if (version === 'v4.2.0') expect(exempt).toContain('metallb-system');
    // The user's own services stay under policy.
    for (const n of userNamespaces) expect(exempt).not.toContain(n);
    // --exempt-namespace alone only permits the ignore label: the Config excludes them for every process.
    const [config] = ofKind(s, 'Config') as Obj[];
    expect(config.metadata).toMatchObject({ name: 'config', namespace: 'mke' });
    expect(config.spec.match).toEqual([{ excludedNamespaces: exempt, processes: ['*'] }]);
  });

  test('a lone Gatekeeper can turn the sibling namespaces off', () => {
    const g = new Gatekeeper(Testing.chart(), 'g', { release: '4.1.3', exemptServiceNamespaces: false });
    expect((g.toReleases()[0].values as Obj).controllerManager.exemptNamespaces).not.toContain('k0rdent');
  });
});

describe('item 12: node-local-dns values exist in the public chart; the warning names them', () => {
  test('only config.localDnsIp and resources; nodeLocalConfigPersist reported, not guessed', () => {
    expect(nodeLocalDnsValues({ serviceCidr: '10.97.0.0/16', nodeLocalConfigPersist: true })).toEqual({ config: { localDnsIp: '169.254.20.10' }, resources: { requests: { cpu: '25m', memory: '5Mi' } } });
    const n = new NodeLocalDns(Testing.chart(), 'n', { release: '4.1.3', nodeLocalConfigPersist: true });
    expect(n.k0rdentWarnings().map((w) => [w.code, w.path])).toEqual([['delivery-unsupported', 'spec.nodeLocalDNS.nodeLocalConfigPersist']]);
  });

  test('the unverified-chart warning lists the value keys used for each unpublished chart', () => {
    const s = synthSpec({ version: 'v4.1.3', hosts: [HOST], nodeLocalDNS: { enabled: true }, network: { multus: { enabled: true } } } as never, 'k0rdent');
    const w = s.rendered.warnings.find((d) => d.code === 'unverified-chart');
    expect(w?.message).toMatch(/node-local-dns:1\.26\.4 \(.*?; values config\.localDnsIp, resources\.requests\.cpu, resources\.requests\.memory\)/);
    expect(w?.message).toMatch(/multus:4\.2\.3 \(.*?; no values\)/);
  });
});
