/**
 * `mke4k airgap`: every image and chart a cluster pulls, where each comes from, where it must be in
 * the private registry, and whether a source confirms it. Built from the synthesized cluster (what
 * the output really references) and the committed data tables:
 * - k0s: `lib/k0s/k0s-images.generated.ts` (k0sproject/k0s pkg/constant, pkg/apis/k0s/v1beta1/images.go);
 * - Calico: `lib/cni/calico-images.generated.ts` (tigera-operator chart values, tigera/operator components);
 * - kcm and its providers: `lib/k0s/kcm-images.generated.ts` (k0rdent/kcm templates/provider);
 * - services: `lib/services/chart-images.generated.ts` (each chart version's values.yaml).
 */
import { parse as parseYaml } from 'yaml';
import type { MkeCluster } from '../../cluster';
import { chartRegistry, imageRegistry, isSingle } from '../../config/accessors';
import { DEFAULT_CHART_REGISTRY, KCM_CHART_REPOSITORY, releaseInfo } from '../../config/releases';
import { bitnamiLegacyRepository, chartImageTag, ChartImage, mirroredImage, mirroredReference } from '../../config/image-rewrite';
import { CALICO_IMAGE_TABLE } from '../../cni/calico-images.generated';
import { controlPlaneOf } from '../../control-plane';
import { managementProviders } from '../../control-plane/management';
import { ENTERPRISE_KCM_CONTROLLER_IMAGE, kcmControllerTarget, kcmImages } from '../../k0s/kcm-airgap';
import { K0S_IMAGE_TABLE } from '../../k0s/k0s-images.generated';
import { chartImages, dependencyEnabled, initContainerImages, ownDeployedImages } from '../../services/airgap-values';
import { defaultEnvoyProxyImage } from '../../services/envoy-gateway';

/** One image or chart the cluster needs. */
export interface AirgapEntry {
  readonly kind: 'image' | 'chart';
  /** Which part of the cluster pulls it: `k0s`, `cni`, `kcm`, `kcm-template` (charts kcm pulls from its templates repository), `kcm-provider`, `service`, `user-chart`. */
  readonly component: string;
  /** Image `host/path:tag`, or chart `oci://host/path/name:version` / `https://repo name:version`; undefined when unknown. */
  readonly source?: string;
  /** Where the cluster pulls it from with `airgap.enabled` (the configured registries). */
  readonly target?: string;
  /** Chart name and version (charts only). */
  readonly chart?: { readonly name: string; readonly version: string; readonly repository: string };
  /** The fact the entry rests on (upstream file and version). */
  readonly origin: string;
  /** True when a public source confirms name, version and location. */
  readonly verified: boolean;
  /** What else a user should know (optional component, unknown images, …). */
  readonly note?: string;
  /**
   * Digest-pinned images (`…@sha256:…`): the tag the mirror script pushes the image under in the
   * target repository (the digest then resolves there; `skopeo copy --preserve-digests`).
   */
  readonly pushTag?: string;
  /**
   * The reference the chart names when the image is no longer published under it (Bitnami's
   * 2025 catalog change); `source` is then where it is published now.
   */
  readonly movedFrom?: string;
}

/**
 * Bitnami moved every existing Debian-based image, versioned tags included, from docker.io/bitnami
 * to docker.io/bitnamilegacy (effective 2025-08-28) and no longer updates them; docker.io/bitnami
 * keeps no versioned tags, and charts still name docker.io/bitnami (bitnami/containers issue #83267,
 * bitnami/charts issue #35164; maintainers in bitnami/charts PR #36599: "the container images were
 * removed from docker.io/bitnami and moved to docker.io/bitnamilegacy ... Existing Helm charts are
 * not going to be modified"). Returns where a `docker.io/bitnami/<name>:<tag>` is published now.
 */
export function bitnamiLegacy(ref: string): { source: string; verified: boolean; note: string } | undefined {
  const m = /^(docker\.io\/bitnami\/[^:@]+)([:@].+)$/.exec(ref);
  const moved = m && bitnamiLegacyRepository(m[1]);
  if (!m || !moved) return undefined;
  const source = `${moved}${m[2]}`;
  const base = `${ref} is no longer published under that name: Bitnami moved its versioned images to docker.io/bitnamilegacy in 2025 (bitnami/containers#83267); copy it from there`;
  // Tags made from the cluster's Kubernetes version (velero's kubectl): Bitnami stopped building
  // these images at the move, so a minor released later has no tag in bitnamilegacy either.
  if (moved.endsWith('/kubectl')) return { source, verified: false, note: `${base}; bitnamilegacy holds only tags built before the move: check that ${source} exists, else keep velero's upgradeCRDs off (k0rdent delivery sets it false) or pin kubectl.image.tag to a tag that exists` };
  return { source, verified: true, note: base };
}

