/** Output layout: one folder per cluster, the example app, and a 500-cluster fleet. */
import { applyStagingProblems } from '../../lib/output/output-checks';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AwsCredential } from '../../lib/fleet/credential';
import { renderAll, writeRendered } from '../../lib/output/writer';
import { runFleetExample } from '../support/fleet-example';
import { makeFleet, typicalFleet } from './support';

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'mke4k-fleet-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

test('each cluster gets its folder; fleet-wide objects go to the management manifests', () => {
  const { app } = typicalFleet();
  writeRendered(renderAll(app), out);
  expect(readdirSync(out).sort()).toEqual(['edge-1', 'mgmt', 'prod-eu', 'prod-us']);
  // The child's own Credential is applied before its ClusterDeployment (kcm's webhook needs it ready).
  expect(readdirSync(join(out, 'prod-eu')).sort()).toEqual(['credentials', 'manifests', 'prerequisites.yaml']);
  expect(readdirSync(join(out, 'prod-eu', 'credentials')).sort()).toEqual(['10-credentials.yaml', 'kustomization.yaml']);
  expect(readdirSync(join(out, 'prod-eu', 'manifests')).sort()).toEqual(['20-cluster-deployment.yaml', 'kustomization.yaml']);
  expect(parse(readFileSync(join(out, 'prod-eu', 'credentials', 'kustomization.yaml'), 'utf8')).resources).toEqual(['10-credentials.yaml']);
  expect(parse(readFileSync(join(out, 'prod-eu', 'manifests', 'kustomization.yaml'), 'utf8')).resources).toEqual(['20-cluster-deployment.yaml']);
  const mgmtFiles = readdirSync(join(out, 'mgmt', 'manifests'));
  expect(mgmtFiles).toEqual(expect.arrayContaining(['10-sources.yaml', '20-templates.yaml', 'kustomization.yaml']));
  expect(existsSync(join(out, 'mgmt', 'k0sctl.yaml'))).toBe(true);
  // The MultiClusterServices are applied after the ServiceTemplates they name (kcm's webhook needs them valid).
  const services = readFileSync(join(out, 'mgmt', 'services', '30-services.yaml'), 'utf8');
  expect(services).toContain('name: prod-baseline');
  const mgmtKustomization = parse(readFileSync(join(out, 'mgmt', 'manifests', 'kustomization.yaml'), 'utf8'));
  expect(mgmtKustomization.resources).toEqual(expect.arrayContaining(['10-sources.yaml', '20-templates.yaml']));
  expect(mgmtKustomization.resources).not.toContain('30-services.yaml');
  // Management kcm stays in manifests/: the operator-mode MkeConfig in services/ needs the mke-operator provider it lists.
  expect(mgmtKustomization.resources).toContain('15-management.yaml');
  expect(parse(readFileSync(join(out, 'mgmt', 'services', 'kustomization.yaml'), 'utf8')).resources).toEqual(['30-services.yaml', '40-mke-config.yaml']);
});

test('output is deterministic', () => {
  const a = renderAll(typicalFleet().app);
  const b = renderAll(typicalFleet().app);
  expect(a).toEqual(b);
});

test('the example app (apps/fleet.ts) writes one folder per cluster', () => {
  runFleetExample(out);
  expect(readdirSync(out).sort()).toEqual(['edge-1', 'mgmt', 'prod-eu', 'prod-us']);
  const cd = parse(readFileSync(join(out, 'edge-1', 'manifests', '20-cluster-deployment.yaml'), 'utf8'));
  expect(cd.spec).toMatchObject({ template: 'adopted-cluster-1-0-1', credential: 'edge-1-credential' });
});

