/** Operator mode (DECISIONS 3, 17) and the Management object (DECISIONS 1). */
import { replaceSecrets } from '../../lib/config/secrets';
import { loadMkeConfigFile } from '../../lib/config/load';
import { corpusFiles, describeShared } from '../corpus';
import { basename } from 'node:path';
import { everyServiceSpec, ofKind, synthFile, synthSpec } from './fixtures';
import { orderServices } from '../../lib/control-plane/dependency-graph';
import { mergeSection } from '../../lib/control-plane/mke-operator';
import { applyStagingProblems, referenceProblems } from '../../lib/output/output-checks';

describe('operator mode', () => {
  const s = synthSpec(everyServiceSpec('v4.2.0'), 'operator');

  test('writes Namespace mke, the MkeConfig and Management kcm, and nothing of k0rdent mode', () => {
    expect(s.objects.map((o) => `${o.file}:${o.object.kind}`)).toEqual([
      'manifests/00-namespaces.yaml:Namespace',
      'manifests/15-management.yaml:Management',
      'services/40-mke-config.yaml:MkeConfig',
    ]);
  });

  test('the MkeConfig is applied after Management kcm, whose mke-operator provider brings its CRD', () => {
    // kcm installs a provider's chart (CRDs included) only once Management lists it (k0rdent/kcm
    // internal/controller/management_controller.go getWrappedComponents), and Flux dry-runs a whole
    // kustomization first (fluxcd/pkg ssa/manager_apply.go): in one batch, neither would ever apply.
    const services = s.rendered.files.find((f) => f.path === 'services/kustomization.yaml')!.content;
    expect(services).toContain('- 40-mke-config.yaml');
    expect(s.rendered.files.find((f) => f.path === 'manifests/kustomization.yaml')!.content).not.toContain('40-mke-config');
    const placed = s.objects.map(({ file, object }) => ({ file, object }));
    expect(applyStagingProblems(placed, 'lab')).toEqual([]);
    const together = placed.map((p) => (p.object.kind === 'MkeConfig' ? { ...p, file: 'manifests/40-mke-config.yaml' } : p));
    expect(applyStagingProblems(together, 'lab').map((d) => [d.code, d.path])).toEqual([['apply-staging', 'lab/manifests/40-mke-config.yaml']]);
  });

  test('the MkeConfig resolves only with a Management that lists mke-operator (or a declared CRD)', () => {
    const placed = s.objects.map(({ file, object }) => ({ file, object }));
    const ctx = { prerequisites: [], namespaces: ['mke', 'k0rdent'], clusterName: 'lab' };
    expect(referenceProblems({ ...ctx, objects: placed })).toEqual([]);
    const withoutOperator = placed.map((p) =>
      p.object.kind === 'Management' ? { ...p, object: { ...p.object, spec: { ...(p.object.spec as object), providers: [{ name: 'projectsveltos' }] } } } : p,
    );
    expect(referenceProblems({ ...ctx, objects: withoutOperator }).map((d) => d.message)).toEqual([
      'MkeConfig mke/lab: its CRD (group mke.mirantis.com) comes with the mke-operator provider, which no Management kcm in the output lists',
    ]);
    const declared = [{ kind: 'CustomResourceDefinition', name: 'mkeconfigs.mke.mirantis.com', why: 'x', how: 'y' }];
    expect(referenceProblems({ ...ctx, objects: withoutOperator, prerequisites: declared })).toEqual([]);
  });

  test('MkeConfig: group, namespace mke, the input name', () => {
    const [config] = ofKind(s, 'MkeConfig');
    expect(config.apiVersion).toBe('mke.mirantis.com/v1alpha1');
    expect(config.metadata).toEqual({ name: 'lab', namespace: 'mke' });
  });

  test('secret fields become quoted placeholders, listed in secrets.env.example', () => {
    const [config] = ofKind(s, 'MkeConfig') as { spec: Record<string, Record<string, Record<string, unknown>>> }[];
    expect(config.spec.license.token).toBe('${MKE_LICENSE_TOKEN}');
    expect(config.spec.authentication.oidc.clientSecret).toBe('${MKE_AUTHENTICATION_OIDC_CLIENT_SECRET}');
    expect(config.spec.authentication.ldap.bindPW).toBe('${MKE_AUTHENTICATION_LDAP_BIND_PW}');
    expect(config.spec.certificates.key).toBe('${MKE_CERTIFICATES_KEY}');
    const example = s.rendered.files.find((f) => f.path === 'secrets.env.example')!.content;
    expect(example).toContain('MKE_LICENSE_TOKEN=');
    expect(example).toContain('# spec.authentication.ldap.bindPW');
  });

  test('a literal ${ elsewhere is written $${', () => {
    const [config] = ofKind(s, 'MkeConfig') as { spec: { addons: { chart: { values: string } }[] } }[];
    expect(config.spec.addons[0].chart.values).toContain('"$${NOT_A_VAR}"');
  });

  test('every object but the MkeConfig disables Flux substitution', () => {
    for (const { object } of s.objects) {
      const annotations = (object.metadata as { annotations?: Record<string, string> }).annotations ?? {};
      expect(annotations['kustomize.toolkit.fluxcd.io/substitute']).toBe(object.kind === 'MkeConfig' ? undefined : 'disabled');
    }
  });

  test('Management kcm: release name, every provider of the kcm Release (regression: defaults were dropped), projectsveltos, mke-operator, then k0rdent.providers', () => {
    const [m] = ofKind(s, 'Management') as { apiVersion: string; metadata: { name: string }; spec: { release: string; providers: { name: string; config?: unknown }[] } }[];
    expect(m.apiVersion).toBe('k0rdent.mirantis.com/v1beta1');
    expect(m.metadata.name).toBe('kcm');
    expect(m.spec.release).toBe('kcm-1-3-2');
    // kcm v1.3.1 templates/provider/kcm-templates/files/release.yaml (MKE 4.2 ships kcm 1.3.2; nearest tag).
    expect(m.spec.providers).toEqual([
      { name: 'cluster-api-provider-k0sproject-k0smotron' },
      { name: 'cluster-api-provider-azure' },
      { name: 'cluster-api-provider-vsphere' },
      { name: 'cluster-api-provider-aws', config: { images: { manager: { repo: 'registry.example.com/capa' } } } },
      { name: 'cluster-api-provider-openstack' },
      { name: 'cluster-api-provider-docker' },
      { name: 'cluster-api-provider-gcp' },
      { name: 'cluster-api-provider-ipam' },
      { name: 'cluster-api-provider-infoblox' },
      { name: 'projectsveltos' },
      { name: 'mke-operator' },
    ]);
    // Flux must never prune the singleton kcm created (deleting it deletes kcm's components).
    expect((m.metadata as { annotations?: Record<string, string> }).annotations?.['kustomize.toolkit.fluxcd.io/prune']).toBe('disabled');
  });

  test('k0rdent mode drops mke-operator from the providers and writes no MkeConfig', () => {
    const k = synthSpec(everyServiceSpec('v4.2.0'), 'k0rdent');
    expect(ofKind(k, 'MkeConfig')).toEqual([]);
    const [m] = ofKind(k, 'Management') as { spec: { providers: { name: string }[] } }[];
    expect(m.spec.providers.map((p) => p.name)).not.toContain('mke-operator');
    expect(m.spec.providers.map((p) => p.name)).toEqual(expect.arrayContaining(['projectsveltos', 'cluster-api-provider-aws', 'cluster-api-provider-k0sproject-k0smotron']));
    const [ns] = ofKind(k, 'Namespace').filter((n) => (n.metadata as { name: string }).name === 'k0rdent');
    expect((ns.metadata as { annotations: Record<string, string> }).annotations['kustomize.toolkit.fluxcd.io/prune']).toBe('disabled');
  });

  test('4.1.0 uses v1alpha1 and the kcm-0-2-0-alpha4 Release', () => {
    const [m] = ofKind(synthSpec(everyServiceSpec('v4.1.0'), 'operator'), 'Management') as { apiVersion: string; spec: { release: string } }[];
    expect(m.apiVersion).toBe('k0rdent.mirantis.com/v1alpha1');
    expect(m.spec.release).toBe('kcm-0-2-0-alpha4');
  });
});

