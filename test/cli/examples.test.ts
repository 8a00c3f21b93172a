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
  expect(docs.map((d) => d.kind)).toEqual(['GitRepository', 'Kustomization', 'Secret']);
  const ks = docs[1];
  expect(ks.apiVersion).toBe('kustomize.toolkit.fluxcd.io/v1');
  expect(ks.spec.path).toMatch(/\/manifests$/);
  expect(ks.spec.sourceRef).toEqual({ kind: 'GitRepository', name: docs[0].metadata.name });
  expect(ks.spec.postBuild).toEqual({ substituteFrom: [{ kind: 'Secret', name: docs[2].metadata.name }] });
});

describeShared('Flux example against the upstream CRD', () => {
  test('the GitRepository is valid', () => {
    expect(loadCrds('flux/latest').validate(objects('flux/mke-gitops.yaml')[0] as unknown as Record<string, unknown>)).toEqual([]);
  });
});

test('Argo CD: an Application of <cluster>/manifests', () => {
  const [app] = objects('argocd/application.yaml');
  expect([app.apiVersion, app.kind]).toEqual(['argoproj.io/v1alpha1', 'Application']);
  expect((app.spec.source as { path: string }).path).toMatch(/^dist\/[a-z0-9-]+\/manifests$/);
});