test('a fleet of 500 child clusters synthesizes', () => {
  const { app, fleet } = makeFleet();
  fleet.addServiceTemplate('ingress', { name: 'ingress-nginx-4-11-0', chart: 'ingress-nginx', version: '4.11.0', repository: 'oci://ghcr.io/k0rdent/catalog/charts' });
  new AwsCredential(fleet, 'aws', { identityName: 'aws-identity' });
  for (let i = 0; i < 500; i++) {
    fleet.addCluster(`c-${String(i).padStart(3, '0')}`, {
      template: 'aws-standalone-cp-1-0-12',
      credential: 'aws',
      labels: { env: i % 2 ? 'prod' : 'dev', shard: String(i % 10) },
      config: { region: 'eu-west-1' },
      services: i % 50 === 0 ? [{ template: 'ingress-nginx-4-11-0', name: 'ingress-nginx' }] : [],
    });
  }
  fleet.addServiceSet('prod', { selector: { matchLabels: { env: 'prod' } }, services: [{ template: 'ingress-nginx-4-11-0', name: 'ingress-nginx' }] });
  const rendered = renderAll(app);
  expect(rendered).toHaveLength(501);
  const children = rendered.filter((r) => r.name.startsWith('c-'));
  expect(children).toHaveLength(500);
  expect(children.every((r) => r.files.map((f) => f.path).join() === 'manifests/20-cluster-deployment.yaml,manifests/kustomization.yaml,prerequisites.yaml')).toBe(true);
  expect(fleet.requiredProviders()).toEqual(['cluster-api-provider-aws', 'cluster-api-provider-k0sproject-k0smotron']);
});

test('every reference resolves: child folders list the namespace, identities, resource-template ConfigMaps and shared objects as prerequisites', () => {
  const { app, fleet } = typicalFleet();
  const shared = new AwsCredential(fleet, 'shared', { identityName: 'team-identity' });
  fleet.addCluster('quiet', { template: 'aws-standalone-cp-1-0-12', credential: shared, propagateCredentials: false, services: [{ template: 'ingress-nginx-4-11-0', name: 'ingress-nginx' }] });
  const rendered = renderAll(app);
  const keys = (name: string) => rendered.find((r) => r.name === name)!.prerequisites!.map((p) => `${p.kind}/${p.namespace ?? ''}/${p.name}`);
  expect(keys('prod-eu')).toEqual(['Namespace//k0rdent', 'ConfigMap/k0rdent/aws-cluster-identity-resource-template', 'AWSClusterStaticIdentity//aws-cluster-identity']);
  expect(keys('edge-1')).toEqual(expect.arrayContaining(['ConfigMap/k0rdent/edge-1-kubeconfig-resource-template', 'Secret/k0rdent/edge-1-kubeconfig']));
  // Credential in the management folder, templates from it, no propagation: no ConfigMap.
  expect(keys('quiet')).toEqual(['Namespace//k0rdent', 'Credential/k0rdent/shared', 'ServiceTemplate/k0rdent/ingress-nginx-4-11-0']);
  // The fleet-wide credential's identity is a prerequisite of the management cluster's folder.
  expect(keys('mgmt')).toContain('AWSClusterStaticIdentity//team-identity');
  writeRendered(rendered, out);
  expect(readFileSync(join(out, 'prod-eu', 'prerequisites.yaml'), 'utf8')).toContain('projectsveltos.io/template');
});

test('(audit) apply staging: a ClusterDeployment in the batch of its Credential or ServiceTemplates is refused at synth', () => {
  const cd = (file: string) => ({
    file,
    object: { apiVersion: 'k0rdent.mirantis.com/v1beta1', kind: 'ClusterDeployment', metadata: { name: 'c', namespace: 'k0rdent' }, spec: { template: 't', credential: 'cred', serviceSpec: { services: [{ template: 'svc', name: 's' }] } } },
  });
  const credential = { file: 'credentials/10-credentials.yaml', object: { kind: 'Credential', metadata: { name: 'cred', namespace: 'k0rdent' } } };
  const template = { file: 'manifests/20-templates.yaml', object: { kind: 'ServiceTemplate', metadata: { name: 'svc', namespace: 'k0rdent' } } };
  // Separate folders (separate Flux batches): fine.
  expect(applyStagingProblems([credential, template, cd('services/30-services.yaml')], 'c')).toEqual([]);
  const together = applyStagingProblems([credential, template, cd('credentials/20-cluster-deployment.yaml')], 'c');
  expect(together.map((d) => [d.code, d.path])).toEqual([['apply-staging', 'c/credentials/20-cluster-deployment.yaml']]);
  expect(together[0].message).toContain('Credential k0rdent cred');
  expect(applyStagingProblems([credential, template, cd('manifests/30-services.yaml')], 'c')[0].message).toContain('ServiceTemplate k0rdent svc');
});
