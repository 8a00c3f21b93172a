/**
 * Regression tests of the airgap audit: each reads what the consuming component pulls at run time
 * (the upstream template cited next to the fix) and checks that synth points it at the mirror and
 * that `mke4k airgap` lists it where the cluster will pull it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { MkeClusterSpec } from '../../lib/cluster';
import { airgapProblems, outputStrings } from '../../lib/control-plane/airgap-check';
import { chartImageTag, imageHost, mirroredReference } from '../../lib/config/image-rewrite';
import { MKE_RELEASES, MkeRelease, releaseInfo } from '../../lib/config/releases';
import { kcmImages } from '../../lib/k0s/kcm-airgap';
import { chartImages, deployedImages } from '../../lib/services/airgap-values';
import { airgapList, bitnamiLegacy, upstreamCalicoVersion } from '../../lib/views/airgap/list';
import { airgapScript } from '../../lib/views/airgap/format';
import { everyServiceSpec, mcsService, synthSpec } from '../control-plane/fixtures';
import { HAVE_SHARED, SHARED } from '../corpus';

const REG = 'registry.example.com/mke';
const CHARTS = `oci://${REG}`;
const RELEASES: MkeRelease[] = ['4.1.0', '4.1.2', '4.1.5', '4.2.0'];

function airgapped(release: MkeRelease): MkeClusterSpec {
  const s = everyServiceSpec(`v${release}`) as MkeClusterSpec & { addons?: unknown; services?: unknown };
  // A public add-on and an existing ServiceTemplate are the user's to mirror; the rest must pass.
  const { addons: _a, services: _s, ...rest } = s;
  return { ...rest, airgap: { enabled: true }, registries: { chartRegistry: { url: CHARTS }, imageRegistry: { url: REG } } } as MkeClusterSpec;
}

const synths = new Map<string, ReturnType<typeof synthSpec>>();
function synth(release: MkeRelease, delivery: 'operator' | 'k0rdent') {
  const key = `${release}/${delivery}`;
  if (!synths.has(key)) synths.set(key, synthSpec(airgapped(release), delivery));
  return synths.get(key)!;
}
const imageTargets = (release: MkeRelease, delivery: 'operator' | 'k0rdent') =>
  airgapList(synth(release, delivery).cluster).entries.filter((e) => e.kind === 'image' && e.target).map((e) => e.target!);

describe('Tigera chart: the operator init container create-initial-resources (calicoctl)', () => {
  // projectcalico/calico charts/tigera-operator/templates/tigera-operator/02-tigera-operator.yaml:
  // `image: {{.Values.calicoctl.image}}:{{.Values.calicoctl.tag}}` in every Calico version we ship.
  test.each(RELEASES)('MKE %s: calicoctl.image is the mirror and the list has it with the chart tag', (release) => {
    const s = synth(release, 'operator');
    const tigera = s.cluster.k0sctl.clusterConfigSpec().extensions!.helm!.charts.find((c) => c.name === 'tigera-operator')!;
    const values = parseYaml(tigera.values!) as { calicoctl?: { image?: string } };
    expect(values.calicoctl?.image).toBe(`${REG}/calico/ctl`);
    const version = upstreamCalicoVersion(releaseInfo(release).charts['tigera-operator']!.version);
    const tag = version.startsWith('3.31') || version.startsWith('3.30') || version.startsWith('3.29') ? `v${version}` : '';
    expect(imageTargets(release, 'operator')).toContain(`${REG}/calico/ctl:${tag}`);
  });

  (HAVE_SHARED ? test : test.skip).each(RELEASES)('MKE %s: the listed calicoctl tag is the chart values\' calicoctl.tag', (release) => {
    const version = upstreamCalicoVersion(releaseInfo(release).charts['tigera-operator']!.version);
    const defaults = parseYaml(readFileSync(join(SHARED, 'charts', 'tigera-operator', version, 'values.yaml'), 'utf8')) as { calicoctl: { image: string; tag: string } };
    expect(imageHost(defaults.calicoctl.image)).not.toBe('');
    expect(imageTargets(release, 'operator')).toContain(`${REG}/${defaults.calicoctl.image.slice(imageHost(defaults.calicoctl.image).length + 1)}:${defaults.calicoctl.tag}`);
  });

  test('a Calico values.yaml without calicoctl.image fails the airgap check', () => {
    const s = synth('4.2.0', 'operator');
    const k0sctl = JSON.parse(JSON.stringify(s.cluster.k0sctlObject())) as { spec: { k0s: { config: { spec: { extensions: { helm: { charts: { name: string; values?: string }[] } } } } } } };
    const chart = k0sctl.spec.k0s.config.spec.extensions.helm.charts.find((c) => c.name === 'tigera-operator')!;
    const values = parseYaml(chart.values!) as Record<string, unknown>;
    delete values.calicoctl;
    chart.values = `${JSON.stringify(values)}\n`;
    const problems = airgapProblems({ spec: s.cluster.spec, k0sctlObject: () => k0sctl, manifestObjects: () => [] });
    expect(problems.map((p) => p.path)).toContain('k0sctl.yaml spec.k0s.config.spec.extensions.helm.charts[tigera-operator].values calicoctl.image');
  });
});

describe('gpu-operator: images whose version defaults to the chart appVersion', () => {
  // NVIDIA/gpu-operator deployments/gpu-operator/templates/_helpers.tpl "gpu-operator.fullimage"
  // (`operator.version | default .Chart.AppVersion`), clusterpolicy.yaml (`validator.version | default
  // .Chart.AppVersion`), driver.manager (k8s-driver-manager, the driver's init container).
  test('the table has operator, validator and driver.manager of 24.9.2', () => {
    const known = chartImages('gpu-operator', '24.9.2')!;
    const byPath = new Map(known.images.map((i) => [i.path, i]));
    expect(byPath.get('operator')).toMatchObject({ image: 'nvcr.io/nvidia/gpu-operator', tag: 'v24.9.2', shape: 'repository+image' });
    expect(byPath.get('validator')).toMatchObject({ image: 'nvcr.io/nvidia/cloud-native/gpu-operator-validator', tag: 'v24.9.2' });
    expect(byPath.get('driver.manager')).toMatchObject({ image: 'nvcr.io/nvidia/cloud-native/k8s-driver-manager', tag: 'v0.7.0' });
  });

  test.each(RELEASES.filter((r) => r !== '4.1.0'))('MKE %s k0rdent delivery: their repositories are the mirror and the list has them', (release) => {
    const s = synth(release, 'k0rdent');
    const gpu = mcsService(s, 'gpu-operator');
    expect(gpu).toBeDefined();
    if (!gpu) return;
    const v = gpu.values as { operator: { repository: string }; validator: { repository: string }; driver: { manager: { repository: string } } };
    expect(v.operator.repository).toBe(`${REG}/nvidia`);
    expect(v.validator.repository).toBe(`${REG}/nvidia/cloud-native`);
    expect(v.driver.manager.repository).toBe(`${REG}/nvidia/cloud-native`);
    const targets = imageTargets(release, 'k0rdent');
    expect(targets).toContain(`${REG}/nvidia/gpu-operator:v24.9.2`);
    expect(targets).toContain(`${REG}/nvidia/cloud-native/gpu-operator-validator:v24.9.2`);
    expect(targets).toContain(`${REG}/nvidia/cloud-native/k8s-driver-manager:v0.7.0`);
  });
});

describe('velero: the CRD upgrade job', () => {
  // vmware-tanzu/helm-charts velero-6.0.0 charts/velero/templates/upgrade-crds/upgrade-crds.yaml (upgradeCRDs: true
  // by default): an init container runs `/bin/sh` in `{{ .Values.kubectl.image.repository }}:{{ template
  // "chart.KubernetesVersion" . }}` — docker.io/bitnami/kubectl, gone; bitnamilegacy has no tag for minors
  // released after the move (1.35). k0rdent delivery turns the job off (Helm installs crds/ on install).
  test.each(RELEASES)('MKE %s k0rdent delivery: upgradeCRDs is off, so no kubectl image is set or listed', (release) => {
    const s = synth(release, 'k0rdent');
    const velero = mcsService(s, 'velero');
    expect(velero).toBeDefined();
    if (!velero) return;
    expect(velero.values.upgradeCRDs).toBe(false);
    expect(velero.values.cleanUpCRDs).toBeUndefined();
    expect(velero.values.kubectl).toBeUndefined();
    const list = airgapList(s.cluster);
    expect(list.entries.filter((e) => /\/kubectl[:@]/.test(e.target ?? '') || /bitnami(legacy)?\/kubectl/.test(e.source ?? ''))).toEqual([]);
  });

  test.each(RELEASES)('MKE %s operator delivery: mke-operator renders velero with its own values; the list keeps the chart default (bitnamilegacy source, cluster minor) and says so', (release) => {
    const list = airgapList(synth(release, 'operator').cluster);
    const minor = releaseInfo(release).k0sVersion.replace(/^v/, '').split('.').slice(0, 2).join('.');
    const kubectl = list.entries.find((e) => e.target === `${REG}/bitnami/kubectl:${minor}`);
    if (!releaseInfo(release).charts.velero) return expect(kubectl).toBeUndefined();
    expect(kubectl).toMatchObject({ source: `docker.io/bitnamilegacy/kubectl:${minor}`, movedFrom: `docker.io/bitnami/kubectl:${minor}`, verified: false });
    expect(kubectl!.note).toContain('mke-operator renders velero with its own values');
    expect(kubectl!.note).toContain('upgradeCRDs');
  });

  test('the kubectl image counts as deployed exactly when upgradeCRDs or cleanUpCRDs is on (chart default: on)', () => {
    const known = chartImages('velero', '6.0.0')!;
    expect(deployedImages(known, { upgradeCRDs: true }).map((i) => i.path)).toContain('kubectl.image');
    expect(deployedImages(known, { upgradeCRDs: false }).map((i) => i.path)).not.toContain('kubectl.image');
    expect(deployedImages(known, { upgradeCRDs: false, cleanUpCRDs: true }).map((i) => i.path)).toContain('kubectl.image');
    expect(deployedImages(known, {}).map((i) => i.path)).toContain('kubectl.image');
    expect(deployedImages(known, { upgradeCRDs: false }).map((i) => i.path)).toContain('image'); // velero itself
  });
});

describe('velero: the plugin init container', () => {
  // The plugin is an init container of our values (charts/velero/values.yaml `initContainers`), named
  // by a Docker Hub short name: containerd pulls it from docker.io.
  test.each(RELEASES)('MKE %s k0rdent delivery: the plugin image is the mirror and listed', (release) => {
    const s = synth(release, 'k0rdent');
    const velero = mcsService(s, 'velero');
    expect(velero).toBeDefined();
    if (!velero) return;
    const [plugin] = (velero.values as { initContainers: { image: string }[] }).initContainers;
    expect(plugin.image).toBe(`${REG}/velero/velero-plugin-for-aws:v1.9.0`);
    expect(imageTargets(release, 'k0rdent')).toContain(`${REG}/velero/velero-plugin-for-aws:v1.9.0`);
    const entry = airgapList(s.cluster).entries.find((e) => e.target === plugin.image)!;
    expect(entry.source).toBe('docker.io/velero/velero-plugin-for-aws:v1.9.0');
  });

  test('a Docker Hub short name left in the output fails the airgap check', () => {
    const s = synth('4.2.0', 'k0rdent');
    const manifests = s.cluster.manifestObjects().map((f) => ({
      file: f.file,
      objects: f.objects.map((o) => (o.kind === 'MultiClusterService' ? (JSON.parse(JSON.stringify(o).replace(`${REG}/velero/velero-plugin-for-aws`, 'velero/velero-plugin-for-aws')) as Record<string, unknown>) : o)),
    }));
    const problems = airgapProblems({ spec: s.cluster.spec, k0sctlObject: () => s.cluster.k0sctlObject(), manifestObjects: () => manifests });
    expect(problems.filter((p) => p.message.includes('velero/velero-plugin-for-aws:v1.9.0 is a Docker Hub short name') || p.message.includes('`velero/velero-plugin-for-aws:v1.9.0` is a Docker Hub short name'))).toHaveLength(1);
    expect(airgapProblems({ spec: s.cluster.spec, k0sctlObject: () => s.cluster.k0sctlObject(), manifestObjects: () => s.cluster.manifestObjects() })).toEqual([]);
  });

  test('mirroredReference: Docker Hub short names and public hosts move, private ones stay', () => {
    expect(mirroredReference(REG, 'velero/velero-plugin-for-aws:v1.9.0')).toBe(`${REG}/velero/velero-plugin-for-aws:v1.9.0`);
    expect(mirroredReference(`${REG}/`, 'busybox:1.36')).toBe(`${REG}/busybox:1.36`);
    expect(mirroredReference(REG, 'quay.io/jetstack/cert-manager-controller:v1.18.2')).toBe(`${REG}/jetstack/cert-manager-controller:v1.18.2`);
    expect(mirroredReference(REG, 'registry-1.docker.io/velero/velero:v1.13.0')).toBe(`${REG}/velero/velero:v1.13.0`);
    expect(mirroredReference(REG, 'harbor.internal:5000/velero/plugin:v1')).toBe('harbor.internal:5000/velero/plugin:v1');
    expect(mirroredReference(REG, `${REG}/velero/plugin:v1`)).toBe(`${REG}/velero/plugin:v1`);
  });
});

describe('kcm: the template charts its Flux pulls from controller.templatesRepoURL', () => {
  // k0rdent/kcm internal/controller/release_controller.go: HelmChart `kcm-templates` at the release
  // version from the default HelmRepository (templatesRepoURL); the ProviderTemplates and
  // ClusterTemplates it installs pull their charts from the same repository.
  test.each(RELEASES)('MKE %s: kcm-templates and every template chart are chart entries under the chart registry', (release) => {
    const list = airgapList(synth(release, 'operator').cluster);
    const kcmVersion = releaseInfo(release).kcmVersion!;
    const charts = list.entries.filter((e) => e.kind === 'chart').map((e) => e.target);
    expect(charts).toContain(`${CHARTS}/kcm-templates:${kcmVersion}`);
    const data = kcmImages(kcmVersion)!;
    expect(data.templates.length).toBeGreaterThan(20);
    for (const t of data.templates) expect(charts).toContain(`${CHARTS}/${t.chart}:${t.chart === 'kcm' ? kcmVersion : t.version}`);
    // The kcm template chart is the bootstrap chart: listed once.
    expect(charts.filter((c) => c === `${CHARTS}/kcm:${kcmVersion}`)).toHaveLength(1);
    const script = airgapScript(list);
    expect(script).toContain(`helm push "$WORK"/'kcm-templates-${kcmVersion}.tgz' "\${CHART_REGISTRY}"`);
  });

  (HAVE_SHARED ? test : test.skip)('the template charts are the templateObjects of kcm-templates.json at the tag', () => {
    const json = JSON.parse(readFileSync(join(SHARED, 'charts', 'kcm-templates.json'), 'utf8')) as { releaseProviders: Record<string, { templateObjects: { kind: string; chart: string; version: string }[] }> };
    for (const tag of ['0.2.0', '1.1.0', '1.2.0', '1.3.1']) {
      expect(kcmImages(tag)!.templates).toEqual(json.releaseProviders[`v${tag}`].templateObjects.map((o) => ({ kind: o.kind, chart: o.chart, version: o.version })));
    }
  });
});

describe('mirror script transports', () => {
  test.each(RELEASES)('MKE %s: every image copy is skopeo --multi-arch all docker:// → docker://<image registry>', (release) => {
    const script = airgapScript(airgapList(synth(release, 'k0rdent').cluster));
    const copies = script.split('\n').filter((l) => l.startsWith('skopeo '));
    expect(copies.length).toBeGreaterThan(30);
    for (const l of copies) expect(l).toMatch(/^skopeo copy --multi-arch all (?:--preserve-digests )?'docker:\/\/[a-z0-9.-]+\.[a-z]+\/[^' ]+(?::|@sha256:)[^' ]+' "docker:\/\/""\$\{IMAGE_REGISTRY\}"'\/[^' @]+:[^' ]+'$/);
    // Digest-pinned sources only with --preserve-digests, pushed under a tag.
    for (const l of copies.filter((c) => c.includes('@sha256:'))) expect(l).toContain('--preserve-digests');
  });
});

describe('kube-prometheus-stack: the grafana sub-chart', () => {
  // grafana/helm-charts charts/grafana/templates/_pod.tpl: every image is
  // `{{ .Values.global.imageRegistry | default .Values.<image>.registry }}/<repository>:<tag>`.
  test.each(RELEASES)('MKE %s k0rdent delivery (Grafana on): grafana and its sidecar come from the mirror and are listed', (release) => {
    const s = synth(release, 'k0rdent');
    const monitoring = mcsService(s, 'monitoring');
    expect(monitoring).toBeDefined();
    const g = (monitoring!.values as { grafana: { enabled: boolean; image: { registry: string }; sidecar: { image: { registry: string } } } }).grafana;
    expect(g.enabled).toBe(true);
    expect(g.image.registry).toBe(REG);
    expect(g.sidecar.image.registry).toBe(REG);
    const targets = imageTargets(release, 'k0rdent');
    expect(targets.some((t) => t.startsWith(`${REG}/grafana/grafana:`))).toBe(true);
    expect(targets.some((t) => t.startsWith(`${REG}/kiwigrid/k8s-sidecar:`))).toBe(true);
  });

  test('kube-prometheus-stack 79.5.0 pins grafana 10.1.4 (appVersion 12.2.1); the list names it', () => {
    const dep = chartImages('kube-prometheus-stack', '79.5.0')!.dependencies.find((d) => d.name === 'grafana')!;
    expect(dep.resolvedVersion).toBe('10.1.4');
    expect(dep.images?.find((i) => i.path === 'grafana.image')).toMatchObject({ image: 'docker.io/grafana/grafana', tag: '12.2.1' });
  });
});

describe('Envoy Gateway: the Envoy proxy (data plane) image', () => {
  // envoyproxy/gateway v1.6.1 internal/infrastructure/kubernetes/proxy/resource.go takes the proxy
  // container image from the EnvoyProxy `spec.provider.kubernetes.envoyDeployment.container.image`,
  // else api/v1alpha1/shared_types.go DefaultEnvoyProxyImage (docker.io/envoyproxy/envoy:distroless-v1.36.3).
  const GATEWAY_RELEASES: MkeRelease[] = ['4.1.3', '4.1.5', '4.2.0'];
  const envoyProxy = (s: ReturnType<typeof synthSpec>) =>
    s.cluster.manifestObjects().flatMap((f) => f.objects).find((o) => o.kind === 'EnvoyProxy') as { spec: { provider: { kubernetes: { envoyDeployment?: { container?: { image?: string; resources?: unknown } } } } } } | undefined;

  test.each(GATEWAY_RELEASES)('MKE %s k0rdent delivery: the EnvoyProxy names the mirrored proxy image, and the list has it', (release) => {
    const s = synth(release, 'k0rdent');
    const proxy = envoyProxy(s);
    expect(proxy).toBeDefined();
    expect(proxy!.spec.provider.kubernetes.envoyDeployment?.container?.image).toBe(`${REG}/envoyproxy/envoy:distroless-v1.36.3`);
    const entry = airgapList(s.cluster).entries.find((e) => e.target === `${REG}/envoyproxy/envoy:distroless-v1.36.3`);
    expect(entry).toMatchObject({ kind: 'image', source: 'docker.io/envoyproxy/envoy:distroless-v1.36.3', verified: true });
    expect(entry!.origin).toContain('shared_types.go DefaultEnvoyProxyImage');
  });

  test('MKE 4.2.0 operator delivery: mke-operator creates the EnvoyProxy; the list still has the proxy image', () => {
    const entry = airgapList(synth('4.2.0', 'operator').cluster).entries.find((e) => e.source === 'docker.io/envoyproxy/envoy:distroless-v1.36.3');
    expect(entry).toMatchObject({ kind: 'image', target: `${REG}/envoyproxy/envoy:distroless-v1.36.3` });
    expect(entry!.note).toContain('mke-operator');
  });

  test('without airgap the EnvoyProxy keeps Envoy Gateway\'s default (no image set)', () => {
    const s = synthSpec({ ...airgapped('4.2.0'), airgap: { enabled: false } } as MkeClusterSpec, 'k0rdent');
    expect(envoyProxy(s)!.spec.provider.kubernetes.envoyDeployment?.container?.image).toBeUndefined();
  });

  test('an EnvoyProxy without a container image fails the airgap check (the proxy would come from docker.io)', () => {
    const s = synth('4.2.0', 'k0rdent');
    const manifests = s.cluster.manifestObjects().map((f) => ({
      file: f.file,
      objects: f.objects.map((o) => {
        if (o.kind !== 'EnvoyProxy') return o;
        const copy = JSON.parse(JSON.stringify(o)) as { spec: { provider: { kubernetes: { envoyDeployment?: { container?: { image?: string } } } } } };
        delete copy.spec.provider.kubernetes.envoyDeployment;
        return copy as unknown as Record<string, unknown>;
      }),
    }));
    const problems = airgapProblems({ spec: s.cluster.spec, k0sctlObject: () => s.cluster.k0sctlObject(), manifestObjects: () => manifests });
    expect(problems.map((p) => p.path)).toEqual([expect.stringMatching(/EnvoyProxy\/mke-gateway-ingress: ?spec\.provider\.kubernetes\.envoyDeployment\.container\.image$/)]);
    expect(problems[0].message).toContain('docker.io/envoyproxy/envoy');
    expect(airgapProblems({ spec: s.cluster.spec, k0sctlObject: () => s.cluster.k0sctlObject(), manifestObjects: () => s.cluster.manifestObjects() })).toEqual([]);
  });
});

describe('kcm: what its Management and Release deploy at run time', () => {
  // k0rdent/kcm internal/controller/management_controller.go getComponentValues: once cert-manager is
  // installed the kcm component gets `cluster-api-operator.enabled: true` (0.2.x: unless set false);
  // the Management's kcm config is the bootstrap chart's values (release_controller.go ensureManagement).
  test.each(RELEASES)('MKE %s: the cluster-api-operator image (registry.k8s.io, set at its release) is listed and the kcm values point it at the mirror', (release) => {
    const s = synth(release, 'operator');
    const kcm = s.cluster.k0sctl.clusterConfigSpec().extensions!.helm!.charts.find((c) => c.name === 'kcm')!;
    const values = parseYaml(kcm.values!) as { 'cluster-api-operator'?: { image?: { manager?: { repository?: string } } } };
    expect(values['cluster-api-operator']?.image?.manager?.repository).toBe(`${REG}/capi-operator/cluster-api-operator`);
    const data = kcmImages(releaseInfo(release).kcmVersion!)!;
    const capi = data.subcharts.find((c) => c.name === 'cluster-api-operator')!;
    expect(capi).toMatchObject({ enabled: true, enabledBy: expect.stringContaining('management_controller.go') });
    const entry = airgapList(s.cluster).entries.find((e) => e.source === `registry.k8s.io/capi-operator/cluster-api-operator:v${capi.version}`);
    expect(entry).toMatchObject({ component: 'kcm', target: `${REG}/capi-operator/cluster-api-operator:v${capi.version}` });
  });

  test('kcm 1.3.1 pins cluster-api-operator 0.22.0 and projectsveltos 0.57.2 with addon-controller v0.57.2.fix', () => {
    const data = kcmImages('1.3.1')!;
    expect(data.subcharts.find((c) => c.name === 'cluster-api-operator')?.version).toBe('0.22.0');
    const sveltos = data.providers.find((p) => p.provider === 'projectsveltos')!;
    expect(sveltos).toMatchObject({ sourceRegistry: 'docker.io', usesGlobalRegistry: true });
    expect(sveltos.images).toEqual(expect.arrayContaining(['projectsveltos/addon-controller:v0.57.2.fix', 'projectsveltos/classifier:v0.57.2', 'projectsveltos/register-mgmt-cluster:v0.57.2']));
    expect(sveltos.agents?.map((a) => a.image.split('@')[0])).toEqual(['projectsveltos/sveltos-agent', 'projectsveltos/drift-detection-manager']);
  });

  test.each(RELEASES.filter((r) => r !== '4.1.0'))('MKE %s: every Sveltos image (controllers and the agents they deploy) is listed with its docker.io source and its mirror path', (release) => {
    const list = airgapList(synth(release, 'k0rdent').cluster);
    const sveltos = kcmImages(releaseInfo(release).kcmVersion!)!.providers.find((p) => p.provider === 'projectsveltos')!;
    for (const ref of sveltos.images) expect(list.entries).toContainEqual(expect.objectContaining({ source: `docker.io/${ref}`, target: `${REG}/${ref}` }));
    for (const a of sveltos.agents ?? []) expect(list.entries).toContainEqual(expect.objectContaining({ source: `docker.io/${a.image}`, target: `${REG}/${a.image}`, pushTag: a.tag }));
    const script = airgapScript(list);
    const agent = sveltos.agents![0];
    expect(script).toContain(`skopeo copy --multi-arch all --preserve-digests 'docker://docker.io/${agent.image}' "docker://""\${IMAGE_REGISTRY}"'/${agent.image.split('@')[0]}:${agent.tag}'`);
  });

  test('MKE 4.2.0: drift-detection-manager is marked unverified (kcm runs a rebuilt addon-controller)', () => {
    const list = airgapList(synth('4.2.0', 'k0rdent').cluster);
    const drift = list.entries.find((e) => e.source?.startsWith('docker.io/projectsveltos/drift-detection-manager@'))!;
    expect(drift.verified).toBe(false);
    expect(drift.note).toContain('v0.57.2.fix');
  });

  test('MKE 4.1.0 (kcm 0.2.0): the Sveltos chart reads no global.registry, and the list says so', () => {
    const list = airgapList(synth('4.1.0', 'operator').cluster);
    const entry = list.entries.find((e) => e.source === 'docker.io/projectsveltos/addon-controller:v0.50.0')!;
    expect(entry.note).toContain('does not read global.registry');
  });
});

describe('kcm: the k0rdent Enterprise k0rdent-ui sub-chart', () => {
  test('off by default (k0rdent-ui.enabled: false in the kcm values): nothing of it is listed', () => {
    const s = synth('4.2.0', 'operator');
    const kcm = s.cluster.k0sctl.clusterConfigSpec().extensions!.helm!.charts.find((c) => c.name === 'kcm')!;
    expect((parseYaml(kcm.values!) as { 'k0rdent-ui': { enabled: boolean } })['k0rdent-ui'].enabled).toBe(false);
    expect(airgapList(s.cluster).entries.filter((e) => e.origin.includes('k0rdent-ui'))).toEqual([]);
  });
});

describe('Bitnami images: moved to docker.io/bitnamilegacy (Bitnami catalog change, 2025)', () => {
  // bitnami/containers#83267: every existing image, versioned tags included, moved from docker.io/bitnami
  // to docker.io/bitnamilegacy; the charts (minio 14.x, velero's kubectl) still name docker.io/bitnami.
  test('bitnamiLegacy: docker.io/bitnami/<name>:<tag> → docker.io/bitnamilegacy; other references untouched', () => {
    expect(bitnamiLegacy('docker.io/bitnami/minio:2024.4.18-debian-12-r0')).toMatchObject({ source: 'docker.io/bitnamilegacy/minio:2024.4.18-debian-12-r0', verified: true });
    expect(bitnamiLegacy('docker.io/bitnami/kubectl:1.35')).toMatchObject({ source: 'docker.io/bitnamilegacy/kubectl:1.35', verified: false });
    expect(bitnamiLegacy('docker.io/bitnamilegacy/minio:1')).toBeUndefined();
    expect(bitnamiLegacy('docker.io/velero/velero:v1.13.0')).toBeUndefined();
    expect(bitnamiLegacy('quay.io/bitnami/minio:1')).toBeUndefined();
  });

  test.each(RELEASES)('MKE %s k0rdent delivery: every Bitnami image the charts name is copied from bitnamilegacy to the chart\'s path under the mirror; the script says why', (release) => {
    const s = synth(release, 'k0rdent');
    const list = airgapList(s.cluster);
    const moved = list.entries.filter((e) => e.movedFrom);
    expect(moved.length).toBeGreaterThanOrEqual(2); // minio and velero's kubectl at least
    expect(list.entries.some((e) => e.source?.startsWith('docker.io/bitnami/'))).toBe(false);
    for (const e of moved) {
      expect(e.movedFrom).toMatch(/^docker\.io\/bitnami\//);
      expect(e.source).toBe(e.movedFrom!.replace('docker.io/bitnami/', 'docker.io/bitnamilegacy/'));
      expect(e.target).toBe(`${REG}/${e.movedFrom!.slice('docker.io/'.length)}`);
      expect(e.note).toContain('bitnami/containers#83267');
    }
    const minio = moved.find((e) => e.movedFrom!.startsWith('docker.io/bitnami/minio:'))!;
    const script = airgapScript(list);
    const line = script.split('\n').findIndex((l) => l.includes(`'docker://${minio.source}'`));
    expect(line).toBeGreaterThan(0);
    expect(script.split('\n')[line - 1]).toMatch(/^# docker\.io\/bitnami\/minio:.* is no longer published under that name/);
    // The MCS values keep the chart's repository path under the mirror (what the list targets).
    const values = mcsService(s, 'minio')?.values as { image?: { registry?: string; repository?: string } } | undefined;
    expect(values?.image?.registry).toBe(REG);
    expect(`${values!.image!.registry}/${values!.image!.repository ?? 'bitnami/minio'}`).toBe(`${REG}/bitnami/minio`);
  });
});

describe('completeness with every service enabled: every release, both delivery modes', () => {
  const ALL = MKE_RELEASES.filter((r) => !r.startsWith('4.0'));
  const cases = ALL.flatMap((r) => [[r, 'operator'], [r, 'k0rdent']] as [MkeRelease, 'operator' | 'k0rdent'][]);
  const untag = (ref: string) => ref.replace(/(?::[^/:@]+)?(?:@sha256:[a-f0-9]+)?$/, '');

  test.each(cases)('MKE %s, %s delivery, airgapped: synth passes the check; every mirror reference in the output is a list target; every list target is under the mirror', (release, delivery) => {
    const s = synth(release, delivery);
    expect(airgapProblems(s.cluster)).toEqual([]);
    const list = airgapList(s.cluster);
    const images = list.entries.filter((e) => e.kind === 'image' && e.target).map((e) => e.target!);
    const charts = list.entries.filter((e) => e.kind === 'chart' && e.target).map((e) => e.target!);
    for (const t of images) expect(t.startsWith(`${REG}/`)).toBe(true);
    for (const t of charts) expect(t.startsWith(`${CHARTS}/`)).toBe(true);
    // Every image the list copies has a source and a target, and nothing it copies is still under docker.io/bitnami.
    for (const e of list.entries.filter((x) => x.kind === 'image' && x.source)) {
      expect(e.target).toBeDefined();
      expect(e.source!.startsWith('docker.io/bitnami/')).toBe(false);
    }
    const refs = outputStrings(s.cluster).filter((x) => x.value.includes(`${REG}/`) && x.value.replace(/^oci:\/\//, '') !== `${REG}/`);
    expect(refs.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const x of refs) {
      const ref = x.value.replace(/^oci:\/\//, '');
      const known = x.value.startsWith('oci://')
        ? charts.some((t) => untag(t) === x.value || t.startsWith(`${x.value}/`))
        : images.some((t) => t === ref || untag(t) === ref || untag(t) === untag(ref) || untag(t).startsWith(`${ref}/`) || untag(t).startsWith(`${ref.replace(/\/+$/, '')}/`));
      if (!known) missing.push(`${x.file} ${x.path} = ${x.value}`);
    }
    expect(missing).toEqual([]);
    // The registry-only keys (Helm values `registry: <mirror>`): each redirects at least one listed image.
    const registryKeys = outputStrings(s.cluster).filter((x) => x.key === 'registry' && x.value.replace(/\/+$/, '') === REG);
    if (registryKeys.length) expect(images.length).toBeGreaterThan(registryKeys.length);
    // k0rdent: every default image of every service chart (and enabled sub-chart) is redirected and listed.
    if (delivery === 'k0rdent') {
      const objects = s.cluster.manifestObjects().flatMap((f) => f.objects);
      const mcs = objects.find((o) => o.kind === 'MultiClusterService') as { spec: { serviceSpec: { services: { template: string; values?: string }[] } } };
      const templates = new Map(objects.filter((o) => o.kind === 'ServiceTemplate').map((o) => [(o.metadata as { name: string }).name, (o as { spec: { helm: { chartSpec: { chart: string; version: string } } } }).spec.helm.chartSpec]));
      let redirected = 0;
      for (const svc of mcs.spec.serviceSpec.services) {
        const chart = templates.get(svc.template)!;
        const known = chartImages(chart.chart, chart.version);
        if (!known) continue;
        const values = (svc.values ? parseYaml(svc.values) : {}) as Record<string, unknown>;
        for (const image of deployedImages(known, values)) {
          expect(images).toContain(`${REG}/${image.repoPath}:${chartImageTag(image, s.cluster.k0sctl.k0sVersion)}`);
          redirected++;
        }
      }
      expect(redirected).toBeGreaterThan(30);
    }
  });

  test.each(cases)('MKE %s, %s delivery, not airgapped: every chart the output references is a list source', (release, delivery) => {
    const s = synthSpec({ ...airgapped(release), airgap: { enabled: false } } as MkeClusterSpec, delivery);
    const list = airgapList(s.cluster);
    const sources = list.entries.filter((e) => e.kind === 'chart' && e.chart).map((e) => e.chart!);
    for (const chart of s.cluster.k0sctl.clusterConfigSpec().extensions?.helm?.charts ?? []) {
      expect({ chart: chart.chartname, listed: sources.some((c) => c.name === chart.chartname.split('/').pop() && c.version === chart.version) }).toEqual({ chart: chart.chartname, listed: true });
    }
    for (const t of s.cluster.manifestObjects().flatMap((f) => f.objects).filter((o) => o.kind === 'ServiceTemplate')) {
      const chart = (t as { spec: { helm: { chartSpec: { chart: string; version: string } } } }).spec.helm.chartSpec;
      expect({ chart: chart.chart, listed: sources.some((c) => c.name === chart.chart && c.version === chart.version) }).toEqual({ chart: chart.chart, listed: true });
    }
  });
});
