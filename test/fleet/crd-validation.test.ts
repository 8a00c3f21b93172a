/** Every object the fleet emits validates against the upstream CRDs of its management release. */
import { renderAll } from '../../lib/output/writer';
import type { MkeRelease } from '../../lib/config/releases';
import { describeShared } from '../corpus';
import { crdErrors } from './crd-schema';
import { typicalFleet } from './support';
import { parseAllDocuments } from 'yaml';

const CASES: readonly [MkeRelease, string, string][] = [
  ['4.1.0', 'v0.2.0', 'k0rdent.mirantis.com/v1alpha1'],
  ['4.1.5', 'v1.2.0', 'k0rdent.mirantis.com/v1beta1'],
  ['4.2.0', 'v1.3.1', 'k0rdent.mirantis.com/v1beta1'],
];

/** The fleet's objects as written to the files (parsed back from the rendered YAML). */
function fleetObjects(release: MkeRelease): Record<string, unknown>[] {
  const t = typicalFleet(release);
  // Extra shapes: services on one cluster, a priority, expressions in a selector.
  const child = t.fleet.clusters()[0];
  child.addService({ template: 'ingress-nginx-4-11-0', name: 'extra-ingress', values: 'controller:\n  replicaCount: 1\n' });
  t.fleet.addServiceSet('eu-only', {
    selector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west-1'] }, { key: 'site', operator: 'DoesNotExist' }] },
    services: [{ template: 'cert-manager-1-18-2', name: 'cert-manager-eu', namespace: 'cert-manager' }],
    priority: 200,
    syncMode: 'ContinuousWithDriftDetection',
  });
  const names = new Set<string>();
  for (const o of t.fleet.apiObjects()) names.add(`${o.kind}/${o.name}`);
  const out: Record<string, unknown>[] = [];
  for (const rendered of renderAll(t.app)) {
    for (const file of rendered.files) {
      if (!file.path.endsWith('.yaml') || file.path.endsWith('kustomization.yaml') || !/^(manifests|services|credentials)\//.test(file.path)) continue;
      for (const doc of parseAllDocuments(file.content)) {
        const o = doc.toJS() as Record<string, unknown>;
        if (names.has(`${o.kind}/${(o.metadata as { name: string }).name}`)) out.push(o);
      }
    }
  }
  return out;
}

describeShared('fleet objects against the upstream CRDs', () => {
  test.each(CASES)('MKE %s validates against crds/k0rdent/%s with %s', (release, set, apiVersion) => {
    const objects = fleetObjects(release);
    const kinds = objects.map((o) => o.kind).sort();
    expect(new Set(kinds)).toEqual(new Set(['ClusterDeployment', 'Credential', 'HelmRepository', 'MultiClusterService', 'ServiceTemplate']));
    expect(kinds.filter((k) => k === 'ClusterDeployment')).toHaveLength(3);
    for (const o of objects) if (o.kind !== 'HelmRepository') expect(o.apiVersion).toBe(apiVersion);
    expect(objects.flatMap((o) => crdErrors(set, o))).toEqual([]);
  });

  test('the validator rejects a field the CRD lacks (dependsOn on kcm 1.3)', () => {
    const mcs = { apiVersion: 'k0rdent.mirantis.com/v1beta1', kind: 'MultiClusterService', metadata: { name: 'x' }, spec: { clusterSelector: { matchLabels: { a: 'b' } }, dependsOn: ['y'], serviceSpec: { services: [] } } };
    expect(crdErrors('v1.3.1', mcs).join('\n')).toContain('dependsOn');
  });

  test('the validator rejects serviceSpec.provider on kcm 1.2', () => {
    const mcs = { apiVersion: 'k0rdent.mirantis.com/v1beta1', kind: 'MultiClusterService', metadata: { name: 'x' }, spec: { serviceSpec: { provider: { selfManagement: true } } } };
    expect(crdErrors('v1.2.0', mcs).join('\n')).toContain('provider');
    expect(crdErrors('v1.3.1', mcs)).toEqual([]);
  });
});
