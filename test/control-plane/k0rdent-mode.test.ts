/** k0rdent mode: sources, templates, the MultiClusterService, warnings, standalone use. */
import { ApiObject, Chart, Testing } from 'cdk8s';
import { MkeValidationError } from '../../lib/config/diagnostics';
import { addSystemService } from '../../lib/control-plane';
import { K0rdentServices, serviceTemplateName } from '../../lib/control-plane/k0rdent-services';
import { MetalLb } from '../../lib/services/metallb';
import { UserService } from '../../lib/services/user-service';
import { renderCluster } from '../../lib/cluster';
import { everyServiceSpec, mcsService, ofKind, synthSpec } from './fixtures';

type Mcs = { metadata: { name: string; namespace?: string }; spec: { clusterSelector: unknown; serviceSpec: Record<string, unknown> & { services: { name: string; template: string }[] } } };

describe('k0rdent mode, every service on (4.2.0)', () => {
  const s = synthSpec(everyServiceSpec('v4.2.0'), 'k0rdent');
  const [mcs] = ofKind(s, 'MultiClusterService') as Mcs[];

  test('MCS: cluster-scoped, management-cluster selector, selfManagement (kcm 1.3), drift settings, syncMode, priority', () => {
    expect(mcs.metadata).toEqual({ name: 'mke-system-services', annotations: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' } });
    expect(mcs.spec.clusterSelector).toEqual({ matchLabels: { 'k0rdent.mirantis.com/management-cluster': 'true' } });
    expect(mcs.spec.serviceSpec.provider).toEqual({ selfManagement: true });
    expect(mcs.spec.serviceSpec.syncMode).toBe('ContinuousWithDriftDetection');
    expect(mcs.spec.serviceSpec.priority).toBe(100);
    expect(mcs.spec.serviceSpec.driftIgnore).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment', name: 'custom', namespace: 'mke' }]);
    expect(mcs.spec.serviceSpec.driftExclusions).toEqual([{ paths: ['/spec/replicas'], target: { kind: 'Deployment', name: 'monitoring-grafana', namespace: 'mke' } }]);
  });

  test('services in dependency order, each with a namespace; user template passed through', () => {
    const names = mcs.spec.serviceSpec.services.map((x) => x.name);
    expect(names.indexOf('node-feature-discovery')).toBeLessThan(names.indexOf('gpu-operator'));
    expect(names.indexOf('minio')).toBeLessThan(names.indexOf('velero'));
    expect(names.indexOf('monitoring')).toBeLessThan(names.indexOf('cadvisor'));
    for (const x of mcs.spec.serviceSpec.services as { namespace?: string }[]) expect(x.namespace).toBeTruthy();
    expect(mcsService(s, 'kyverno')).toMatchObject({ template: 'kyverno-3-2-6', namespace: 'kyverno', values: { admissionController: { replicas: 3 } } });
  });

  test('values are YAML strings that parse back to the computed values', () => {
    expect(mcsService(s, 'ingress-nginx')!.values).toMatchObject({ controller: { replicaCount: 3, service: { nodePorts: { http: 33100 } } } });
    expect(mcsService(s, 'podinfo')!.values).toEqual({ replicaCount: 2, ui: { message: '${NOT_A_VAR}' } });
  });

  test('valuesFrom on 1.3 has kind and name only', () => {
    expect(mcsService(s, 'authentication')!.valuesFrom).toEqual([{ kind: 'Secret', name: 'mke-authentication-secrets' }]);
  });

  test('Flux sources: the private registry with credentials and CA, and one HelmRepository per https repo, all labelled', () => {
    const repos = ofKind(s, 'HelmRepository') as { metadata: { name: string; namespace: string; labels: Record<string, string> }; spec: Record<string, unknown> }[];
    expect(repos.map((r) => [r.metadata.name, r.spec.type, r.spec.url])).toEqual([
      ['mke-charts', 'oci', 'oci://registry.example.com/mke'],
      ['stefanprodan-github-io-podinfo', 'default', 'https://stefanprodan.github.io/podinfo'],
    ]);
    for (const r of repos) expect(r.metadata).toMatchObject({ namespace: 'k0rdent', labels: { 'k0rdent.mirantis.com/managed': 'true' } });
    expect(repos[0].spec).toMatchObject({ secretRef: { name: 'registry-credentials' }, certSecretRef: { name: 'mke-charts-ca' } });
    const [ca] = ofKind(s, 'Secret') as { metadata: { name: string }; stringData: Record<string, string> }[];
    expect(ca.metadata.name).toBe('mke-charts-ca');
    expect(ca.stringData['ca.crt']).toContain('BEGIN CERTIFICATE');
  });

  test('ServiceTemplates: <chart>-<version>-<content hash>, in k0rdent, chartSpec with interval and sourceRef', () => {
    const templates = ofKind(s, 'ServiceTemplate') as { metadata: { name: string; namespace: string }; spec: { helm: { chartSpec: Record<string, unknown> } } }[];
    const podinfo = templates.find((t) => /^podinfo-6-5-0-[0-9a-f]{6}$/.test(t.metadata.name))!;
    expect(mcsService(s, 'podinfo')!.template).toBe(podinfo.metadata.name);
    expect(podinfo.metadata.namespace).toBe('k0rdent');
    expect(podinfo.spec.helm.chartSpec).toEqual({ chart: 'podinfo', version: '6.5.0', interval: '10m0s', sourceRef: { kind: 'HelmRepository', name: 'stefanprodan-github-io-podinfo' } });
    expect(serviceTemplateName({ name: 'tigera-operator', version: 'v3.30.200+mke.1' })).toBe('tigera-operator-v3-30-200-mke-1');
  });

  test('namespaces: k0rdent and the target namespaces, never the built-in ones', () => {
    const names = (ofKind(s, 'Namespace') as { metadata: { name: string } }[]).map((n) => n.metadata.name);
    expect(names[0]).toBe('k0rdent');
    expect(names).toEqual(expect.arrayContaining(['mke', 'metallb-system', 'podinfo', 'kyverno', 'gpu-operator']));
    expect(names).not.toContain('kube-system');
  });

  test('warnings: unverified charts listed once, lameduck not delivered, the auth Secret named', () => {
    const codes = s.rendered.warnings.map((w) => w.code);
    expect(codes.filter((c) => c === 'unverified-chart')).toHaveLength(1);
    expect(codes).toEqual(expect.arrayContaining(['delivery-unsupported', 'secret-missing']));
    expect(s.rendered.warnings.find((w) => w.code === 'unverified-chart')!.message).toContain('mke-dashboard:');
  });
});

test('kcm ≤ 1.2 (4.1.3): no provider field; valuesFrom carries the k0rdent namespace', () => {
  const s = synthSpec(everyServiceSpec('v4.1.3'), 'k0rdent');
  const [mcs] = ofKind(s, 'MultiClusterService') as Mcs[];
  expect(mcs.spec.serviceSpec.provider).toBeUndefined();
  expect(mcsService(s, 'authentication')!.valuesFrom).toEqual([{ kind: 'Secret', name: 'mke-authentication-secrets', namespace: 'k0rdent' }]);
});

test('a chart override removes the unverified warning for that chart', () => {
  const s = synthSpec(everyServiceSpec('v4.2.0'), 'k0rdent');
  const lb = new MetalLb(s.cluster.chart('50-extras'), 'lb2', { release: '4.2.0', namespace: 'lb2', chart: { name: 'metallb', version: '0.15.3', repository: 'https://metallb.github.io/metallb' } });
  const before = s.cluster.warnings.length;
  addSystemService(s.cluster, lb);
  expect(s.cluster.warnings.slice(before)).toEqual([]);
});

test('a dependency cycle between user services fails synth with code dependency-cycle', () => {
  const s = synthSpec(everyServiceSpec('v4.2.0'), 'k0rdent');
  const scope = s.cluster.chart('50-extras');
  const chart = { name: 'x', version: '1.0.0', repository: 'https://charts.example.com' };
  addSystemService(s.cluster, new UserService(scope, 'a', { name: 'a', chart, dependsOn: ['b'] }));
  addSystemService(s.cluster, new UserService(scope, 'b', { name: 'b', chart, dependsOn: ['a'] }));
  expect(() => renderCluster(s.cluster)).toThrow();
  try {
    renderCluster(s.cluster);
  } catch (e) {
    expect((e as MkeValidationError).diagnostics).toEqual([expect.objectContaining({ code: 'dependency-cycle', severity: 'error' })]);
  }
});

test('a dependency on a service that is not enabled fails synth with code template-missing', () => {
  const s = synthSpec(everyServiceSpec('v4.2.0'), 'k0rdent');
  const chart = { name: 'x', version: '1.0.0', repository: 'https://charts.example.com' };
  addSystemService(s.cluster, new UserService(s.cluster.chart('50-extras'), 'a', { name: 'a', chart, dependsOn: ['ghost'] }));
  try {
    renderCluster(s.cluster);
    throw new Error('expected an error');
  } catch (e) {
    expect((e as MkeValidationError).diagnostics).toEqual([expect.objectContaining({ code: 'template-missing', severity: 'error' })]);
    expect((e as MkeValidationError).diagnostics[0].message).toContain('ghost');
  }
});

test('standalone: K0rdentServices and a service in one plain chart', () => {
  const chart = new Chart(Testing.app(), 'c');
  const lb = new MetalLb(chart, 'lb', { release: '4.1.3' });
  lb.addIpAddressPool('pool', { addresses: ['192.0.2.0/28'] });
  new K0rdentServices(chart, 'k0rdent', { release: '4.1.3' }).addService(lb);
  expect(Testing.synth(chart).map((o) => o.kind)).toEqual(['IPAddressPool', 'Namespace', 'MultiClusterService', 'HelmRepository', 'ServiceTemplate', 'Namespace']);
});

test('MKE 4.0: nothing in manifests, the 4.0 warning', () => {
  const spec = everyServiceSpec('v4.0.0') as unknown as Record<string, unknown>;
  for (const k of ['registries', 'nodeLocalDNS', 'metallb', 'k0rdent', 'certificates', 'services', 'driftDetection']) delete spec[k];
  const s = synthSpec(spec as never, 'operator');
  expect(s.objects).toEqual([]);
  expect(s.rendered.warnings.map((w) => w.code)).toContain('mke40-services');
});

describe('run-time behaviour of the k0rdent-mode output (issue 12)', () => {
  const spec = everyServiceSpec('v4.2.0');
  const s = synthSpec(spec, 'k0rdent');

  test('ServiceTemplate names change whenever the spec does: a chart moved to a mirror is a new template (spec is immutable)', () => {
    const names = (x: typeof s) => (ofKind(x, 'ServiceTemplate') as { metadata: { name: string } }[]).map((t) => t.metadata.name).sort();
    const addons = (spec as unknown as { addons: { chart: Record<string, unknown> }[] }).addons;
    const mirrored = synthSpec({ ...spec, addons: [{ ...addons[0], chart: { ...addons[0].chart, repo: 'https://mirror.example.com/charts' } }] } as typeof spec, 'k0rdent');
    const before = names(s).filter((n) => n.startsWith('podinfo-6-5-0-'));
    const after = names(mirrored).filter((n) => n.startsWith('podinfo-6-5-0-'));
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
    // Same input, same names (deterministic).
    expect(names(synthSpec(spec, 'k0rdent'))).toEqual(names(s));
  });

  test('objects whose CRDs a chart brings are in extras/ with their own kustomization, never referenced by manifests/', () => {
    const paths = s.rendered.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['manifests/kustomization.yaml', 'extras/kustomization.yaml', 'extras/50-extras.yaml']));
    expect(paths).not.toContain('manifests/50-extras.yaml');
    const manifestsKustomization = s.rendered.files.find((f) => f.path === 'manifests/kustomization.yaml')!.content;
    expect(manifestsKustomization).not.toContain('50-extras');
    const extrasKinds = s.objects.filter((o) => o.file === 'extras/50-extras.yaml').map((o) => o.object.kind);
    expect(extrasKinds).toEqual(expect.arrayContaining(['EnvoyProxy', 'GatewayClass', 'Gateway']));
    const chartKinds = ['EnvoyProxy', 'GatewayClass', 'Gateway', 'IPAddressPool', 'L2Advertisement', 'NetworkAttachmentDefinition'];
    expect(s.objects.filter((o) => o.file.startsWith('manifests/') && chartKinds.includes(String(o.object.kind)))).toEqual([]);
  });

  test('(audit) the MultiClusterService is in services/, its own kustomization, never in the batch of the ServiceTemplates it names', () => {
    // kcm's MCS webhook refuses the MCS until each template exists and is valid, and Flux dry-runs a
    // whole batch first: in one kustomization the templates would never be created.
    const paths = s.rendered.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['services/30-services.yaml', 'services/kustomization.yaml']));
    expect(paths).not.toContain('manifests/30-services.yaml');
    const kustomization = (folder: string) => s.rendered.files.find((f) => f.path === `${folder}/kustomization.yaml`)!.content;
    expect(kustomization('manifests')).not.toContain('30-services');
    expect(kustomization('services')).toContain('- 30-services.yaml');
    const mcsFile = s.objects.find((o) => o.object.kind === 'MultiClusterService')!.file;
    expect(mcsFile).toBe('services/30-services.yaml');
    const templateFiles = new Set(s.objects.filter((o) => o.object.kind === 'ServiceTemplate').map((o) => o.file));
    expect([...templateFiles]).toEqual(['manifests/20-templates.yaml']);
    expect(s.rendered.files.find((f) => f.path === 'prerequisites.yaml')!.content).toContain('manifests/, services/ and extras/');
  });

  test('(audit) apply staging: an MCS put into the chart of the ServiceTemplates it names fails synth with apply-staging', () => {
    const x = synthSpec(spec, 'k0rdent');
    const [template] = ofKind(x, 'ServiceTemplate') as { metadata: { name: string } }[];
    new ApiObject(x.cluster.chart('20-templates'), 'early-mcs', {
      apiVersion: 'k0rdent.mirantis.com/v1beta1',
      kind: 'MultiClusterService',
      metadata: { name: 'early' },
      spec: { clusterSelector: { matchLabels: { a: 'b' } }, serviceSpec: { services: [{ template: template.metadata.name, name: 'x', namespace: 'mke' }] } },
    });
    const diagnostics = errorsOf(() => renderCluster(x.cluster));
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([['apply-staging', 'lab/manifests/20-templates.yaml']]);
    expect(diagnostics[0].message).toContain(`ServiceTemplate k0rdent ${template.metadata.name}`);
  });

  test('apply staging: a CR whose CRD a chart brings, put into manifests/, fails synth with apply-staging', () => {
    const x = synthSpec(spec, 'k0rdent');
    new ApiObject(x.cluster.chart('30-services'), 'pool', { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'late', namespace: 'metallb-system' }, spec: { addresses: ['192.0.2.0/28'] } });
    const diagnostics = errorsOf(() => renderCluster(x.cluster));
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([['apply-staging', 'lab/services/30-services.yaml']]);
    expect(diagnostics[0].message).toContain('chart metallb');
  });

  test('(audit) a valuesFrom Secret is created with the Secret type Sveltos reads (else ErrSecretTypeNotSupported)', () => {
    const valuesFrom = s.rendered.prerequisites!.find((p) => p.name === 'mke-authentication-secrets')!;
    expect(valuesFrom.how).toContain('create secret generic mke-authentication-secrets --type=addons.projectsveltos.io/cluster-profile ');
    expect(s.cluster.warnings.find((w) => w.code === 'secret-missing' && w.path === 'spec.authentication')!.hint).toContain('addons.projectsveltos.io/cluster-profile');
  });

  test('(audit) a prerequisite in a Namespace only manifests/ creates says to create that Namespace first', () => {
    const how = (name: string) => s.rendered.prerequisites!.find((p) => p.name === name)!.how;
    // `kubectl -n mke create secret …` fails while Namespace mke does not exist (it comes with manifests/).
    expect(how('velero-credentials')).toMatch(/^kubectl create namespace mke .*then kubectl -n mke create secret generic velero-credentials /);
    expect(how('mke-ingress.tls')).toMatch(/^kubectl create namespace mke /);
    // k0rdent exists after k0sctl apply (the kcm Helm extension creates it).
    expect(how('registry-credentials')).toMatch(/^kubectl -n k0rdent create secret/);
  });

  test('reference closure: every Secret the output names is in it or a declared prerequisite, listed with how', () => {
    const prerequisites = s.rendered.prerequisites!;
    const keys = prerequisites.map((p) => `${p.kind}/${p.namespace ?? ''}/${p.name}`);
    expect(keys).toEqual(expect.arrayContaining(['Secret/mke/velero-credentials', 'Secret/mke/minio-credentials', 'Secret/mke/mke-ingress.tls', 'Secret/k0rdent/registry-credentials', 'Secret/k0rdent/mke-authentication-secrets', 'ServiceTemplate/k0rdent/kyverno-3-2-6']));
    for (const p of prerequisites) expect(p.how.length).toBeGreaterThan(10);
    // One entry per object, with every reason: the Gateway's listener and ingress-nginx's default certificate.
    expect(prerequisites.find((p) => p.name === 'mke-ingress.tls')!.why).toMatch(/^ingress-nginx --default-ssl-certificate .*; Gateway mke-gateway-ingress/);
    const file = s.rendered.files.find((f) => f.path === 'prerequisites.yaml')!.content;
    expect(file).toContain('name: velero-credentials');
    expect(file).toContain('--from-file=cloud=');
  });

  test('reference closure: an object naming a Secret nobody creates fails synth with reference-unresolved', () => {
    const x = synthSpec(spec, 'k0rdent');
    new ApiObject(x.cluster.chart('10-sources'), 'repo', { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', metadata: { name: 'private', namespace: 'k0rdent' }, spec: { url: 'oci://r.example.com/c', type: 'oci', secretRef: { name: 'nobody-creates-this' } } });
    new ApiObject(x.cluster.chart('30-services'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'no-such-namespace' } });
    new ApiObject(x.cluster.chart('30-services'), 'cr', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    const diagnostics = errorsOf(() => renderCluster(x.cluster));
    expect(diagnostics.every((d) => d.code === 'reference-unresolved')).toBe(true);
    const text = diagnostics.map((d) => d.message).join('\n');
    expect(text).toContain('spec.secretRef names Secret k0rdent/nobody-creates-this');
    expect(text).toContain('metadata.namespace names Namespace no-such-namespace');
    expect(text).toContain('group example.com');
  });

  test('a service can add its own prerequisite (the hook other services use)', () => {
    const x = synthSpec(spec, 'k0rdent');
    class WithCert extends UserService {
      prerequisites() {
        return [{ kind: 'Secret', namespace: 'default', name: 'my-tls', why: 'test', how: 'kubectl create secret tls my-tls …' }];
      }
    }
    addSystemService(x.cluster, new WithCert(x.cluster.chart('50-extras'), 'cert', { name: 'cert', chart: { name: 'x', version: '1.0.0', repository: 'https://charts.example.com' } }));
    expect(renderCluster(x.cluster).prerequisites!.map((p) => p.name)).toContain('my-tls');
  });

  test('warnings: registry CA on 4.2 (kcm 1.3 does not pass it to Sveltos); certificates and componentScheduling dropped', () => {
    const codes = s.cluster.warnings.map((w) => `${w.code} ${w.path}`);
    expect(codes).toEqual(expect.arrayContaining(['registry-ca-ignored spec.registries.chartRegistry.caData', 'k0rdent-dropped-section spec.componentScheduling']));
    const op = synthSpec(everyServiceSpec('v4.1.3'), 'k0rdent');
    expect(op.cluster.warnings.map((w) => w.code)).not.toContain('registry-ca-ignored');
    const certs = synthSpec({ ...spec, certificates: { enabled: true, domainName: 'mke.example.com' } } as typeof spec, 'k0rdent');
    expect(certs.cluster.warnings.map((w) => `${w.code} ${w.path}`)).toContain('k0rdent-dropped-section spec.certificates');
    const operator = synthSpec({ ...spec, certificates: { enabled: true } } as typeof spec, 'operator');
    expect(operator.cluster.warnings.map((w) => w.code)).not.toContain('k0rdent-dropped-section');
  });
});

function errorsOf(run: () => unknown) {
  try {
    run();
  } catch (e) {
    if (e instanceof MkeValidationError) return [...e.diagnostics];
    throw e;
  }
  throw new Error('expected synth to fail');
}
