/**
 * The airgap check: with `airgap.enabled`, no reference in the synthesized output may point to a
 * public registry. It reads the output as written (overrides applied), including the Helm values
 * strings of the k0s charts and the MultiClusterService, and checks the keys that decide where the
 * bootstrap charts pull from when they are absent (k0s `images.repository`, Tigera
 * `installation.registry` / `tigeraOperator.registry`, kcm `controller.globalRegistry`).
 */
import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from '../config/diagnostics';
import { chartRegistry, imageRegistry } from '../config/accessors';
import { kcmImages } from '../k0s/kcm-airgap';
import type { K0sClusterConfigSpec } from '../k0s/types';
import type { MkeSpec } from '../config/types';
import { imageHost, PUBLIC_REGISTRIES } from '../config/image-rewrite';

/** Registries on the internet that charts and images default to. */
export { PUBLIC_REGISTRIES };
import { folderOfFile } from '../output/layout';

/** What the check reads of a cluster (an `MkeCluster` fits): its spec and its output objects. */
export interface AirgapCheckInput {
  readonly spec: MkeSpec;
  k0sctlObject(): unknown;
  manifestObjects(): readonly { readonly file: string; readonly objects: readonly Record<string, unknown>[] }[];
}

const PUBLIC = new RegExp(`(?:^|[\\s"'=@]|oci://|https?://|docker://)(?:[a-z0-9-]+\\.)*(${PUBLIC_REGISTRIES.map((r) => r.replace(/\./g, '\\.')).join('|')})(?=[/:]|$)`, 'i');

/** A string of the output at a path. */
export interface OutputString {
  readonly file: string;
  readonly path: string;
  readonly value: string;
  /** The key that holds it. */
  readonly key: string;
}

/** Every string of the output, with embedded Helm values (YAML strings under `values`) expanded. */
export function outputStrings(cluster: AirgapCheckInput): OutputString[] {
  const out: OutputString[] = [];
  const walk = (file: string, node: unknown, path: string, key: string): void => {
    if (typeof node === 'string') {
      if (key === 'values' && node.includes('\n')) {
        try {
          const parsed: unknown = parseYaml(node);
          if (parsed && typeof parsed === 'object') return walk(file, parsed, `${path}|`, '');
        } catch {
          // not YAML: checked as a plain string
        }
      }
      out.push({ file, path, value: node, key });
    } else if (Array.isArray(node)) node.forEach((v, i) => walk(file, v, `${path}[${i}]`, key));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(file, v, path.endsWith('|') || !path ? `${path}${k}` : `${path}.${k}`, k);
  };
  walk('k0sctl.yaml', cluster.k0sctlObject(), '', '');
  for (const { file, objects } of cluster.manifestObjects()) {
    // The folder the file is written to (services/, extras/ or manifests/), as in the diagnostic's path.
    const folder = folderOfFile(file, objects);
    for (const o of objects) {
      const meta = (o.metadata ?? {}) as { name?: string };
      walk(`${folder}/${file}.yaml`, o, `${String(o.kind)}/${meta.name ?? ''}:`, '');
    }
  }
  return out;
}