describeShared('operator mode on the corpus', () => {
  test.each(corpusFiles('mke4').map((f) => [basename(f), f]))('%s: the MkeConfig spec is the normalized spec (services render their sections faithfully)', (_n, file) => {
    const loaded = loadMkeConfigFile(file).config!;
    const s = synthFile(file, 'operator');
    if (loaded.release.startsWith('4.0')) {
      expect(s.objects).toEqual([]);
      expect(s.rendered.warnings.map((w) => w.code)).toContain('mke40-services');
      return;
    }
    const [config] = ofKind(s, 'MkeConfig') as { spec: unknown }[];
    const expected = JSON.parse(JSON.stringify(replaceSecrets(loaded.spec)).replace(/\$\{(?!MKE_)/g, '$${'));
    expect(config.spec).toEqual(expected);
  });
});

describe('dependency graph', () => {
  const node = (name: string, ...dependsOn: string[]) => ({ name, namespace: 'ns', dependsOn });

  test('dependencies first, otherwise input order', () => {
    const r = orderServices([node('a', 'c'), node('b'), node('c')]);
    expect(r.ordered.map((n) => n.name)).toEqual(['b', 'c', 'a']);
    expect(r.problems).toEqual([]);
  });

  test('a missing reference and a cycle are problems with codes', () => {
    expect(orderServices([node('a', 'zzz')]).problems.map((p) => p.code)).toEqual(['template-missing']);
    expect(orderServices([node('a', 'b'), node('b', 'a')]).problems.map((p) => p.code)).toEqual(['dependency-cycle']);
    expect(orderServices([node('a'), node('a')]).problems.map((p) => p.code)).toEqual(['invalid-name']);
  });

  test('one element', () => {
    expect(orderServices([node('a')]).ordered.map((n) => n.name)).toEqual(['a']);
  });
});

test('mergeSection merges named lists by name', () => {
  expect(mergeSection({ addons: [{ name: 'a', x: 1 }, { name: 'b' }] }, { addons: [{ name: 'a', y: 2 }, { name: 'c' }] })).toEqual({
    addons: [{ name: 'a', x: 1, y: 2 }, { name: 'b' }, { name: 'c' }],
  });
});