export interface AirgapList {
  readonly cluster: string;
  readonly release: string;
  readonly k0sVersion: string;
  readonly delivery: string;
  /** `registries.imageRegistry.url` of the config. */
  readonly imageRegistry: string;
  /** `registries.chartRegistry.url` of the config. */
  readonly chartRegistry: string;
  readonly airgapEnabled: boolean;
  readonly entries: readonly AirgapEntry[];
}

type K0sImage = { readonly key: string; readonly image: string; readonly version: string };

const hostOf = (ref: string): string => {
  const i = ref.indexOf('/');
  if (i < 0) return '';
  const first = ref.slice(0, i);
  return /[.:]/.test(first) || first === 'localhost' ? first : '';
};
/** Path of an image below its registry host (k0s `overrideRepository`: the host is replaced). */
const pathOf = (ref: string): string => (hostOf(ref) ? ref.slice(hostOf(ref).length + 1) : ref);
const withHost = (ref: string): string => (hostOf(ref) ? ref : `docker.io/${ref.includes('/') ? ref : `library/${ref}`}`);

/** Calico chart version as upstream numbers it (MKE's `v3.30.200` is Calico 3.30.2). */
export function upstreamCalicoVersion(version: string): string {
  const [major, minor, patch] = version.replace(/^v/, '').split('.');
  const p = Number(patch);
  return `${major}.${minor}.${p >= 100 && p % 100 === 0 ? p / 100 : patch}`;
}

function chartEntry(component: string, name: string, version: string, sourceRepo: string, targetRepo: string | undefined, origin: string, verified: boolean, note?: string): AirgapEntry {
  const ref = (repo: string) => (repo.startsWith('oci://') ? `${repo.replace(/\/+$/, '')}/${name}:${version}` : `${repo.replace(/\/+$/, '')} ${name}:${version}`);
  return {
    kind: 'chart',
    component,
    source: ref(sourceRepo),
    ...(targetRepo ? { target: ref(targetRepo) } : {}),
    chart: { name, version, repository: sourceRepo.replace(/\/+$/, '') },
    origin,
    verified,
    ...(note ? { note } : {}),
  };
}

