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

test('Flux: a Kustomization of <cluster>/manifests, then services/ with postBuild.substituteFrom a Secret (the MkeConfig is there)', () => {
  const docs = objects('flux/mke-gitops.yaml');
  expect(docs.map((d) => d.kind)).toEqual(['GitRepository', 'Kustomization', 'Kustomization', 'Kustomization', 'Secret']);
  const ks = docs[1];
  expect(ks.apiVersion).toBe('kustomize.toolkit.fluxcd.io/v1');
  expect(ks.spec.path).toMatch(/\/manifests$/);
  expect(ks.spec.sourceRef).toEqual({ kind: 'GitRepository', name: docs[0].metadata.name });
  expect(ks.spec.postBuild).toBeUndefined();
  expect(docs[2].spec.path).toMatch(/\/services$/);
  expect(docs[2].spec.postBuild).toEqual({ substituteFrom: [{ kind: 'Secret', name: docs[4].metadata.name }] });
});

test('(audit) Flux: services/ is its own Kustomization that retries, health-checks the MultiClusterService, and does not dependsOn manifests/', () => {
  const [, first, services] = objects('flux/mke-gitops.yaml');
  expect(services.spec.path).toBe((first.spec.path as string).replace(/\/manifests$/, '/services'));
  expect(services.spec.sourceRef).toEqual(first.spec.sourceRef);
  // kcm refuses the MCS until its templates are valid: retried, not gated on manifests/ being Ready
  // (which it is not while kcm refuses to let it prune a replaced template the MCS still names).
  expect(services.spec.retryInterval).toBeDefined();
  expect(services.spec.dependsOn).toBeUndefined();
  // kustomize-controller evaluates healthCheckExprs only with wait (or healthChecks); wait makes dependsOn meaningful.
  expect(services.spec.wait).toBe(true);
  expect(services.spec.healthCheckExprs).toEqual([expect.objectContaining({ kind: 'MultiClusterService', current: expect.stringContaining("e.type == 'Ready'") })]);
  expect(first.spec.healthCheckExprs).toBeUndefined();
});

test('Flux: extras/ is a third Kustomization that dependsOn the services one', () => {
  const [, first, services, extras] = objects('flux/mke-gitops.yaml');
  expect(extras.spec.path).toBe((first.spec.path as string).replace(/\/manifests$/, '/extras'));
  expect(extras.spec.dependsOn).toEqual([{ name: services.metadata.name }]);
  expect(extras.spec.sourceRef).toEqual(first.spec.sourceRef);
  // No substitution for extras: nothing there has placeholders (the MkeConfig's are in services/).
  expect(services.spec.postBuild).toBeDefined();
  expect(extras.spec.postBuild).toBeUndefined();
});

describeShared('Flux example against the upstream CRD', () => {
  test('the GitRepository is valid', () => {
    expect(loadCrds('flux/latest').validate(objects('flux/mke-gitops.yaml')[0] as unknown as Record<string, unknown>)).toEqual([]);
  });
});

test('Argo CD: Applications of <cluster>/manifests, services and extras in increasing sync waves', () => {
  const [app, services, extras] = objects('argocd/application.yaml') as (Obj & { metadata: { annotations: Record<string, string> } })[];
  expect([app.apiVersion, app.kind]).toEqual(['argoproj.io/v1alpha1', 'Application']);
  const path = (o: typeof app) => (o.spec.source as { path: string }).path;
  expect(path(app)).toMatch(/^dist\/[a-z0-9-]+\/manifests$/);
  expect(path(services)).toBe(path(app).replace(/manifests$/, 'services'));
  expect(path(extras)).toBe(path(app).replace(/manifests$/, 'extras'));
  const wave = (o: typeof app) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
  expect(wave(services)).toBeGreaterThan(wave(app));
  expect(wave(extras)).toBeGreaterThan(wave(services));
  expect((services.spec.syncPolicy as { retry?: unknown }).retry).toBeDefined();
  expect((extras.spec.syncPolicy as { retry?: unknown }).retry).toBeDefined();
});
