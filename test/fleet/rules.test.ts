/** Pure rules: Kubernetes names, labels, selectors, kcm naming, provider inference. */
import fc from 'fast-check';
import { isEmptySelector, labelSelectorErrors, selectorMatches, selectorToJson } from '../../lib/fleet/label-selector';
import { dns1123LabelError, dns1123SubdomainError, labelKeyError, labelValueError, slug, versionedName } from '../../lib/k8s-names';
import { k0rdentProvidersFor, providerFromTemplate } from '../../lib/fleet/providers';
import { k0rdentApiFor } from '../../lib/fleet/k0rdent-api';

describe('names', () => {
  test.each(['a', 'prod-eu', 'x1', 'a'.repeat(63)])('DNS-1123 label ok: %s', (v) => expect(dns1123LabelError(v)).toBeUndefined());
  test.each(['', 'A', '-a', 'a-', 'a_b', 'a.b', 'a'.repeat(64)])('DNS-1123 label bad: %p', (v) => expect(dns1123LabelError(v)).toBeDefined());
  test('subdomains allow dots, not 254 characters', () => {
    expect(dns1123SubdomainError('project-ingress-nginx-4.11.3')).toBeUndefined();
    expect(dns1123SubdomainError('a..b')).toBeDefined();
    expect(dns1123SubdomainError('a'.repeat(254))).toBeDefined();
  });
  test('label keys and values', () => {
    expect(labelKeyError('k0rdent.mirantis.com/management-cluster')).toBeUndefined();
    expect(labelKeyError('env')).toBeUndefined();
    expect(labelKeyError('Bad_Prefix/x')).toBeDefined();
    expect(labelKeyError('prefix/')).toBeDefined();
    expect(labelKeyError('a'.repeat(64))).toBeDefined();
    expect(labelValueError('')).toBeUndefined();
    expect(labelValueError('Prod_1.x')).toBeUndefined();
    expect(labelValueError('not ok')).toBeDefined();
    expect(labelValueError('-x')).toBeDefined();
  });
  test('kcm naming and slugs are stable', () => {
    expect(versionedName('ingress-nginx', '4.11.0')).toBe('ingress-nginx-4-11-0');
    expect(versionedName('tigera', 'v3.30.200+k0s.1')).toBe('tigera-3-30-200-k0s-1');
    expect(slug('oci://ghcr.io/k0rdent/catalog/charts')).toBe('ghcr-io-k0rdent-catalog-charts');
    expect(slug('https://' + 'x'.repeat(100) + '.example.com').length).toBeLessThanOrEqual(63);
  });
  test('versionedName of a valid chart name and version is a DNS-1123 subdomain', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/), fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)), (name, [a, b, c]) => {
        expect(dns1123SubdomainError(versionedName(name, `${a}.${b}.${c}`))).toBeUndefined();
      }),
    );
  });
});

describe('label selectors', () => {
  const labels = { env: 'prod', region: 'eu' };
  test('matching', () => {
    expect(selectorMatches({ matchLabels: { env: 'prod' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { env: 'dev' } }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'region', operator: 'In', values: ['eu', 'us'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['eu'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, labels)).toBe(false);
  });
  test('emptiness and syntax', () => {
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(isEmptySelector({ matchLabels: { a: 'b' } })).toBe(false);
    expect(labelSelectorErrors({ matchExpressions: [{ key: 'a', operator: 'Equals' as never, values: ['x'] }] })).toHaveLength(1);
    expect(labelSelectorErrors({ matchLabels: { a: 'b' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] })).toEqual([]);
  });
  test('written form keeps only what is set', () => {
    expect(selectorToJson({ matchLabels: {}, matchExpressions: [{ key: 'a', operator: 'Exists', values: [] }] })).toEqual({ matchExpressions: [{ key: 'a', operator: 'Exists' }] });
  });
});

describe('providers and API gating', () => {
  test('template prefixes', () => {
    expect(providerFromTemplate('adopted-cluster-1-0-1')).toBe('adopted');
    expect(providerFromTemplate('mke4k-aws-standalone-1-0-0')).toBe('aws');
    expect(providerFromTemplate('openstack-standalone-cp-1-0-1')).toBe('openstack');
    expect(providerFromTemplate('docker-hosted-cp')).toBeUndefined();
    expect(k0rdentProvidersFor(['aws', 'aws', 'adopted', undefined, 'vsphere'])).toEqual(['cluster-api-provider-aws', 'cluster-api-provider-vsphere']);
  });
  test('per release (DECISIONS 4)', () => {
    expect(k0rdentApiFor('4.0.1')).toBeUndefined();
    expect(k0rdentApiFor('4.1.0')).toMatchObject({ apiVersion: 'k0rdent.mirantis.com/v1alpha1', crdSet: 'v0.2.0' });
    expect(k0rdentApiFor('4.1.1')).toMatchObject({ apiVersion: 'k0rdent.mirantis.com/v1beta1', crdSet: 'v1.2.0' });
    expect(k0rdentApiFor('4.2.0')).toMatchObject({ apiVersion: 'k0rdent.mirantis.com/v1beta1', crdSet: 'v1.3.1', serviceProvider: true });
  });
});