/** The list of a synthesized cluster. */
export function airgapList(cluster: MkeCluster): AirgapList {
  const spec = cluster.spec;
  const release = cluster.release;
  const info = releaseInfo(release);
  const reg = imageRegistry(spec);
  const charts = chartRegistry(spec);
  const entries: AirgapEntry[] = [];
  const tagOf = (i: ChartImage): string => chartImageTag(i, cluster.k0sctl.k0sVersion);
  const image = (component: string, source: string, origin: string, verified: boolean, note?: string, targetPath?: string): void => {
    const full = withHost(source);
    const [name, tag] = [full.slice(0, full.lastIndexOf(':')), full.slice(full.lastIndexOf(':') + 1)];
    const target = `${mirroredImage(reg, targetPath ?? pathOf(name))}:${tag}`;
    const moved = bitnamiLegacy(full);
    if (moved) {
      // The chart's name is kept as the target path (the airgap rewrite keeps it), the copy comes from where the image is now.
      entries.push({ kind: 'image', component, source: moved.source, target, origin, verified: verified && moved.verified, movedFrom: full, note: [note, moved.note].filter(Boolean).join('; ') });
      return;
    }
    entries.push({ kind: 'image', component, source: full, target, origin, verified, ...(note ? { note } : {}) });
  };

  // k0s: the images of its version that this ClusterConfig runs.
  const config = cluster.k0sctl.clusterConfigSpec();
  const k0s = (K0S_IMAGE_TABLE as unknown as Record<string, { commit: string; images: readonly K0sImage[] }>)[cluster.k0sctl.k0sVersion];
  if (k0s) {
    const provider = config.network.provider;
    const wanted = (key: string): boolean => {
      // k0s cmd/controller/controller.go: the push gateway runs only with --enable-metrics-scraper,
      // and a --single controller runs no konnectivity.
      if (key === 'pushgateway') return false;
      if (key === 'konnectivity') return !isSingle(spec);
      if (key === 'kubeproxy') return config.network.kubeProxy?.disabled !== true;
      if (key.startsWith('calico.')) return provider === 'calico';
      if (key.startsWith('kuberouter.')) return provider === 'kuberouter';
      if (key.startsWith('network.nodeLocalLoadBalancing')) return config.network.nodeLocalLoadBalancing?.enabled === true;
      if (key.startsWith('windows') || key.includes('.windows')) return false; // Windows workers only
      return true;
    };
    for (const i of k0s.images.filter((x) => wanted(x.key))) {
      image('k0s', `${i.image}:${i.version}`, `k0sproject/k0s ${cluster.k0sctl.k0sVersion} (${k0s.commit.slice(0, 12)}) images.${i.key}`, true);
    }
  } else {
    entries.push({ kind: 'image', component: 'k0s', origin: `no image table for k0s ${cluster.k0sctl.k0sVersion}`, verified: false, note: 'run scripts/airgap-data.js with a k0s mirror to add it' });
  }

  // The CNI: Tigera operator chart, the operator and the Calico images it deploys.
  const cniChart = cluster.k0sctl.cni && 'chart' in cluster.k0sctl.cni ? (cluster.k0sctl.cni as { chart?: { name: string; version: string; repository: string } }).chart : undefined;
  const tigera = config.extensions?.helm?.charts.find((c) => c.name === 'tigera-operator');
  if (cniChart && tigera) {
    const catalog = info.charts['tigera-operator'];
    const upstream = upstreamCalicoVersion(cniChart.version);
    entries.push(chartEntry('cni', cniChart.name, cniChart.version, DEFAULT_CHART_REGISTRY, charts, catalog?.source ?? 'catalog', catalog?.verified ?? false));
    const table = (CALICO_IMAGE_TABLE as unknown as Record<string, { operator: { registry: string; image: string; version: string; commit: string }; calicoctl: { image: string; tag: string }; defaultRegistry: string; components: readonly { component: string; image: string; version: string; windows?: boolean }[] }>)[upstream];
    if (table) {
      const op = table.operator;
      // Verified as far as the chart coordinates are: the images are read from that upstream version.
      const chartVerified = catalog?.verified ?? false;
      image('cni', `${op.registry}/${op.image}:${op.version}`, `tigera-operator chart ${upstream} values.yaml tigeraOperator`, chartVerified);
      // The operator Deployment's init container create-initial-resources (projectcalico/calico
      // charts/tigera-operator/templates/tigera-operator/02-tigera-operator.yaml).
      image('cni', `${table.calicoctl.image}:${table.calicoctl.tag}`, `tigera-operator chart ${upstream} values.yaml calicoctl (init container create-initial-resources)`, chartVerified);
      const optional: Record<string, string> = {
        ComponentCalicoCSRInitContainer: 'only with installation.certificateManagement',
        ComponentCalicoEnvoyGateway: 'only with Calico ingress gateway',
        ComponentCalicoEnvoyProxy: 'only with Calico ingress gateway',
        ComponentCalicoEnvoyRatelimit: 'only with Calico ingress gateway',
        ComponentCalicoGuardian: 'only when connected to a management cluster',
      };
      for (const c of table.components.filter((x) => !x.windows)) {
        image('cni', `${table.defaultRegistry.replace(/\/+$/, '')}/${c.image}:${c.version}`, `tigera/operator ${op.version} pkg/components/calico.go ${c.component}`, chartVerified, optional[c.component]);
      }
    } else {
      entries.push({ kind: 'image', component: 'cni', origin: `no image table for Calico ${upstream}`, verified: false, note: 'images unknown' });
    }
  }

  if (config.network.provider === 'custom' && !tigera) {
    entries.push({ kind: 'image', component: 'cni', origin: 'network.providers: custom', verified: false, note: 'the custom CNI is installed by you: mirror its images yourself' });
  }

  // kcm: the chart, its controller and sub-charts, and the providers the Management object enables.
  const kcm = config.extensions?.helm?.charts.find((c) => c.name === 'kcm');
  if (kcm && info.kcmVersion) {
    const name = kcm.chartname.split('/').pop() ?? kcm.chartname;
    entries.push(chartEntry('kcm', name, info.kcmVersion, KCM_CHART_REPOSITORY, charts, 'release catalog (k0rdent Enterprise)', true));
    const data = kcmImages(info.kcmVersion);
    if (data) {
      const from = `k0rdent/kcm v${data.upstreamVersion} (${data.commit.slice(0, 12)})`;
      const exact = data.exact ? '' : `; data of upstream kcm ${data.upstreamVersion}, nearest to ${info.kcmVersion}`;
      const controllerTarget = kcmControllerTarget(data, reg);
      entries.push({
        kind: 'image',
        component: 'kcm',
        source: `${ENTERPRISE_KCM_CONTROLLER_IMAGE}:${info.kcmVersion}`,
        target: `${controllerTarget}:${info.kcmVersion}`,
        origin: 'k0rdent Enterprise docs (admin/installation/airgap: airgap-pull-through names registry.mirantis.com/k0rdent-enterprise/kcm-controller:1.3.0, airgap-install sets image.repository …/k0rdent-enterprise/kcm-controller)',
        verified: false,
        note: `the tag is the chart version (as upstream kcm: Makefile set-kcm-version); upstream kcm's image is ${data.controller.repository}${exact}`,
      });
      for (const sub of data.subcharts) {
        if (!sub.enabled) continue;
        for (const i of sub.images ?? []) image('kcm', `${i.image}:${i.tag}`, `${sub.source} (kcm sub-chart ${sub.name} ${sub.version})`, data.exact, exact ? exact.slice(2) : undefined, i.repoPath);
        if (!sub.images) entries.push({ kind: 'image', component: 'kcm', origin: `kcm sub-chart ${sub.name} ${sub.version}`, verified: false, note: 'images unknown' });
      }
      // k0rdent-ui: a sub-chart of the k0rdent Enterprise chart only (upstream kcm's Chart.yaml has
      // no such dependency at any tag we emit), off unless `k0rdent-ui.enabled` (lib/k0s/helm-extensions.ts).
      const kcmValues = (kcm.values ? parseYaml(kcm.values) : {}) as { 'k0rdent-ui'?: { enabled?: boolean } } | null;
      if (kcmValues?.['k0rdent-ui']?.enabled === true) {
        entries.push({ kind: 'image', component: 'kcm', origin: 'k0rdent Enterprise chart sub-chart k0rdent-ui (k0rdent-ui.enabled: true)', verified: false, note: 'images unknown: the sub-chart is only in the k0rdent Enterprise chart, whose values are not public (upstream k0rdent/kcm has no k0rdent-ui); take them from the k0rdent Enterprise airgap bundle' });
      }
      // The template charts kcm's Flux pulls from controller.templatesRepoURL (here the chart
      // registry): the kcm-templates chart at the release version (k0rdent/kcm
      // internal/controller/release_controller.go, HelmChart `kcm-templates`, `Spec.Version = releaseVersion`),
      // then every ProviderTemplate and ClusterTemplate chart it installs (the `kcm` template takes the
      // release version: Makefile generate-release).
      const templateNote = `kcm pulls it from controller.${data.templatesRepoKey}; the k0rdent Enterprise path is inferred (upstream: ${data.templatesRepoURL})${exact}`;
      entries.push(chartEntry('kcm', 'kcm-templates', info.kcmVersion, KCM_CHART_REPOSITORY, charts, `${from} internal/controller/release_controller.go (kcm-templates at the release version)`, false, templateNote));
      for (const t of data.templates) {
        const version = t.chart === 'kcm' ? info.kcmVersion : t.version;
        entries.push(chartEntry('kcm-template', t.chart, version, KCM_CHART_REPOSITORY, charts, `${from} templates/provider/kcm-templates/files/templates (${t.kind})`, false, templateNote));
      }
      if (!data.globalRegistry) {
        entries.push({ kind: 'image', component: 'kcm-provider', origin: `${from} templates/provider/kcm/values.yaml (no controller.globalRegistry)`, verified: true, note: `kcm ${data.upstreamVersion} passes no registry to its providers: their images keep their public names, so the nodes need a registry mirror for them (containerd mirror configuration)` });
      }
      const providers = ['cluster-api', ...managementProviders({ release, mkeOperator: cluster.delivery !== 'k0rdent', providers: spec.k0rdent?.enabled === false ? [] : (spec.k0rdent?.providers ?? []).map((p) => ({ name: p.name })) }).map((p) => p.name)];
      for (const p of providers) {
        const known = data.providers.find((x) => x.provider === p);
        if (!known || !known.images.length) {
          entries.push({ kind: 'image', component: 'kcm-provider', origin: `${from}: provider ${p}`, verified: false, note: `images of provider ${p} unknown (its templates do not read global.registry${known ? '' : ', or it is not an upstream kcm provider'})` });
          continue;
        }
        // Sveltos (kcm's projectsveltos provider): the public images of the chart kcm wraps, under
        // global.registry (projectsveltos/helm-charts charts/projectsveltos/templates/deployment.yaml).
        const publicSource = known.sourceRegistry;
        const viaGlobal = known.usesGlobalRegistry !== false && data.globalRegistry;
        for (const ref of known.images) {
          const unresolved = ref.includes('{{');
          const source = publicSource && !unresolved ? `${publicSource}/${ref}` : undefined;
          entries.push({
            kind: 'image',
            component: 'kcm-provider',
            ...(source ? { source } : {}),
            target: unresolved ? undefined : `${mirroredImage(reg, ref)}`,
            origin: source ? `${known.source} (provider ${p} ${known.appVersion}${exact})` : `${from} templates/provider/${p} ($global.registry)`,
            verified: source ? data.exact : false,
            note: unresolved
              ? `path ${ref}: the version comes from a template variable`
              : source
                ? viaGlobal ? `provider ${p}: kcm passes controller.globalRegistry as global.registry (internal/controller/management_controller.go)` : `provider ${p}: this chart version does not read global.registry: the nodes pull it from ${publicSource} unless a containerd mirror redirects it`
                : `provider ${p} ${known.appVersion}: kcm pulls it from controller.globalRegistry; kcm names only this path, no public image (source in the k0rdent Enterprise airgap bundle)`,
          });
        }
        // Agents the Sveltos controllers deploy at run time, digest-pinned, with `docker.io` replaced
        // by their --registry (global.registry): projectsveltos/classifier controllers/classifier_deployer.go,
        // projectsveltos/addon-controller controllers/resourcesummary.go `replaceRegistry`.
        const addonTag = known.images.find((i) => i.startsWith('projectsveltos/addon-controller:'))?.split(':')[1];
        for (const a of known.agents ?? []) {
          const drift = a.image.startsWith('projectsveltos/drift-detection-manager@');
          const rebuilt = drift && addonTag !== undefined && addonTag !== a.tag;
          entries.push({
            kind: 'image',
            component: 'kcm-provider',
            source: `${publicSource ?? 'docker.io'}/${a.image}`,
            target: mirroredImage(reg, a.image),
            origin: `${a.source} (deployed by Sveltos ${a.tag} at run time${exact})`,
            verified: data.exact && !rebuilt,
            pushTag: a.tag,
            note: rebuilt
              ? `kcm runs addon-controller ${addonTag}, not ${a.tag}: the digest it embeds may differ from this one (${a.tag}'s)`
              : `digest-pinned; the Sveltos controllers pull it from ${viaGlobal ? 'controller.globalRegistry' : publicSource ?? 'docker.io'}`,
          });
        }
      }
    }
  }
  if (cluster.delivery === 'operator' && info.mkeOperatorChartVersion) {
    entries.push(chartEntry('kcm-provider', 'mke-operator', info.mkeOperatorChartVersion, DEFAULT_CHART_REGISTRY, charts, 'release-matrix mke-operator chart version', false, 'images unknown; the chart repository is inferred'));
  }

  // System and user services: each chart, and the images of that chart version's default values.
  for (const service of controlPlaneOf(cluster)?.services ?? []) {
    for (const r of service.toReleases()) {
      if (!r.chart) {
        entries.push({ kind: 'chart', component: 'user-chart', origin: `ServiceTemplate ${r.template ?? r.name}`, verified: false, note: `service ${r.name} uses an existing ServiceTemplate: mirror the chart it names (images unknown)` });
        continue;
      }
      const c = r.chart;
      const user = c.source === 'user' || c.source === 'override' || c.source.startsWith('mke4.yaml');
      const chartName = c.name.split('/').pop() ?? c.name;
      const sourceRepo = c.repository ?? DEFAULT_CHART_REGISTRY;
      const targetRepo = c.repository && !user ? c.repository : charts;
      entries.push(chartEntry(user ? 'user-chart' : 'service', chartName, c.version, sourceRepo, targetRepo, c.source, c.verified && !user ? c.verified : false, user ? 'images unknown' : undefined));
      if (user) continue;
      // Images the service's values add as init containers (the velero plugin); synth moves them under
      // the image registry (host replaced, path kept).
      for (const ref of initContainerImages(r.values)) {
        if (mirroredReference(reg, ref) === ref) continue; // already private
        image('service', ref, `${chartName} ${c.version} values initContainers (set by the ${r.name} service)`, c.verified);
      }
      const known = chartImages(chartName, c.version);
      if (!known) {
        entries.push({ kind: 'image', component: 'service', origin: `${chartName} ${c.version}`, verified: false, note: `images of ${chartName} ${c.version} unknown (no upstream values.yaml of this version)` });
        continue;
      }
      // k0rdent delivery renders the chart with our values (velero's kubectl image runs only with
      // upgradeCRDs/cleanUpCRDs on); in operator delivery mke-operator renders it with its own values,
      // which are not public: the chart's defaults are the best guess.
      const operatorRendered = cluster.delivery !== 'k0rdent';
      for (const i of ownDeployedImages(known, operatorRendered ? {} : r.values)) {
        const who = operatorRendered && bitnamiLegacy(`${i.image}:${tagOf(i)}`) ? `mke-operator renders ${chartName} with its own values (not public; this output cannot set its images): whether it still names ${i.image} is unknown` : undefined;
        image('service', `${i.image}:${tagOf(i)}`, `${chartName} ${known.version} values.yaml ${i.path}${i.tagFrom !== 'values' ? ` (tag from ${i.tagFrom})` : ''}`, c.verified && !i.unverified, who, i.repoPath);
      }
      // Envoy Gateway deploys each Gateway's Envoy proxy itself (not from chart values): the MKE
      // EnvoyProxy names its image (envoyproxy/gateway api/v1alpha1/shared_types.go DefaultEnvoyProxyImage).
      if (chartName === 'gateway-helm') {
        const proxy = defaultEnvoyProxyImage(c.version);
        const who =
          cluster.delivery === 'k0rdent'
            ? 'synth sets it on the EnvoyProxy mke-gateway-ingress (spec.provider.kubernetes.envoyDeployment.container.image)'
            : 'mke-operator creates the EnvoyProxy of the MKE Gateway: its image reference is mke-operator\'s (not public); this is the path Envoy Gateway defaults to';
        if (proxy) image('service', `${proxy.image}:${proxy.tag}`, `${proxy.origin} (the Envoy proxy of each Gateway)`, true, who);
        else entries.push({ kind: 'image', component: 'service', origin: `${chartName} ${c.version}: Envoy proxy`, verified: false, note: `the default Envoy proxy image of Envoy Gateway ${c.version} is unknown (run scripts/airgap-data.js --envoy-gateway)` });
      }
      for (const d of known.dependencies.filter((x) => dependencyEnabled(x, r.values))) {
        if (!d.images) {
          entries.push({ kind: 'image', component: 'service', origin: `${chartName} ${known.version} Chart.yaml dependency ${d.name} ${d.version}`, verified: false, note: `images of sub-chart ${d.name} ${d.version} unknown` });
          continue;
        }
        const range = d.versionFrom === 'range' ? `; ${d.name} ${d.version} resolved to ${d.resolvedVersion} by release date` : '';
        for (const i of d.images) {
          image('service', `${i.image}:${tagOf(i)}`, `${d.source} values.yaml ${i.path} (sub-chart of ${chartName} ${known.version}${range})`, c.verified && d.versionFrom !== 'range', undefined, i.repoPath);
        }
      }
    }
  }

  // MKE 4.0: the Blueprint Operator's services are not synthesized; its add-ons are user charts.
  if (release.startsWith('4.0')) {
    entries.push({ kind: 'chart', component: 'service', origin: `MKE ${release} Blueprint Operator`, verified: false, note: 'MKE 4.0 system services are not synthesized, so not listed' });
    for (const a of spec.addons ?? []) {
      if (a.enabled === false || !a.chart || (a.kind ?? 'chart') !== 'chart') continue;
      entries.push(chartEntry('user-chart', a.chart.name, a.chart.version, a.chart.repo, charts, `mke4.yaml addons[] ${a.name}`, false, 'images unknown'));
    }
  }

  return {
    cluster: cluster.clusterName,
    release,
    k0sVersion: cluster.k0sctl.k0sVersion,
    delivery: release.startsWith('4.0') ? 'none' : cluster.delivery,
    imageRegistry: reg,
    chartRegistry: charts,
    airgapEnabled: spec.airgap?.enabled === true,
    entries: dedupe(entries),
  };
}

function dedupe(entries: readonly AirgapEntry[]): AirgapEntry[] {
  const seen = new Set<string>();
  const out: AirgapEntry[] = [];
  for (const e of entries) {
    const key = `${e.kind}|${e.source ?? ''}|${e.target ?? ''}|${e.source || e.target ? '' : `${e.origin}|${e.note}`}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}
