/** The kcm catalog (facts from k0rdent/kcm per tag) and how a kcm version reads it. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KCM_CATALOG } from '../../lib/config/kcm-catalog';
import { clusterTemplateChart, kcmCatalogFor, providersForClusterTemplate, shippedVersionsOf } from '../../lib/config/kcm-release';
import { managementProviders, releaseDefaultProviders } from '../../lib/control-plane/management';
import { MKE_RELEASES, releaseInfo } from '../../lib/config/releases';
import { describeShared, SHARED } from '../corpus';

const ROOT = join(__dirname, '..', '..');

test('each kcm version reads its own tag, else the nearest earlier tag of its minor line', () => {
  expect(kcmCatalogFor('1.1.0')).toMatchObject({ tag: 'v1.1.0', exact: true });
  expect(kcmCatalogFor('1.2.3')).toMatchObject({ tag: 'v1.2.0', exact: false });
  expect(kcmCatalogFor('1.3.2')).toMatchObject({ tag: 'v1.3.1', exact: false });
  expect(kcmCatalogFor('0.2.0-alpha4')).toMatchObject({ tag: 'v0.2.0', exact: false });
  expect(kcmCatalogFor('1.4.0')).toBeUndefined();
  expect(kcmCatalogFor('garbage')).toBeUndefined();
  // Every MKE release with k0rdent has facts.
  for (const release of MKE_RELEASES) {
    const kcm = releaseInfo(release).kcmVersion;
    if (kcm) expect(kcmCatalogFor(kcm)).toBeDefined();
  }
});

test('a template needs the providers that expose its CAPI providers; adopted clusters need none', () => {
  const catalog = KCM_CATALOG['v1.3.1'];
  expect(providersForClusterTemplate(catalog, 'aws-standalone-cp-1-0-12')).toEqual(['cluster-api-provider-aws', 'cluster-api-provider-k0sproject-k0smotron']);
  expect(providersForClusterTemplate(catalog, 'aws-eks-1-0-3')).toEqual(['cluster-api-provider-aws']);
  expect(providersForClusterTemplate(catalog, 'adopted-cluster-1-0-1')).toEqual([]);
  expect(providersForClusterTemplate(catalog, 'aws-standalone-cp-1-0-14')).toBeUndefined();
  expect(clusterTemplateChart('aws-standalone-cp-1-0-14')).toBe('aws-standalone-cp');
  expect(clusterTemplateChart('mke4k-aws')).toBeUndefined();
  expect(shippedVersionsOf(catalog, 'aws-standalone-cp')).toEqual(['aws-standalone-cp-1-0-12']);
});

test('Management providers: every Release default kept (regression), a user config replaces the default entry, no duplicates', () => {
  expect(releaseDefaultProviders('4.1.3')).toContain('cluster-api-provider-k0sproject-k0smotron');
  expect(releaseDefaultProviders('4.0.1')).toEqual([]);
  const providers = managementProviders({ release: '4.2.0', mkeOperator: false, providers: [{ name: 'cluster-api-provider-aws', config: { a: 1 } }, { name: 'custom-provider' }] }, ['cluster-api-provider-aws', 'extra']);
  const names = providers.map((p) => p.name);
  expect(names).toEqual([...KCM_CATALOG['v1.3.1'].releaseProviders, 'custom-provider', 'extra']);
  expect(providers.find((p) => p.name === 'cluster-api-provider-aws')).toEqual({ name: 'cluster-api-provider-aws', config: { a: 1 } });
});

describeShared('the committed catalog is what the generator makes of ../shared/charts/kcm-templates.json', () => {
  test('regenerating changes nothing', () => {
    const work = mkdtempSync(join(tmpdir(), 'mke4k-kcm-'));
    try {
      mkdirSync(join(work, 'scripts'));
      mkdirSync(join(work, 'lib', 'config'), { recursive: true });
      cpSync(join(ROOT, 'scripts', 'gen-kcm-catalog.js'), join(work, 'scripts', 'gen-kcm-catalog.js'));
      execFileSync(process.execPath, [join(work, 'scripts', 'gen-kcm-catalog.js'), join(SHARED, 'charts', 'kcm-templates.json')]);
      expect(readFileSync(join(work, 'lib', 'config', 'kcm-catalog.ts'), 'utf8')).toBe(readFileSync(join(ROOT, 'lib', 'config', 'kcm-catalog.ts'), 'utf8'));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