/** Looks up a dotted path in a parsed values object. */
function at(values: unknown, path: string): unknown {
  let node = values;
  for (const k of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
  return node;
}

/** Problems of an airgapped cluster's output; none when airgap is off. */
export function airgapProblems(cluster: AirgapCheckInput): Diagnostic[] {
  const spec = cluster.spec;
  if (spec.airgap?.enabled !== true) return [];
  const problems: Diagnostic[] = [];
  const hint = 'point registries.imageRegistry.url and registries.chartRegistry.url at your mirror (`mke4k airgap -f FILE --format script` copies what the cluster needs)';
  const problem = (path: string, message: string, h = hint) =>
    problems.push({ code: 'airgap-public-reference', severity: 'error', path, message: `airgap.enabled: ${message}`, hint: h });
  // The configured registries themselves: one error each, at the mke4.yaml field.
  const configured: string[] = [];
  for (const [field, url] of [['imageRegistry', imageRegistry(spec)], ['chartRegistry', chartRegistry(spec)]] as const) {
    const m = PUBLIC.exec(url);
    if (!m) continue;
    configured.push(url.replace(/^oci:\/\//, ''));
    problems.push({ code: 'airgap-public-reference', severity: 'error', path: `spec.registries.${field}.url`, message: `airgap.enabled: ${url} is the public registry ${m[1]}, and every reference the output makes to it stays public`, hint });
  }
  for (const s of outputStrings(cluster)) {
    if (configured.some((c) => s.value.includes(c))) continue;
    const m = PUBLIC.exec(s.value);
    if (m) problem(`${s.file} ${s.path}`, `\`${s.value.length > 120 ? `${s.value.slice(0, 117)}...` : s.value}\` still points to the public registry ${m[1]}`);
    // A Docker Hub short name (`velero/velero-plugin-for-aws:v1.9.0`) has no host: containerd pulls
    // it from docker.io (distribution/reference normalize.go). Only `image` values of the form
    // `name/path[:tag]` count (a bare `image: driver` is a name that a sibling `repository` completes).
    else if (s.key === 'image' && /^[a-z0-9][a-z0-9._-]*\/[a-z0-9._/-]+(?::[\w.-]+)?(?:@sha256:[a-f0-9]{64})?$/.test(s.value) && !imageHost(s.value)) {
      problem(`${s.file} ${s.path}`, `\`${s.value}\` is a Docker Hub short name: it is pulled from docker.io`);
    }
  }
  // Chart repositories over HTTP(S) that are not the private registries (HelmRepository, k0s repositories).
  const privateHosts = new Set([hostOf(imageRegistry(spec)), hostOf(chartRegistry(spec).replace(/^oci:\/\//, ''))]);
  for (const s of outputStrings(cluster)) {
    // `url` (k0s repositories, HelmRepository), `repo` / `repository` (add-on and user charts in the MkeConfig).
    if (!/^(https?|oci):\/\//.test(s.value) || !['url', 'repo', 'repository'].includes(s.key)) continue;
    const host = hostOf(s.value.replace(/^[a-z]+:\/\//, ''));
    if (!privateHosts.has(host) && !PUBLIC.test(s.value)) problem(`${s.file} ${s.path}`, `chart repository ${s.value} is outside the private registries (${[...privateHosts].join(', ')})`, 'mirror the chart into registries.chartRegistry and give the service `chart.repository` (or the add-on `chart.repo`) of the mirror');
  }
  // Keys whose absence means "pull from the public default".
  // Envoy Gateway runs each Gateway's proxy with its EnvoyProxy's container image, else with its
  // default from docker.io (envoyproxy/gateway api/v1alpha1/shared_types.go DefaultEnvoyProxyImage,
  // api/v1alpha1/envoyproxy_helpers.go: the deployment, or the daemon set when one is configured).
  for (const { file, objects } of cluster.manifestObjects()) {
    const folder = folderOfFile(file, objects);
    for (const o of objects.filter((x) => x.kind === 'EnvoyProxy')) {
      const k8s = at(o, 'spec.provider.kubernetes') as Record<string, unknown> | undefined;
      const workload = k8s && 'envoyDaemonSet' in k8s ? 'envoyDaemonSet' : 'envoyDeployment';
      if (at(o, `spec.provider.kubernetes.${workload}.container.image`)) continue;
      const name = String((o.metadata as { name?: string } | undefined)?.name ?? '');
      problem(`${folder}/${file}.yaml EnvoyProxy/${name}:spec.provider.kubernetes.${workload}.container.image`, 'not set: Envoy Gateway pulls the Envoy proxy from its default docker.io/envoyproxy/envoy', `set the EnvoyProxy's spec.provider.kubernetes.${workload}.container.image to the mirrored image (\`mke4k airgap\` lists it)`);
    }
  }
  // As written: overrides applied.
  const written = cluster.k0sctlObject() as { spec?: { k0s?: { config?: { spec?: K0sClusterConfigSpec } } } };
  const k0s: Partial<K0sClusterConfigSpec> = written.spec?.k0s?.config?.spec ?? {};
  if (!k0s.images?.repository) problem('k0sctl.yaml spec.k0s.config.spec.images.repository', 'not set: k0s pulls its images from quay.io and registry.k8s.io');
  for (const chart of k0s.extensions?.helm?.charts ?? []) {
    let values: unknown;
    try {
      values = chart.values ? parseYaml(chart.values) : {};
    } catch {
      continue;
    }
    const where = `k0sctl.yaml spec.k0s.config.spec.extensions.helm.charts[${chart.name}].values`;
    if (chart.name === 'tigera-operator') {
      if (!at(values, 'installation.registry')) problem(`${where} installation.registry`, 'not set: the Tigera operator pulls Calico from its public default registry', 'set installation.registry in the Calico values.yaml to your mirror, e.g. `registry.example.com/mke/`');
      if (!at(values, 'tigeraOperator.registry')) problem(`${where} tigeraOperator.registry`, 'not set: the Tigera operator image comes from quay.io', 'set tigeraOperator.registry in the Calico values.yaml to your mirror');
      // The operator's init container create-initial-resources runs calicoctl.image (projectcalico/calico
      // charts/tigera-operator/templates/tigera-operator/02-tigera-operator.yaml).
      if (!at(values, 'calicoctl.image')) problem(`${where} calicoctl.image`, 'not set: the Tigera operator\'s init container pulls calico/ctl from its public default', 'set calicoctl.image in the Calico values.yaml to your mirror, e.g. `registry.example.com/mke/calico/ctl`');
    }
    if (chart.name === 'kcm') {
      const kcm = kcmImages(chart.version);
      if ((kcm?.globalRegistry ?? true) && !at(values, 'controller.globalRegistry')) problem(`${where} controller.globalRegistry`, 'not set: kcm providers pull from their public registries');
      const repoKey = `controller.${kcm?.templatesRepoKey ?? 'templatesRepoURL'}`;
      if (!at(values, repoKey)) problem(`${where} ${repoKey}`, 'not set: kcm pulls its template charts from its public default');
      if (kcm && !at(values, 'image.repository')) problem(`${where} image.repository`, 'not set: the kcm controller image comes from its public default');
    }
  }
  return problems;
}

function hostOf(ref: string): string {
  return ref.split('/')[0].toLowerCase();
}
