/**
 * Bitnami images at run time (issue 12): Bitnami moved its versioned images from docker.io/bitnami to
 * docker.io/bitnamilegacy in 2025 (bitnami/containers#83267) and left the charts as they were
 * (bitnami/charts#36599), so the chart defaults no longer pull. Each test renders the image
 * reference the way the chart's templates do (bitnami common templates/_images.tpl
 * "common.images.image") from the upstream values.yaml merged with what we emit, and runs the
 * chart's image check (common templates/_errors.tpl "common.errors.insecureImages", included by
 * minio 14.10.5 templates/NOTES.txt), whose `fail` aborts the Helm install.
 */
import { readFileSync } from 'node:fs';
import { Testing } from 'cdk8s';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { MkeClusterSpec } from '../../lib/cluster';
import { bitnamiLegacyImageValues, bitnamiLegacyRepository } from '../../lib/config/image-rewrite';
import { MKE_RELEASES, MkeRelease, releaseInfo } from '../../lib/config/releases';
import { Backup, veleroCrdJobValues } from '../../lib/services/backup';
import { allowMovedImagesValues, chartImages, publishedImageValues } from '../../lib/services/airgap-values';
import { SERVICE_CHART_IMAGES } from '../../lib/services/chart-images.generated';
import { mergeValues } from '../../lib/services/system-service';
import { everyServiceSpec, mcsService, synthSpec } from '../control-plane/fixtures';
import { HAVE_SHARED, SHARED } from '../corpus';

type Obj = Record<string, unknown>;
type ImageRoot = { registry: string; repository: string; tag: string };

const REG = 'registry.example.com/mke';
const K0RDENT = MKE_RELEASES.filter((r) => releaseInfo(r).k0rdentApiVersion !== undefined);
const WITH_MINIO = K0RDENT.filter((r) => releaseInfo(r).charts.minio);

function spec(release: MkeRelease, airgap: boolean): MkeClusterSpec {
  const s = everyServiceSpec(`v${release}`) as MkeClusterSpec & { addons?: unknown; services?: unknown };
  const { addons: _a, services: _s, ...rest } = s;
  return { ...rest, ...(airgap ? { airgap: { enabled: true }, registries: { chartRegistry: { url: `oci://${REG}` }, imageRegistry: { url: REG } } } : {}) } as MkeClusterSpec;
}

const synths = new Map<string, ReturnType<typeof synthSpec>>();
function synth(release: MkeRelease, airgap: boolean) {
  const key = `${release}/${airgap}`;
  if (!synths.has(key)) synths.set(key, synthSpec(spec(release, airgap), 'k0rdent'));
  return synths.get(key)!;
}

const chartFile = (chart: string, version: string, file: string) => readFileSync(join(SHARED, 'charts', chart, version, file), 'utf8');

/** bitnami common templates/_images.tpl "common.images.image": global.imageRegistry wins over the image's registry. */
function render(values: Obj, path: string): string {
  const root = path.split('.').reduce<unknown>((n, k) => (n as Obj)[k], values) as ImageRoot;
  const registry = ((values.global as Obj | undefined)?.imageRegistry as string | undefined) || root.registry;
  return `${registry ? `${registry}/` : ''}${root.repository}:${root.tag}`;
}

/**
 * bitnami common 2.29.0 templates/_errors.tpl "common.errors.insecureImages", line by line: the error
 * string when it fails, else undefined (a warning is no failure).
 */
function insecureImagesFailure(values: Obj, paths: readonly string[], annotationImages: string): string | undefined {
  const globalRegistry = (values.global as Obj | undefined)?.imageRegistry as string | undefined;
  const relocated: string[] = [];
  const replaced: string[] = [];
  for (const p of paths) {
    const root = p.split('.').reduce<unknown>((n, k) => (n as Obj)[k], values) as ImageRoot;
    const registry = globalRegistry || root.registry;
    const noTag = `${registry}/${root.repository}`;
    if (!annotationImages.includes(noTag)) {
      if (!annotationImages.includes(registry)) relocated.push(`${noTag}:${root.tag}`);
      else if (!annotationImages.includes(root.repository)) replaced.push(`${noTag}:${root.tag}`);
    }
  }
  const allow = ((values.global as Obj | undefined)?.security as Obj | undefined)?.allowInsecureImages;
  if (!(relocated.length || replaced.length) || allow) return undefined;
  return annotationImages.includes('docker.io/bitnami/') ? `Original containers have been substituted for unrecognized ones: ${[...relocated, ...replaced].join(', ')}` : undefined;
}

