/** Unit tests per fleet construct: read the fields they emit. */
import { App, Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { ChildCluster } from '../../lib/fleet/child-cluster';
import { AdoptedCredential, AwsCredential, AzureCredential, OpenStackCredential, VSphereCredential } from '../../lib/fleet/credential';
import { requiredProviders } from '../../lib/fleet/fleet';
import { FleetServiceSet } from '../../lib/fleet/fleet-service-set';
import { FleetServiceTemplate } from '../../lib/fleet/fleet-service-template';
import { makeFleet, typicalFleet } from './support';

type Obj = { apiVersion: string; kind: string; metadata: Record<string, unknown> & { name: string }; spec: Record<string, unknown> };
const json = (o: { toJson(): unknown }) => o.toJson() as Obj;
const SUBSTITUTE = { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' };

describe('Credential', () => {
  test.each([
    [AwsCredential, 'infrastructure.cluster.x-k8s.io/v1beta2', 'AWSClusterStaticIdentity', 'aws'],
    [AzureCredential, 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureClusterIdentity', 'azure'],
    [VSphereCredential, 'infrastructure.cluster.x-k8s.io/v1beta1', 'VSphereClusterIdentity', 'vsphere'],
    [OpenStackCredential, 'v1', 'Secret', 'openstack'],
    [AdoptedCredential, 'v1', 'Secret', 'adopted'],
  ] as const)('%p points at %s %s', (Kind, apiVersion, kind, provider) => {
    const chart = Testing.chart();
    const cred = new Kind(chart, 'cred', { identityName: 'my-identity', description: 'd' });
    expect(cred.provider).toBe(provider);
    const [o] = Testing.synth(chart) as Obj[];
    expect(o).toEqual({
      apiVersion: 'k0rdent.mirantis.com/v1beta1',
      kind: 'Credential',
      metadata: { name: 'cred', namespace: 'k0rdent', annotations: SUBSTITUTE },
      spec: { description: 'd', identityRef: { apiVersion, kind, name: 'my-identity', namespace: 'k0rdent' } },
    });
  });

  test('release 4.1.0 writes v1alpha1; identityNamespace is honoured', () => {
    const chart = Testing.chart();
    const cred = new AwsCredential(chart, 'c', { name: 'n', identityName: 'i', identityNamespace: 'capa-system', release: '4.1.0' });
    expect(json(cred.apiObject).apiVersion).toBe('k0rdent.mirantis.com/v1alpha1');
    expect((json(cred.apiObject).spec.identityRef as { namespace: string }).namespace).toBe('capa-system');
  });

  test('placement: on the fleet → management 10-sources; in a child → the child folder', () => {
    const { fleet, mgmt } = makeFleet();
    const shared = new AwsCredential(fleet, 'shared', { identityName: 'i' });
    const child = fleet.addCluster('c1', { template: 'aws-standalone-cp-1-0-12', credential: shared });
    const own = new AwsCredential(child, 'own', { identityName: 'i' });
    expect(mgmt.manifestObjects().find((m) => m.file === '10-sources')!.objects.filter((o) => o.kind === 'Credential').map((o) => (o.metadata as { name: string }).name)).toEqual(['shared']);
    expect(child.manifestObjects()[0]).toEqual({ file: '10-credentials', objects: [json(own.apiObject)] });
    expect(child.credentialName).toBe('shared');
  });
});

describe('ChildCluster', () => {
  test('ClusterDeployment fields', () => {
    const { fleet } = makeFleet();
    const child = fleet.addCluster('prod-eu', {
      template: 'aws-standalone-cp-1-0-12',
      labels: { env: 'prod' },
      config: { region: 'eu-west-1', clusterLabels: { team: 'a', env: 'override' } },
      services: [{ template: 'ingress-nginx-4-11-0', name: 'ingress-nginx' }],
      servicePriority: 300,
      propagateCredentials: false,
    });
    new AwsCredential(child, 'credential', { name: 'eu-cred', identityName: 'i' });
    const cd = json(child.clusterDeployment);
    expect(cd.apiVersion).toBe('k0rdent.mirantis.com/v1beta1');
    expect(cd.kind).toBe('ClusterDeployment');
    expect(cd.metadata).toEqual({ name: 'prod-eu', namespace: 'k0rdent', labels: { env: 'prod' }, annotations: SUBSTITUTE });
    expect(cd.spec).toEqual({
      template: 'aws-standalone-cp-1-0-12',
      credential: 'eu-cred',
      config: { region: 'eu-west-1', clusterLabels: { env: 'override', team: 'a' } },
      propagateCredentials: false,
      serviceSpec: { services: [{ template: 'ingress-nginx-4-11-0', name: 'ingress-nginx', namespace: 'ingress-nginx' }], priority: 300 },
    });
    expect(child.provider).toBe('aws');
  });

  test('config is always written (kcm would otherwise make it a dry run); labels can stay out of config', () => {
    const { fleet } = makeFleet();
    const child = fleet.addCluster('c', { template: 'adopted-cluster-1-0-1', credential: 'x', labels: { a: 'b' }, labelsInConfig: false });
    expect(json(child.clusterDeployment).spec).toEqual({ template: 'adopted-cluster-1-0-1', credential: 'x', config: {} });
    expect(child.provider).toBe('adopted');
  });

  test('API version follows the management release', () => {
    for (const [release, version] of [['4.1.0', 'v1alpha1'], ['4.1.1', 'v1beta1'], ['4.2.0', 'v1beta1']] as const) {
      const { fleet } = makeFleet(release);
      const child = fleet.addCluster('c', { template: 'adopted-cluster-1-0-1', credential: 'x' });
      expect(json(child.clusterDeployment).apiVersion).toBe(`k0rdent.mirantis.com/${version}`);
    }
  });

  test('used alone: its own folder, newest API', () => {
    const app = new App();
    const child = new ChildCluster(app, 'solo', { template: 'vsphere-standalone-cp-1-0-1' });
    new VSphereCredential(child, 'cred', { identityName: 'vs' });
    expect(child.provider).toBe('vsphere');
    expect(child.manifestObjects().map((m) => [m.file, m.objects.map((o) => o.kind)])).toEqual([
      ['10-credentials', ['Credential']],
      ['20-cluster-deployment', ['ClusterDeployment']],
    ]);
  });
});

describe('FleetServiceTemplate', () => {
  test('ServiceTemplate + labelled HelmRepository with kcm naming plus the content hash of the spec', () => {
    const chart = Testing.chart();
    const t = new FleetServiceTemplate(chart, 'ingress', { chart: 'ingress-nginx', version: '4.11.0', repository: 'oci://ghcr.io/k0rdent/catalog/charts', k8sConstraint: '>=1.28.0' });
    expect(t.templateName).toMatch(/^ingress-nginx-4-11-0-[0-9a-f]{6}$/);
    expect(t.wraps).toBe('ingress-nginx');
    const [repo, tmpl] = Testing.synth(chart) as Obj[];
    expect(repo).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      metadata: { name: 'ghcr-io-k0rdent-catalog-charts', namespace: 'k0rdent', labels: { 'k0rdent.mirantis.com/managed': 'true' }, annotations: SUBSTITUTE },
      spec: { type: 'oci', url: 'oci://ghcr.io/k0rdent/catalog/charts', interval: '10m' },
    });
    expect(tmpl.spec).toEqual({
      helm: { chartSpec: { chart: 'ingress-nginx', version: '4.11.0', interval: '10m', sourceRef: { kind: 'HelmRepository', name: 'ghcr-io-k0rdent-catalog-charts' } } },
      k8sConstraint: '>=1.28.0',
    });
  });

  test('templates share one HelmRepository per URL; an https repository is type default', () => {
    const { fleet, mgmt } = makeFleet();
    const a = fleet.addServiceTemplate('a', { chart: 'a', version: '1.0.0', repository: 'https://charts.example.com' });
    const b = fleet.addServiceTemplate('b', { chart: 'b', version: '2.0.0', repository: 'https://charts.example.com' });
    expect(a.helmRepository).toBeDefined();
    expect(b.helmRepository).toBeUndefined();
    expect(b.repositoryName).toBe(a.repositoryName);
    const sources = mgmt.manifestObjects().find((m) => m.file === '10-sources')!.objects.filter((o) => (o.spec as { url?: string }).url === 'https://charts.example.com');
    expect(sources.map((o) => (o.spec as { type: string }).type)).toEqual(['default']);
    const templates = mgmt.manifestObjects().find((m) => m.file === '20-templates')!.objects.map((o) => (o.metadata as { name: string }).name);
    expect(templates.filter((n) => n === a.templateName || n === b.templateName)).toEqual([a.templateName, b.templateName]);
    expect(a.templateName).toMatch(/^a-1-0-0-[0-9a-f]{6}$/);
  });
});

describe('FleetServiceSet', () => {
  test('a cluster-scoped MultiClusterService with the selector and services', () => {
    const chart = Testing.chart();
    new FleetServiceSet(chart, 'prod', {
      selector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['dev'] }] },
      services: [{ template: 't-1-0-0', name: 'svc', namespace: 'ns', values: 'a: "{{ .Cluster.metadata.name }}"\n', disable: false }],
      priority: 150,
    });
    const [mcs] = Testing.synth(chart) as Obj[];
    expect(mcs.kind).toBe('MultiClusterService');
    expect(mcs.metadata).toEqual({ name: 'prod', annotations: SUBSTITUTE });
    expect(mcs.spec).toEqual({
      clusterSelector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['dev'] }] },
      serviceSpec: { services: [{ template: 't-1-0-0', name: 'svc', namespace: 'ns', values: 'a: "{{ .Cluster.metadata.name }}"\n', disable: false }], priority: 150 },
    });
  });

  test('object values become a YAML string that parses back to the same object (pitfall 1)', () => {
    const chart = Testing.chart();
    const values = { on: 'yes', mode: '0755', list: ['a', 'b'], text: 'line1\nline2', n: 1e3 };
    new FleetServiceSet(chart, 's', { selector: { matchLabels: { a: 'b' } }, services: [{ template: 't', name: 's', values }] });
    const [mcs] = Testing.synth(chart) as Obj[];
    const written = ((mcs.spec.serviceSpec as { services: { values: string }[] }).services[0]).values;
    expect(parse(written, { version: '1.1' })).toEqual(values);
    expect(parse(written)).toEqual(values);
  });
});

describe('requiredProviders', () => {
  test('the providers the child clusters need, sorted, adopted needs none', () => {
    const { fleet } = typicalFleet();
    fleet.addCluster('az', { template: 'azure-standalone-cp-1-0-13', credential: 'x' });
    fleet.addCluster('os', { template: 'whatever', provider: 'openstack', credential: 'x' });
    // From the templates' cluster.x-k8s.io/provider annotations (kcm templates/cluster/*/Chart.yaml); `whatever` falls back to its provider.
    expect(requiredProviders(fleet)).toEqual(['cluster-api-provider-aws', 'cluster-api-provider-azure', 'cluster-api-provider-k0sproject-k0smotron', 'cluster-api-provider-openstack']);
    expect(fleet.requiredProviders()).toEqual(requiredProviders(fleet));
  });
});

test('Chart import keeps the standalone placement inside a Chart', () => {
  const app = new App();
  expect(() => new AwsCredential(app, 'no-chart', { identityName: 'x' })).toThrow();
  expect(() => new AwsCredential(new Chart(app, 'c'), 'ok', { identityName: 'x' })).not.toThrow();
});
