/** The GitOps examples point at a cluster's manifests/ and use the fields DECISIONS 17 relies on. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describeShared } from '../corpus';
import { loadCrds } from '../support/crd-schemas';
import { ROOT } from './helpers';

type Obj = { apiVersion: string; kind: string; metadata: { name: string }; spec: Record<string, unknown> };

function objects(file: string): Obj[] {
  return parseAllDocuments(readFileSync(join(ROOT, 'examples', file), 'utf8')).map((d) => d.toJS() as Obj);
}

test('Flux: a Kustomization of <cluster>/manifests with postBuild.substituteFrom a Secret', () => {
  const docs = objects('flux/mke-gitops.yaml');
  expect(docs.map((d) => d.kind)).toEqual(['GitRepository', 'Kustomization', 'Kustomization', 'Secret']);
  const ks = docs[1];
  expect(ks.apiVersion).toBe('kustomize.toolkit.fluxcd.io/v1');
  expect(ks.spec.path).toMatch(/\/manifests$/);
  expect(ks.spec.sourceRef).toEqual({ kind: 'GitRepository', name: docs[0].metadata.name });
  expect(ks.spec.postBuild).toEqual({ substituteFrom: [{ kind: 'Secret', name: docs[3].metadata.name }] });
});

test('Flux: extras/ is a second Kustomization that dependsOn the first, which health-checks the MultiClusterService', () => {
  const [, first, extras] = objects('flux/mke-gitops.yaml');
  expect(extras.spec.path).toBe((first.spec.path as string).replace(/\/manifests$/, '/extras'));
  expect(extras.spec.dependsOn).toEqual([{ name: first.metadata.name }]);
  expect(extras.spec.sourceRef).toEqual(first.spec.sourceRef);
  // kustomize-controller evaluates healthCheckExprs only with wait (or healthChecks); wait makes dependsOn meaningful.
  expect(first.spec.wait).toBe(true);
  expect(first.spec.healthCheckExprs).toEqual([expect.objectContaining({ kind: 'MultiClusterService', current: expect.stringContaining("e.type == 'Ready'") })]);
  // No substitution for extras: nothing there has placeholders.
  expect(extras.spec.postBuild).toBeUndefined();
});

describeShared('Flux example against the upstream CRD', () => {
  test('the GitRepository is valid', () => {
    expect(loadCrds('flux/latest').validate(objects('flux/mke-gitops.yaml')[0] as unknown as Record<string, unknown>)).toEqual([]);
  });
});

test('Argo CD: an Application of <cluster>/manifests, then one of <cluster>/extras in a later sync wave', () => {
  const [app, extras] = objects('argocd/application.yaml') as (Obj & { metadata: { annotations: Record<string, string> } })[];
  expect([app.apiVersion, app.kind]).toEqual(['argoproj.io/v1alpha1', 'Application']);
  expect((app.spec.source as { path: string }).path).toMatch(/^dist\/[a-z0-9-]+\/manifests$/);
  expect((extras.spec.source as { path: string }).path).toBe((app.spec.source as { path: string }).path.replace(/manifests$/, 'extras'));
  const wave = (o: typeof app) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
  expect(wave(extras)).toBeGreaterThan(wave(app));
  expect((extras.spec.syncPolicy as { retry?: unknown }).retry).toBeDefined();
});