describe('bitnamiLegacyRepository / bitnamiLegacyImageValues', () => {
  test('docker.io/bitnami/<name> (and the Docker Hub short name) → docker.io/bitnamilegacy/<name>; nothing else', () => {
    expect(bitnamiLegacyRepository('docker.io/bitnami/minio')).toBe('docker.io/bitnamilegacy/minio');
    expect(bitnamiLegacyRepository('bitnami/kubectl')).toBe('docker.io/bitnamilegacy/kubectl');
    expect(bitnamiLegacyRepository('docker.io/bitnamilegacy/minio')).toBeUndefined();
    expect(bitnamiLegacyRepository('quay.io/bitnami/minio')).toBeUndefined();
    expect(bitnamiLegacyRepository('docker.io/velero/velero')).toBeUndefined();
  });

  test('minio 14.1.2: repository of image and clientImage under bitnamilegacy, registry and tag left to the chart; optional os-shell untouched; no global.security key (the chart has none)', () => {
    const known = chartImages('minio', '14.1.2')!;
    expect(publishedImageValues(known, {})).toEqual({ image: { repository: 'bitnamilegacy/minio' }, clientImage: { repository: 'bitnamilegacy/minio-client' } });
  });

  test('minio 14.10.5: the same plus global.security.allowInsecureImages', () => {
    expect(publishedImageValues(chartImages('minio', '14.10.5')!, {})).toEqual({
      image: { repository: 'bitnamilegacy/minio' },
      clientImage: { repository: 'bitnamilegacy/minio-client' },
      global: { security: { allowInsecureImages: true } },
    });
  });

  test('velero 6.0.0: the kubectl image moves only while a CRD job runs it', () => {
    const known = chartImages('velero', '6.0.0')!;
    expect(publishedImageValues(known, { upgradeCRDs: false })).toEqual({});
    expect(publishedImageValues(known, {})).toEqual({ kubectl: { image: { repository: 'docker.io/bitnamilegacy/kubectl' } } });
  });

  test('every other chart version in the image table names no docker.io/bitnami image: nothing moves', () => {
    const table = SERVICE_CHART_IMAGES as unknown as Record<string, { chart: string; images: { image?: string }[] }>;
    const moving = Object.entries(table).filter(([, v]) => Object.keys(bitnamiLegacyImageValues(v.images as never)).length).map(([k]) => k);
    expect(moving.sort()).toEqual(['minio@14.1.2', 'minio@14.10.5', 'velero@6.0.0']);
  });
});

