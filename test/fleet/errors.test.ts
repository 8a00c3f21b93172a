/** Every fleet error path, reported through the writer as diagnostics (code, path, hint). */
import { App } from 'cdk8s';
import { MkeCluster } from '../../lib/cluster';
import { MkeValidationError, type Diagnostic } from '../../lib/config/diagnostics';
import { AwsCredential } from '../../lib/fleet/credential';
import { Fleet } from '../../lib/fleet/fleet';
import { constructErrors, renderAll } from '../../lib/output/writer';
import { makeFleet, managementSpec, typicalFleet } from './support';

/** The diagnostics renderAll throws (fails the test when it does not throw). */
function synthErrors(app: App): Diagnostic[] {
  try {
    renderAll(app);
  } catch (e) {
    if (e instanceof MkeValidationError) return [...e.diagnostics];
    throw e;
  }
  throw new Error('expected renderAll to fail');
}

const pick = (ds: readonly Diagnostic[]) => ds.map((d) => ({ code: d.code, path: d.path, severity: d.severity }));

describe('fleet errors', () => {
  test('the typical fleet is valid and has no warnings', () => {
    const { app } = typicalFleet();
    const rendered = renderAll(app);
    expect(rendered.map((r) => r.name)).toEqual(['mgmt', 'prod-eu', 'prod-us', 'edge-1']);
    expect(rendered.flatMap((r) => r.warnings.filter((w) => w.path.startsWith('fleet')))).toEqual([]);
  });

  test('a service referencing an undeclared ServiceTemplate names the template', () => {
    const { app, fleet } = typicalFleet();
    fleet.addServiceSet('broken', { selector: { matchLabels: { env: 'prod' } }, services: [{ template: 'kyverno-3-2-6', name: 'kyverno' }] });
    const errors = synthErrors(app);
    expect(pick(errors)).toEqual([{ code: 'template-missing', path: 'fleet', severity: 'error' }].map((d) => ({ ...d, path: 'fleet/broken' })));
    expect(errors[0].message).toContain('kyverno-3-2-6');
    expect(errors[0].hint).toContain('FleetServiceTemplate named kyverno-3-2-6');
  });

  test('a child cluster service with a missing template is an error on that child', () => {
    const { app, fleet } = typicalFleet();
    fleet.clusters()[1].addService({ template: 'nope-1-0-0', name: 'nope' });
    expect(pick(synthErrors(app))).toEqual([{ code: 'template-missing', path: 'fleet/prod-us', severity: 'error' }]);
  });

  test('templates the management cluster emits and external templates are accepted', () => {
    const { app, fleet, mgmt } = makeFleet('4.2.0', ['cluster-api-provider-aws'], { externalTemplates: ['catalog-kyverno-3-2-6'] });
    const managementTemplates = mgmt.node.findAll().filter((c) => (c as { kind?: string }).kind === 'ServiceTemplate').map((c) => (c as unknown as { name: string }).name);
    const child = fleet.addCluster('c1', { template: 'aws-standalone-cp-1-0-12', labels: { env: 'x' } });
    new AwsCredential(child, 'credential', { identityName: 'aws-id' });
    child.addService({ template: 'catalog-kyverno-3-2-6', name: 'kyverno' });
    for (const template of managementTemplates.slice(0, 1)) child.addService({ template, name: 'from-mgmt' });
    expect(() => renderAll(app)).not.toThrow();
  });

  test('a credential reference that the fleet does not declare', () => {
    const { app, fleet } = makeFleet();
    fleet.addCluster('c1', { template: 'aws-standalone-cp-1-0-12', credential: 'ghost' });
    const errors = synthErrors(app);
    expect(pick(errors)).toEqual([{ code: 'credential-missing', path: 'fleet/c1', severity: 'error' }]);
    expect(errors[0].message).toContain('credential ghost');
  });

  test('an external credential is accepted', () => {
    const { app, fleet } = makeFleet('4.2.0', ['cluster-api-provider-aws'], { externalCredentials: ['ghost'] });
    fleet.addCluster('c1', { template: 'aws-standalone-cp-1-0-12', credential: 'ghost' });
    expect(() => renderAll(app)).not.toThrow();
  });

  test('a child cluster with no credential at all', () => {
    const { app, fleet } = makeFleet();
    fleet.addCluster('c1', { template: 'aws-standalone-cp-1-0-12' });
    const errors = synthErrors(app);
    expect(pick(errors)).toEqual([{ code: 'credential-missing', path: 'fleet/c1', severity: 'error' }]);
    expect(errors[0].hint).toContain('credential');
  });

  test('bad labels on a child and bad selector syntax', () => {
    const { app, fleet } = typicalFleet();
    const child = fleet.addCluster('c1', { template: 'adopted-cluster-1-0-1', labels: { 'Bad Key': 'x', env: 'not ok!' } });
    new AwsCredential(child, 'credential', { identityName: 'id' });
    fleet.addServiceSet('bad-selector', {
      selector: { matchLabels: { '-x': 'y' }, matchExpressions: [{ key: 'env', operator: 'In' }, { key: 'k', operator: 'Exists', values: ['v'] }] },
      services: [{ template: 'ingress-nginx-4-11-0', name: 'ingress-nginx' }],
    });
    const errors = synthErrors(app);
    const byPath = (p: string) => errors.filter((d) => d.path === p);
    expect(byPath('fleet/c1').map((d) => d.code)).toEqual(['invalid-label', 'invalid-label']);
    expect(byPath('fleet/bad-selector').map((d) => d.code)).toEqual(['invalid-label', 'invalid-label', 'invalid-label']);
    expect(byPath('fleet/bad-selector').map((d) => d.message).join('\n')).toMatch(/needs at least one value[\s\S]*takes no values/);
  });

  test('a child may not carry the management-cluster label', () => {
    const { app, fleet } = makeFleet();
    fleet.addCluster('c1', { template: 'adopted-cluster-1-0-1', credential: 'x', labels: { 'k0rdent.mirantis.com/management-cluster': 'true' } });
    new AwsCredential(fleet, 'x', { identityName: 'id' });
    expect(pick(synthErrors(app))).toEqual([{ code: 'invalid-label', path: 'fleet/c1', severity: 'error' }]);
  });

  test('an empty selector is an error (never match everything)', () => {
    const { app, fleet } = typicalFleet();
    fleet.addServiceSet('everyone', { selector: {}, services: [{ template: 'ingress-nginx-4-11-0', name: 'ingress-nginx' }] });
    const errors = synthErrors(app);
    expect(pick(errors)).toEqual([{ code: 'selector-empty', path: 'fleet/everyone', severity: 'error' }]);
    expect(errors[0].message).toContain('empty selector');
  });

  test('invalid DNS-1123 names', () => {
    const { app, fleet } = makeFleet();
    const child = fleet.addCluster('Prod_EU', { template: 'aws-standalone-cp-1-0-12' });
    new AwsCredential(child, 'credential', { name: 'Cred', identityName: 'id' });
    fleet.addServiceTemplate('t', { chart: 'x', version: '1.0.0', repository: 'oci://example.com/charts', name: 'UPPER' });
    fleet.addServiceSet('s', { name: 'a_b', selector: { matchLabels: { a: 'b' } } });
    const errors = synthErrors(app).filter((d) => d.code === 'invalid-name');
    expect(errors.map((d) => d.path).sort()).toEqual(['fleet/Prod_EU', 'fleet/Prod_EU/credential', 'fleet/s', 'fleet/t']);
  });

  test('two child clusters with the same name', () => {
    const { app, fleet } = typicalFleet();
    const dup = fleet.addCluster('again', { name: 'prod-eu', template: 'adopted-cluster-1-0-1' });
    new AwsCredential(dup, 'credential', { name: 'again-cred', identityName: 'id' });
    const errors = synthErrors(app);
    expect(pick(errors)).toEqual([{ code: 'duplicate-cluster', path: 'fleet/again', severity: 'error' }]);
  });

  test('a child cluster named like the management cluster', () => {
    const { app, fleet } = makeFleet();
    const child = fleet.addCluster('mgmt-child', { name: 'mgmt', template: 'adopted-cluster-1-0-1' });
    new AwsCredential(child, 'credential', { identityName: 'id' });
    expect(pick(synthErrors(app))).toEqual([{ code: 'duplicate-cluster', path: 'fleet/mgmt-child', severity: 'error' }]);
  });

  test('two credentials with the same name', () => {
    const { app, fleet } = makeFleet();
    new AwsCredential(fleet, 'a', { name: 'shared', identityName: 'id' });
    new AwsCredential(fleet, 'b', { name: 'shared', identityName: 'id' });
    const child = fleet.addCluster('c1', { template: 'aws-standalone-cp-1-0-12', credential: 'shared' });
    expect(child.credentialName).toBe('shared');
    const errors = synthErrors(app);
    expect(errors.map((d) => d.code)).toEqual(['duplicate-object']);
    expect(errors[0].message).toContain('two Credential objects are named shared');
  });

  test('providers the templates need are enabled in Management kcm without being listed in mke4.yaml (regression: k0smotron was dropped)', () => {
    const { app, fleet, mgmt } = makeFleet('4.2.0', []);
    for (let i = 0; i < 3; i++) fleet.addCluster(`aws-${i}`, { template: 'aws-standalone-cp-1-0-12', provider: 'aws', credential: 'x' });
    fleet.addCluster('az', { template: 'azure-standalone-cp-1-0-13', credential: 'x' });
    fleet.addCluster('adopted', { template: 'adopted-cluster-1-0-1', credential: 'x' });
    new AwsCredential(fleet, 'x', { identityName: 'id' });
    renderAll(app);
    const management = mgmt.manifestObjects().flatMap((m) => m.objects).find((o) => o.kind === 'Management')!;
    const names = (management.spec as { providers: { name: string }[] }).providers.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['cluster-api-provider-aws', 'cluster-api-provider-azure', 'cluster-api-provider-k0sproject-k0smotron', 'projectsveltos']));
    expect(fleet.requiredProviders()).toEqual(['cluster-api-provider-aws', 'cluster-api-provider-azure', 'cluster-api-provider-k0sproject-k0smotron']);
  });

  test('a ClusterTemplate the release\'s kcm does not ship (regression: aws-standalone-cp-1-0-14 on MKE 4.2)', () => {
    const { app, fleet } = makeFleet('4.2.0');
    fleet.addCluster('c1', { template: 'aws-standalone-cp-1-0-14', credential: 'x' });
    new AwsCredential(fleet, 'x', { identityName: 'id' });
    const errors = synthErrors(app);
    expect(pick(errors)).toEqual([{ code: 'cluster-template-unknown', path: 'fleet/c1', severity: 'error' }]);
    expect(errors[0].message).toContain('it ships aws-standalone-cp-1-0-12');
    expect(errors[0].message).toContain('nearest tag, v1.3.1');
    expect(errors[0].hint).toContain('template: aws-standalone-cp-1-0-12');
  });

  test('a template kcm 1.1 does not ship although 1.2 does; an unknown family is a warning; externalClusterTemplates accepts both', () => {
    const a = makeFleet('4.1.1');
    a.fleet.addCluster('c1', { template: 'aws-standalone-cp-1-0-12', credential: 'x' });
    new AwsCredential(a.fleet, 'x', { identityName: 'id' });
    const errors = synthErrors(a.app);
    expect(errors[0].message).toContain('kcm 1.1.0 does not ship; it ships aws-standalone-cp-1-0-10');

    const b = makeFleet('4.2.0', [], { externalClusterTemplates: ['aws-standalone-cp-1-0-14'] });
    b.fleet.addCluster('c1', { template: 'aws-standalone-cp-1-0-14', credential: 'x' });
    b.fleet.addCluster('c2', { template: 'mke4k-aws-standalone-1-0-0', credential: 'x' });
    new AwsCredential(b.fleet, 'x', { identityName: 'id' });
    const warnings = renderAll(b.app)[0].warnings.filter((w) => w.code === 'cluster-template-unknown');
    expect(pick(warnings)).toEqual([{ code: 'cluster-template-unknown', path: 'fleet/c2', severity: 'warning' }]);
  });

  test('values of a k0rdent catalog wrapper chart outside the dependency key are a warning (regression: ignored values)', () => {
    const { app, fleet } = makeFleet('4.2.0');
    const t = fleet.addServiceTemplate('ingress', { chart: 'ingress-nginx', version: '4.13.2', repository: 'oci://ghcr.io/k0rdent/catalog/charts' });
    fleet.addCluster('c1', { template: 'adopted-cluster-1-0-1', credential: 'x', labels: { env: 'prod' } });
    new AwsCredential(fleet, 'x', { identityName: 'id' });
    fleet.addServiceSet('flat', { selector: { matchLabels: { env: 'prod' } }, services: [{ template: t.templateName, name: 'a', values: { controller: { replicaCount: 2 } } }] });
    fleet.addServiceSet('text', { selector: { matchLabels: { env: 'prod' } }, services: [{ template: t.templateName, name: 'b', values: 'controller:\n  replicaCount: 2\n' }] });
    fleet.addServiceSet('nested', { selector: { matchLabels: { env: 'prod' } }, services: [{ template: t.templateName, name: 'c', values: { 'ingress-nginx': { controller: { replicaCount: 2 } }, global: {} } }] });
    const warnings = renderAll(app)[0].warnings.filter((w) => w.code === 'wrapper-values');
    expect(warnings.map((w) => w.path)).toEqual(['fleet/flat', 'fleet/text']);
    expect(warnings[0].hint).toBe('nest the values under `ingress-nginx:`');
  });

  test('a Fleet on an MKE 4.0 management cluster', () => {
    const app = new App({ outdir: '/nonexistent' });
    const mgmt = new MkeCluster(app, 'old', { name: 'old', spec: managementSpec('4.0.1') });
    const fleet = new Fleet(app, 'fleet', { management: mgmt });
    const child = fleet.addCluster('c1', { template: 'adopted-cluster-1-0-1' });
    new AwsCredential(child, 'credential', { identityName: 'id' });
    const errors = synthErrors(app);
    expect(pick(errors)).toEqual([{ code: 'unsupported-version', path: 'fleet', severity: 'error' }]);
    expect(errors[0].message).toContain('MKE 4.0.1');
  });

  test('k0rdent disabled on the management cluster', () => {
    const app = new App({ outdir: '/nonexistent' });
    const spec = { ...managementSpec('4.2.0'), k0rdent: { enabled: false, providers: [{ name: 'cluster-api-provider-aws' }] } };
    const mgmt = new MkeCluster(app, 'mgmt', { name: 'mgmt', spec });
    new Fleet(app, 'fleet', { management: mgmt });
    expect(synthErrors(app).map((d) => d.hint)).toEqual(['set spec.k0rdent.enabled: true on the management cluster']);
  });

  test('a selector that matches no child cluster is a warning on the management cluster', () => {
    const { app, fleet } = typicalFleet();
    fleet.addServiceSet('staging', { selector: { matchLabels: { env: 'staging' } }, services: [{ template: 'ingress-nginx-4-11-0', name: 'ingress-nginx' }] });
    const mgmt = renderAll(app).find((r) => r.name === 'mgmt')!;
    expect(pick(mgmt.warnings.filter((w) => w.path.startsWith('fleet')))).toEqual([{ code: 'selector-no-match', path: 'fleet/staging', severity: 'warning' }]);
  });

  test('a HelmRepository name clash with another URL', () => {
    const { app, fleet } = makeFleet();
    fleet.addServiceTemplate('a', { chart: 'a', version: '1.0.0', repository: 'oci://one.example.com/charts', repositoryName: 'charts' });
    fleet.addServiceTemplate('b', { chart: 'b', version: '1.0.0', repository: 'oci://two.example.com/charts', repositoryName: 'charts' });
    const errors = synthErrors(app);
    expect(pick(errors)).toEqual([{ code: 'duplicate-object', path: 'fleet/b', severity: 'error' }]);
  });

  test('every problem is reported at once, and also reaches plain node.validate()', () => {
    const { app, fleet } = makeFleet('4.2.0', []);
    fleet.addCluster('Bad', { template: 'aws-standalone-cp-1-0-12', credential: 'ghost' });
    fleet.addServiceSet('s', { selector: {}, services: [{ template: 'missing', name: 'm' }] });
    const codes = synthErrors(app).map((d) => d.code).sort();
    expect(codes).toEqual(['credential-missing', 'invalid-name', 'selector-empty', 'template-missing']);
    expect(fleet.node.validate().length).toBeGreaterThan(0);
    expect(constructErrors(fleet).length).toBe(4);
  });
});
