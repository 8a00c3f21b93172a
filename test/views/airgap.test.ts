/**
 * `mke4k airgap` and airgapped synthesis: the list is complete against what the output references
 * (every release, both delivery modes), the rewrites point every chart's images at the mirror, the
 * synth check fails on public references, and the committed data tables match their sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'cdk8s';
import { parse as parseYaml } from 'yaml';
import { Delivery, MkeCluster } from '../../lib/cluster';
import { MkeValidationError } from '../../lib/config/diagnostics';
import { initHost, initSpec, JsonObject } from '../../lib/config/defaults';
import { validateSpec } from '../../lib/config/load';
import { MKE_RELEASES, MkeRelease, releaseInfo } from '../../lib/config/releases';
import { airgapImageValues, chartImageTag, ChartImage } from '../../lib/config/image-rewrite';
import { SERVICE_CHART_IMAGES } from '../../lib/services/chart-images.generated';
import { CALICO_IMAGE_TABLE } from '../../lib/cni/calico-images.generated';
import { K0S_IMAGE_TABLE } from '../../lib/k0s/k0s-images.generated';
import { kcmAirgapValues, kcmImages } from '../../lib/k0s/kcm-airgap';
import { airgapProblems, outputStrings } from '../../lib/control-plane/airgap-check';
import { renderCluster } from '../../lib/cluster';
import { chartImages, deployedImages } from '../../lib/services/airgap-values';
import { UserService } from '../../lib/services/user-service';
import { defaultEnvoyProxyImage } from '../../lib/services/envoy-gateway';
import { mergeValues } from '../../lib/services/system-service';
import { addSystemService } from '../../lib/control-plane';
import { airgapList, upstreamCalicoVersion } from '../../lib/views/airgap/list';
import { airgapJson, airgapScript, airgapText } from '../../lib/views/airgap/format';
import { HAVE_SHARED, SHARED } from '../corpus';

const REG = 'registry.example.com/mke';
const CHARTS = `oci://${REG}`;

function spec(release: MkeRelease, airgap: boolean, extra: (s: JsonObject) => void = () => undefined): JsonObject {
  const s = JSON.parse(JSON.stringify({ ...initSpec(release), hosts: [initHost(release)] })) as JsonObject;
  s.airgap = { enabled: airgap };
  s.registries = { chartRegistry: { url: CHARTS }, imageRegistry: { url: REG } };
  extra(s);
  return s;
}

function build(release: MkeRelease, delivery: Delivery, airgap = true, extra?: (s: JsonObject) => void): MkeCluster {
  const r = validateSpec(spec(release, airgap, extra), { name: 'lab' });
  if (!r.config) throw new Error(JSON.stringify(r.diagnostics));
  return new MkeCluster(new App(), 'lab', { config: r.config, delivery });
}

const cases = MKE_RELEASES.flatMap((release) => (release.startsWith('4.0') ? [[release, 'operator']] : [[release, 'operator'], [release, 'k0rdent']]) as [MkeRelease, Delivery][]);
const untag = (ref: string) => ref.replace(/:[^/:]+$/, '');

describe('the list is complete against the airgapped output', () => {
  test.each(cases)('MKE %s, %s delivery: synth passes the check and every image reference is in the list', (release, delivery) => {
    const cluster = build(release, delivery);
    expect(() => renderCluster(cluster)).not.toThrow();
    const list = airgapList(cluster);
    const imageTargets = list.entries.filter((e) => e.kind === 'image' && e.target).map((e) => e.target!);
    const chartTargets = list.entries.filter((e) => e.kind === 'chart' && e.target).map((e) => e.target!);
    // Every list target lives in the configured registries.
    for (const t of imageTargets) expect(t.startsWith(`${REG}/`)).toBe(true);
    for (const t of chartTargets) expect(t.startsWith(`${CHARTS}/`)).toBe(true);

    // Every full reference the output makes under the mirror is a list target (charts: by name).
    const refs = outputStrings(cluster).filter((s) => s.value.includes(`${REG}/`) && s.value.replace(/^oci:\/\//, '') !== `${REG}/`);
    if (!release.startsWith('4.0')) expect(refs.length).toBeGreaterThan(0); // 4.0: only images.repository
    for (const s of refs) {
      const ref = s.value.replace(/^oci:\/\//, '');
      const known = s.value.startsWith('oci://') ? chartTargets.some((t) => untag(t) === s.value) : imageTargets.some((t) => t === ref || untag(t) === ref || untag(t).startsWith(`${ref}/`));
      if (!known) throw new Error(`${release} ${delivery}: ${s.file} ${s.path} = ${s.value} is not in the list`);
    }

    // Registry-only keys: the images they redirect are in the list.
    const k0s = cluster.k0sctl.clusterConfigSpec();
    expect(k0s.images?.repository).toBe(REG);
    const k0sTargets = list.entries.filter((e) => e.component === 'k0s').map((e) => e.target!);
    expect(k0sTargets.length).toBeGreaterThanOrEqual(4);
    for (const t of k0sTargets) expect(t.startsWith(`${k0s.images!.repository}/k0sproject/`) || t.startsWith(`${REG}/`)).toBe(true);
    for (const chart of k0s.extensions?.helm?.charts ?? []) {
      expect(chartTargets.some((t) => untag(t) === chart.chartname)).toBe(true);
    }
    if (delivery === 'k0rdent') {
      const mcs = cluster.manifestObjects().flatMap((f) => f.objects).find((o) => o.kind === 'MultiClusterService') as { spec: { serviceSpec: { services: { template: string; values?: string }[] } } };
      const templates = new Map(cluster.manifestObjects().flatMap((f) => f.objects).filter((o) => o.kind === 'ServiceTemplate').map((o) => [(o.metadata as { name: string }).name, (o as { spec: { helm: { chartSpec: { chart: string; version: string } } } }).spec.helm.chartSpec]));
      let redirected = 0;
      for (const svc of mcs.spec.serviceSpec.services) {
        const chart = templates.get(svc.template);
        const known = chart && chartImages(chart.chart, chart.version);
        if (!known) continue;
        const values = (svc.values ? parseYaml(svc.values) : {}) as JsonObject;
        for (const image of deployedImages(known, values)) {
          const node = image.path.split('.').reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as JsonObject)[k] : undefined), values);
          expect(node).toBeDefined();
          expect(imageTargets).toContain(`${REG}/${image.repoPath}:${chartImageTag(image, cluster.k0sctl.k0sVersion)}`);
          redirected++;
        }
      }
      expect(redirected).toBeGreaterThan(0);
    }
  });

  test.each(cases)('MKE %s, %s delivery, no airgap: every chart the output references is a list source', (release, delivery) => {
    const cluster = build(release, delivery, false);
    const list = airgapList(cluster);
    const sources = list.entries.filter((e) => e.kind === 'chart' && e.chart).map((e) => e.chart!);
    for (const chart of cluster.k0sctl.clusterConfigSpec().extensions?.helm?.charts ?? []) {
      const name = chart.chartname.split('/').pop();
      expect(sources.some((c) => c.name === name && c.version === chart.version && `${c.repository}/${name}` === chart.chartname.replace(`${CHARTS}/`, 'oci://registry.mirantis.com/mke/'))).toBe(true);
    }
    const templates = cluster.manifestObjects().flatMap((f) => f.objects).filter((o) => o.kind === 'ServiceTemplate');
    if (delivery === 'k0rdent') expect(templates.length).toBeGreaterThan(0);
    for (const t of templates) {
      const chart = (t as { spec: { helm: { chartSpec: { chart: string; version: string } } } }).spec.helm.chartSpec;
      expect(sources.some((c) => c.name === chart.chart && c.version === chart.version)).toBe(true);
    }
  });

  test('Calico: the Tigera operator and every Calico image it deploys come from installation.registry / tigeraOperator.registry', () => {
    const cluster = build('4.2.0', 'operator');
    const tigera = cluster.k0sctl.clusterConfigSpec().extensions!.helm!.charts.find((c) => c.name === 'tigera-operator')!;
    const values = parseYaml(tigera.values!) as { installation: { registry: string }; tigeraOperator: { registry: string } };
    expect(values.installation.registry).toBe(`${REG}/`);
    expect(values.tigeraOperator.registry).toBe(REG);
    const cni = airgapList(cluster).entries.filter((e) => e.component === 'cni' && e.kind === 'image');
    expect(cni.map((e) => e.target)).toContain(`${REG}/tigera/operator:v1.40.8`);
    expect(cni.map((e) => e.target)).toContain(`${REG}/calico/node:v3.31.5`);
  });
});

describe('kcm values with airgap.enabled (issue 11 item 6)', () => {
  test.each(MKE_RELEASES.filter((r) => !r.startsWith('4.0')))('MKE %s: controller image, globalRegistry, templatesRepoURL and sub-chart images from the mirror', (release) => {
    const kcm = build(release, 'operator').k0sctl.clusterConfigSpec().extensions!.helm!.charts.find((c) => c.name === 'kcm')!;
    const values = parseYaml(kcm.values!) as Record<string, Record<string, unknown>>;
    // kcm 0.2.x (MKE 4.1.0) names the template repository `defaultRegistryURL` and has no global registry.
    expect(values.controller).toEqual(release === '4.1.0' ? { defaultRegistryURL: CHARTS } : { globalRegistry: REG, templatesRepoURL: CHARTS });
    // The k0rdent Enterprise controller image (docs.mirantis.com k0rdent-enterprise airgap-install).
    expect(values.image).toEqual({ repository: `${REG}/k0rdent-enterprise/kcm-controller` });
    expect((values.flux2.helmController as { image: string }).image).toBe(`${REG}/fluxcd/helm-controller`);
    expect((values.flux2.sourceController as { image: string }).image).toBe(`${REG}/fluxcd/source-controller`);
    expect(((values['cert-manager'].webhook as { image: { repository: string } }).image.repository)).toBe(`${REG}/jetstack/cert-manager-webhook`);
    expect((values.velero.image as { repository: string }).repository).toBe(`${REG}/velero/velero`);
    expect(kcm.chartname.startsWith(`${CHARTS}/`)).toBe(true);
  });

  (HAVE_SHARED ? test : test.skip).each(MKE_RELEASES.filter((r) => !r.startsWith('4.0')))('MKE %s: the kcm values pass the chart version\'s values.schema.json, and every key we set exists in its values.yaml or its sub-chart\'s', (release) => {
    const kcm = build(release, 'operator').k0sctl.clusterConfigSpec().extensions!.helm!.charts.find((c) => c.name === 'kcm')!;
    const data = kcmImages(kcm.version)!;
    const dir = join(SHARED, 'charts', 'kcm', data.upstreamVersion);
    const defaults = parseYaml(readFileSync(join(dir, 'values.yaml'), 'utf8')) as JsonObject;
    const ours = parseYaml(kcm.values!) as JsonObject;
    const schema = JSON.parse(readFileSync(join(dir, 'values.schema.json'), 'utf8')) as { $schema: string };
    const ajv = schema.$schema.includes('2020') ? new Ajv2020({ strict: false, allErrors: true }) : new Ajv2019({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(mergeValues(defaults, ours))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    // Own keys exist in values.yaml; sub-chart keys are the image paths of that sub-chart's values.
    const subImages = data.subcharts.flatMap((c) => (c.images ?? []).map((i) => i.path));
    const leaves = (o: JsonObject, prefix: string[] = []): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? leaves(v as JsonObject, [...prefix, k]) : [[...prefix, k].join('.')]));
    // k0rdent Enterprise's UI sub-chart (`k0rdent-ui`) is not in upstream kcm's values.yaml; its switch is ours.
    for (const key of leaves(ours).filter((k) => k !== 'k0rdent-ui.enabled')) {
      const own = key.split('.').reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as JsonObject)[k] : undefined), defaults) !== undefined;
      expect({ key, known: own || subImages.some((p) => key === p || key.startsWith(`${p}.`)) }).toEqual({ key, known: true });
    }
  });

  test('without airgap the kcm chart gets no registry values', () => {
    const kcm = build('4.2.0', 'operator', false).k0sctl.clusterConfigSpec().extensions!.helm!.charts.find((c) => c.name === 'kcm')!;
    expect(kcm.values ?? '').not.toContain('globalRegistry');
  });

  test('kcm versions map to the nearest earlier upstream tag of the same minor, marked inexact', () => {
    expect(kcmImages('1.2.3')).toMatchObject({ upstreamVersion: '1.2.0', exact: false });
    expect(kcmImages('1.1.0')).toMatchObject({ upstreamVersion: '1.1.0', exact: true });
    expect(kcmImages('0.2.0-alpha4')).toMatchObject({ upstreamVersion: '0.2.0', exact: false }); // a pre-release takes its release's data
    expect(kcmImages('2.0.0')).toBeUndefined();
    expect(kcmAirgapValues('2.0.0', REG, CHARTS)).toEqual({ controller: { globalRegistry: REG, templatesRepoURL: CHARTS } });
  });
});

describe('the airgap check (airgap-public-reference)', () => {
  const codes = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof MkeValidationError) return e.diagnostics.map((d) => `${d.code} ${d.path}`);
      throw e;
    }
    return [];
  };

  test('public registries configured: one error per registry field', () => {
    const cluster = build('4.2.0', 'operator', true, (s) => delete s.registries);
    expect(codes(() => renderCluster(cluster))).toEqual([
      'airgap-public-reference spec.registries.imageRegistry.url',
      'airgap-public-reference spec.registries.chartRegistry.url',
    ]);
  });

  test('verbatim Calico values.yaml without registries: both Tigera registry keys reported', () => {
    const cluster = build('4.1.5', 'operator', true, (s) => {
      const p = ((s.network as JsonObject).providers as JsonObject[]).find((x) => x.provider === 'calico')!;
      (p.extraConfig as JsonObject)['values.yaml'] = 'kubeletVolumePluginPath: /var/lib/kubelet\ninstallation:\n  cni:\n    type: Calico\n';
    });
    const found = codes(() => renderCluster(cluster));
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/installation\.registry$/), expect.stringMatching(/tigeraOperator\.registry$/)]));
  });

  test('an override back to a public registry, and a user chart from a public HTTP repository, fail synth', () => {
    const cluster = build('4.2.0', 'k0rdent');
    addSystemService(cluster, new UserService(cluster, 'podinfo', { release: '4.2.0', name: 'podinfo', chart: { name: 'podinfo', version: '6.5.0', repository: 'https://stefanprodan.github.io/podinfo' } }));
    cluster.addOverride('k0sctl', 'spec.k0s.config.spec.images.repository', 'quay.io/k0sproject');
    const problems = airgapProblems(cluster).map((d) => d.message);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('public registry quay.io'), expect.stringContaining('https://stefanprodan.github.io/podinfo')]));
    expect(() => renderCluster(cluster)).toThrow(MkeValidationError);
  });

  test('kcm values overridden away: globalRegistry, the template repository and the controller image are reported', () => {
    const cluster = build('4.2.0', 'operator');
    cluster.addOverride('k0sctl', 'spec.k0s.config.spec.extensions.helm.charts[1].values', 'controller:\n  createRelease: true\n');
    expect(airgapProblems(cluster).map((d) => d.path)).toEqual([
      expect.stringMatching(/charts\[kcm\]\.values controller\.globalRegistry$/),
      expect.stringMatching(/charts\[kcm\]\.values controller\.templatesRepoURL$/),
      expect.stringMatching(/charts\[kcm\]\.values image\.repository$/),
    ]);
  });

  test('airgap disabled: no check', () => {
    expect(airgapProblems(build('4.2.0', 'operator', false, (s) => delete s.registries))).toEqual([]);
  });
});

describe('golden lists per release (default config)', () => {
  test.each(MKE_RELEASES)('MKE %s', (release) => {
    const cluster = build(release, 'operator', false);
    expect(airgapText(airgapList(cluster))).toMatchSnapshot();
  });
});

describe('what the list cannot know is listed as unknown', () => {
  test('MKE 4.0 add-ons are user charts with unknown images; a custom CNI is yours to mirror', () => {
    const list = airgapList(build('4.0.1', 'operator', false, (s) => {
      s.addons = [{ name: 'podinfo', kind: 'chart', enabled: true, namespace: 'podinfo', chart: { name: 'podinfo', repo: 'https://stefanprodan.github.io/podinfo', version: '6.5.0' } }];
    }));
    expect(list.entries).toContainEqual(expect.objectContaining({ component: 'user-chart', source: 'https://stefanprodan.github.io/podinfo podinfo:6.5.0', verified: false, note: 'images unknown' }));
    const custom = airgapList(build('4.2.0', 'operator', false, (s) => {
      (s.network as JsonObject).providers = [{ provider: 'custom', enabled: true, extraConfig: {} }];
    }));
    expect(custom.entries).toContainEqual(expect.objectContaining({ component: 'cni', verified: false, note: expect.stringContaining('custom CNI') }));
    expect(custom.entries.some((e) => e.component === 'cni' && e.source)).toBe(false);
  });
});

describe('formats', () => {
  const list = airgapList(build('4.2.0', 'k0rdent'));

  test('script: skopeo --multi-arch all per image, helm pull + push per chart, unknowns as comments; valid sh', () => {
    const script = airgapScript(list);
    expect(script).toContain(`skopeo copy --multi-arch all 'docker://quay.io/k0sproject/kube-proxy:v1.35.4' "docker://"'${REG}/k0sproject/kube-proxy:v1.35.4'`.replace(`'${REG}`, `"\${IMAGE_REGISTRY}"'`));
    expect(script).toMatch(/^helm pull 'oci:\/\/registry\.mirantis\.com\/mke\/tigera-operator' --version 'v3\.31\.500' -d "\$WORK"$/m);
    expect(script).toMatch(/^helm push "\$WORK"\/'tigera-operator-v3\.31\.500\.tgz' "\$\{CHART_REGISTRY\}"$/m);
    expect(script).toMatch(/^#   kcm-provider: /m);
    const copies = script.split('\n').filter((l) => l.startsWith('skopeo copy')).length;
    expect(copies).toBe(list.entries.filter((e) => e.kind === 'image' && e.source).length);
    const dir = mkdtempSync(join(tmpdir(), 'airgap-'));
    try {
      writeFileSync(join(dir, 'm.sh'), script);
      expect(spawnSync('sh', ['-n', join(dir, 'm.sh')]).status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('json: the whole list; deterministic', () => {
    const json = JSON.parse(airgapJson(list)) as { entries: unknown[]; airgapEnabled: boolean };
    expect(json.airgapEnabled).toBe(true);
    expect(json.entries.length).toBe(list.entries.length);
    expect(airgapJson(airgapList(build('4.2.0', 'k0rdent')))).toBe(airgapJson(list));
  });

  test('every entry says where it comes from; unverified entries are marked in the text', () => {
    for (const e of list.entries) expect(e.origin.length).toBeGreaterThan(0);
    expect(airgapText(list)).toMatch(/^ {2}\* /m);
  });
});

describe('data tables', () => {
  test('every k0s version, Calico chart and kcm version of the catalog has a table', () => {
    for (const r of MKE_RELEASES) {
      const info = releaseInfo(r);
      expect(Object.keys(K0S_IMAGE_TABLE)).toContain(info.k0sVersion);
      const tigera = info.charts['tigera-operator'];
      if (tigera) expect(Object.keys(CALICO_IMAGE_TABLE)).toContain(upstreamCalicoVersion(tigera.version));
      if (info.kcmVersion && r !== '4.1.0') expect(kcmImages(info.kcmVersion)).toBeDefined();
      // Envoy Gateway's run-time proxy image (envoyproxy/gateway api/v1alpha1/shared_types.go).
      const gateway = info.charts['envoy-gateway'];
      if (gateway) expect(defaultEnvoyProxyImage(gateway.version)).toBeDefined();
    }
  });

  test('MKE release chart versions: v3.30.200 is Calico 3.30.2', () => {
    expect(upstreamCalicoVersion('v3.30.200')).toBe('3.30.2');
    expect(upstreamCalicoVersion('v3.31.500')).toBe('3.31.5');
    expect(upstreamCalicoVersion('3.29.3')).toBe('3.29.3');
  });

  test('image rewrite per values shape', () => {
    const base = { repoPath: 'a/b', tag: '1', tagFrom: 'values', image: 'quay.io/a/b' };
    expect(airgapImageValues([
      { ...base, path: 'x.image', shape: 'registry+repository' },
      { ...base, path: 'y.image', shape: 'repository' },
      { ...base, path: 'z', shape: 'image' },
      { ...base, path: 'w.image', shape: 'string' },
      { ...base, path: 'g', shape: 'repository+image', repoPath: 'nvidia/k8s/toolkit' },
      { ...base, path: 'off.image', shape: 'repository', optional: true },
    ], `${REG}/`)).toEqual({
      x: { image: { registry: REG } },
      y: { image: { repository: `${REG}/a/b` } },
      z: { image: `${REG}/a/b` },
      w: { image: `${REG}/a/b:1` },
      g: { repository: `${REG}/nvidia/k8s` },
    });
  });

  (HAVE_SHARED ? test : test.skip)('every service chart rewrite sets a key of that chart version\'s values.yaml, or one beside an image key there', () => {
    const table = SERVICE_CHART_IMAGES as unknown as Record<string, { chart: string; version: string; valuesFile: string; images: ChartImage[] }>;
    const lookup = (o: unknown, path: string[]) => path.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as JsonObject)[k] : undefined), o);
    let checked = 0;
    for (const entry of Object.values(table)) {
      const text = readFileSync(join(SHARED, 'charts', entry.chart, entry.version, entry.valuesFile), 'utf8').replace(/\$\{[A-Za-z]+\}/g, 'x');
      const defaults = parseYaml(text) as JsonObject;
      const overlay = airgapImageValues(entry.images, REG) as JsonObject;
      const leaves = (o: JsonObject, prefix: string[] = []): string[][] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? leaves(v as JsonObject, [...prefix, k]) : [[...prefix, k]]));
      for (const leaf of leaves(overlay)) {
        const parent = lookup(defaults, leaf.slice(0, -1));
        const ok = lookup(defaults, leaf) !== undefined || (leaf[leaf.length - 1] === 'registry' && parent !== null && typeof parent === 'object' && ('image' in parent || 'repository' in parent));
        expect({ chart: `${entry.chart}@${entry.version}`, key: leaf.join('.'), ok }).toEqual({ chart: `${entry.chart}@${entry.version}`, key: leaf.join('.'), ok: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  (HAVE_SHARED ? test : test.skip)('the service chart table matches the vendored charts (scripts/airgap-data.js --check)', () => {
    const root = resolve(__dirname, '..', '..');
    expect(() => execFileSync(process.execPath, [join(root, 'scripts', 'airgap-data.js'), '--charts', join(SHARED, 'charts'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