(HAVE_SHARED ? describe : describe.skip)('against the upstream chart files (../shared/charts)', () => {
  test('allowMovedImagesValues is set exactly for the minio versions whose values.yaml has global.security.allowInsecureImages (the check came with it)', () => {
    for (const version of ['14.1.2', '14.10.5']) {
      const values = parseYaml(chartFile('minio', version, 'values.yaml')) as { global?: { security?: { allowInsecureImages?: boolean } } };
      const hasKey = values.global?.security?.allowInsecureImages !== undefined;
      expect({ version, allow: Object.keys(allowMovedImagesValues('minio', version)).length > 0 }).toEqual({ version, allow: hasKey });
    }
  });

  test('the check itself: substituting minio\'s image without allowInsecureImages fails to render (as before this fix, airgapped or not)', () => {
    const chart = parseYaml(chartFile('minio', '14.10.5', 'Chart.yaml')) as { annotations: { images: string } };
    const defaults = parseYaml(chartFile('minio', '14.10.5', 'values.yaml')) as Obj;
    expect(insecureImagesFailure(defaults, ['image', 'clientImage'], chart.annotations.images)).toBeUndefined();
    const relocated = mergeValues(defaults, { image: { registry: REG }, clientImage: { registry: REG } }) as Obj;
    expect(insecureImagesFailure(relocated, ['image', 'clientImage'], chart.annotations.images)).toMatch(/substituted/);
    const replaced = mergeValues(defaults, { image: { repository: 'bitnamilegacy/minio' } }) as Obj;
    expect(insecureImagesFailure(replaced, ['image', 'clientImage'], chart.annotations.images)).toMatch(/bitnamilegacy\/minio/);
  });

  test.each(WITH_MINIO.flatMap((r) => [[r, false], [r, true]] as [MkeRelease, boolean][]))('MKE %s k0rdent delivery (airgap %s): minio renders, and its images are where they are published', (release, airgap) => {
    const version = releaseInfo(release).charts.minio!.version;
    const emitted = mcsService(synth(release, airgap), 'minio')!.values;
    const defaults = parseYaml(chartFile('minio', version, 'values.yaml')) as Obj;
    const values = mergeValues(defaults, emitted) as Obj;
    const tags = { image: (defaults.image as ImageRoot).tag, clientImage: (defaults.clientImage as ImageRoot).tag };
    // The default tags are kept: every versioned tag was copied to bitnamilegacy.
    expect(render(values, 'image')).toBe(airgap ? `${REG}/bitnami/minio:${tags.image}` : `docker.io/bitnamilegacy/minio:${tags.image}`);
    expect(render(values, 'clientImage')).toBe(airgap ? `${REG}/bitnami/minio-client:${tags.clientImage}` : `docker.io/bitnamilegacy/minio-client:${tags.clientImage}`);
    const chart = parseYaml(chartFile('minio', version, 'Chart.yaml')) as { annotations: { images: string } };
    // Only chart versions whose NOTES.txt runs the check (those with the key, test above).
    if (Object.keys(allowMovedImagesValues('minio', version)).length) expect(insecureImagesFailure(values, ['image', 'clientImage', 'volumePermissions.image'], chart.annotations.images)).toBeUndefined();
  });
});

describe('velero: the CRD upgrade job is off while it needs a kubectl image with a shell', () => {
  test('chart versions before 12.0.0 turn it off; 12.0.0 and later (the job runs the velero image) keep the chart default', () => {
    expect(veleroCrdJobValues('6.0.0')).toEqual({ upgradeCRDs: false });
    expect(veleroCrdJobValues('v11.4.0')).toEqual({ upgradeCRDs: false });
    expect(veleroCrdJobValues('12.0.0')).toEqual({});
    expect(veleroCrdJobValues('12.1.0')).toEqual({});
  });

  test.each(K0RDENT.filter((r) => releaseInfo(r).charts.velero))('MKE %s k0rdent delivery, not airgapped: upgradeCRDs false, no kubectl image, velero\'s own image untouched', (release) => {
    const values = mcsService(synth(release, false), 'velero')!.values;
    expect(values.upgradeCRDs).toBe(false);
    expect(values.kubectl).toBeUndefined();
    expect(values.image).toBeUndefined();
  });
});

describe('velero chart overrides: the remaining risk is stale CRDs, said once', () => {
  const backup = (chart?: { name: string; version: string }) => new Backup(Testing.chart(), 'b', { release: '4.1.1', ...(chart ? { chart } : {}) });
  const velero = (b: Backup) => b.toReleases().find((r) => r.name === 'velero')!;

  test('the catalog chart (6.0.0): upgradeCRDs off, no warning (every release ships the same chart, so its CRDs never change)', () => {
    const b = backup();
    expect(velero(b).values.upgradeCRDs).toBe(false);
    expect(b.k0rdentWarnings()).toEqual([]);
  });

  test('an override before 12.0.0: upgradeCRDs off and a velero-crds-not-upgraded warning with how to apply the CRDs', () => {
    const b = backup({ name: 'velero', version: '8.1.0' });
    expect(velero(b).values.upgradeCRDs).toBe(false);
    const [w, ...rest] = b.k0rdentWarnings();
    expect(rest).toEqual([]);
    expect(w).toMatchObject({ code: 'velero-crds-not-upgraded', severity: 'warning', path: 'spec.backup' });
    expect(w.message).toContain('8.1.0');
    expect(w.hint).toContain('--version 8.1.0');
  });

  test('an override of 12.0.0 or later keeps the chart\'s own CRD job (velero image, no kubectl): no value, no warning', () => {
    const b = backup({ name: 'velero', version: '12.1.0' });
    expect(velero(b).values.upgradeCRDs).toBeUndefined();
    expect(b.k0rdentWarnings()).toEqual([]);
  });
});
