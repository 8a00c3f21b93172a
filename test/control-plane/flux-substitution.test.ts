/**
 * DECISIONS 17: in operator mode Flux substitutes only the MkeConfig's placeholders, so every other
 * object — ours or one a user adds to a chart — carries `kustomize.toolkit.fluxcd.io/substitute: disabled`.
 */
import { ApiObject, App } from 'cdk8s';
import { MkeCluster, renderCluster } from '../../lib/cluster';
import { collect } from './fixtures';

const ANNOTATION = 'kustomize.toolkit.fluxcd.io/substitute';
const spec = { version: 'v4.2.0', hosts: [{ role: 'single' as const, ssh: { address: '10.0.0.1' } }] };

function withUserObjects(delivery: 'operator' | 'k0rdent'): MkeCluster {
  const cluster = new MkeCluster(new App(), 'lab', { spec, delivery });
  new ApiObject(cluster.chart('50-extras'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { greeting: 'hello ${USER}' } });
  new ApiObject(cluster.chart('50-extras'), 'annotated', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mine', namespace: 'default', annotations: { owner: 'team-a', [ANNOTATION]: 'disabled' } } });
  return cluster;
}

const annotationsOf = (o: Record<string, unknown>) => ((o.metadata as { annotations?: Record<string, string> }).annotations ?? {});

test('operator mode: a user object in 50-extras gets the annotation; the MkeConfig does not', () => {
  const s = collect(withUserObjects('operator'));
  const cm = s.objects.find((o) => (o.object.metadata as { name: string }).name === 'app')!;
  expect(cm.file).toBe('extras/50-extras.yaml');
  expect(annotationsOf(cm.object)).toEqual({ [ANNOTATION]: 'disabled' });
  for (const { object } of s.objects) expect(annotationsOf(object)[ANNOTATION]).toBe(object.kind === 'MkeConfig' ? undefined : 'disabled');
});

test('an object that already has it keeps its annotations unchanged, in sorted key order, written once', () => {
  const s = collect(withUserObjects('operator'));
  const mine = s.objects.find((o) => (o.object.metadata as { name: string }).name === 'mine')!.object;
  expect(Object.keys(annotationsOf(mine))).toEqual([ANNOTATION, 'owner']);
  const file = s.rendered.files.find((f) => f.path === 'extras/50-extras.yaml')!.content;
  expect(file.split(`${ANNOTATION}: disabled`).length - 1).toBe(2);
  // metadata keys stay sorted as cdk8s writes them (annotations before name).
  expect(file).toContain('metadata:\n  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\n  name: app\n');
});

test('k0rdent mode has no Flux substitution: user objects are left as written', () => {
  const s = collect(withUserObjects('k0rdent'));
  const cm = s.objects.find((o) => (o.object.metadata as { name: string }).name === 'app')!;
  expect(annotationsOf(cm.object)).toEqual({});
});

test('rendering twice gives the same files (the construct tree is not modified)', () => {
  const cluster = withUserObjects('operator');
  expect(renderCluster(cluster).files).toEqual(renderCluster(cluster).files);
});
