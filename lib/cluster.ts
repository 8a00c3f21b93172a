/**
 * `MkeCluster`: the root construct. It takes a validated spec (from mke4.yaml or TypeScript) and
 * composes the constructs that own each concern: the k0sctl config, then — by delivery mode — the
 * MkeConfig for mke-operator or the k0rdent objects of every system service.
 */
import { airgapProblems } from './control-plane/airgap-check';
import { renderingChanged, renderMemoized, whileRendering } from './construct-diagnostics';
import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Diagnostic, MkeValidationError } from './config/diagnostics';
import { CLUSTER_FOLDERS, folderOfFile, MANIFEST_FILES, type Delivery, type ManifestFile } from './output/layout';
import { applyOverrides, Override, OverrideTarget, overrideProblem, parseOverridePath } from './output/overrides';
import { LoadedConfig, loadMkeConfigFile, validateSpec } from './config/load';
import { K0RDENT_NAMESPACE, MkeRelease } from './config/releases';
import { collectPrerequisites, type Prerequisite } from './prerequisites';
import { MKE_KIND } from './config/schema';
import { compareVariableNames } from './config/secrets';
import type { MkeClusterSpec } from './config/spec-types';
import type { MkeSpec } from './config/types';
import { addControlPlane, addSystemService, controlPlaneOf } from './control-plane';
import { dns1123SubdomainError } from './k8s-names';
import { K0sctlCluster, k0sctlPropsFromSpec } from './k0s/k0sctl-cluster';
import { bootstrapNotes } from './k0s/bootstrap-notes';
import { Calico } from './cni/calico';
import type { K0sctlOptions } from './k0s/types';
import { SUBSTITUTE_ANNOTATION, SUBSTITUTE_DISABLED, SystemService } from './services/system-service';
import { constructErrors, registerOutput, type RenderedCluster, type RenderedFile } from './output/writer';
import { toYaml, toYamlDocuments } from './output/yaml';
import { relativeKeyPaths } from './k0s/bootstrap-notes';
import { applyStagingProblems, prerequisitesDocument, referenceProblems } from './output/output-checks';

export { MANIFEST_FILES } from './output/layout';
export type { Delivery, ManifestFile } from './output/layout';

// The spec types, with a description, allowed values and the default per release on every field, are
// generated from the zod model (lib/config/spec-types.ts); a test checks that they equal its input type.
export type { MkeClusterHost, MkeClusterSpec, MkeHostRole } from './config/spec-types';

export interface MkeClusterProps {
  /**
   * The cluster definition, as mke4.yaml's `spec` (validated here, defaults of `spec.version` applied).
   * Exactly one of `spec` and `config` is given.
   * @default - none: give `spec` or `config`
   */
  readonly spec?: MkeClusterSpec;
  /**
   * A definition already loaded with `loadMkeConfig` / `MkeCluster.fromFile`.
   * @default - none: give `spec` or `config`
   */
  readonly config?: LoadedConfig;
  /**
   * Cluster name: the output folder and the `MkeConfig`'s `metadata.name`.
   * @default - `config.name`, else the construct id
   */
  readonly name?: string;
  /**
   * How system services are delivered: `operator` (the MkeConfig for mke-operator) or `k0rdent`
   * (ServiceTemplates + MultiClusterService, no operator).
   * @default 'operator'
   */
  readonly delivery?: Delivery;
  /**
   * k0sctl `spec.options` (wait, drain, concurrency, evictTaint) for k0sctl.yaml. mke4.yaml has no
   * such section, so `import`/`export` do not carry it.
   * @default - k0sctl's own defaults (nothing written)
   */
  readonly k0sctlOptions?: K0sctlOptions;
}

const CLUSTER_SYMBOL = Symbol.for('mke4k-cdk8s.MkeCluster');

const PLAIN_APP_SYNTH =
  "an MkeCluster cannot be synthesized by cdk8s's App.synth() (it would write one .k8s.yaml per chart, no k0sctl.yaml, no kustomization, overrides dropped): create the app with `new MkeApp()` from mke4k-cdk8s, or call `synthesize(app)`";

export class MkeCluster extends Construct {
  /** Loads an mke4.yaml file and builds the cluster; throws `MkeValidationError` when it is invalid. */
  static fromFile(scope: Construct, id: string, file: string, options: Omit<MkeClusterProps, 'spec' | 'config'> = {}): MkeCluster {
    const result = loadMkeConfigFile(file);
    if (!result.config) throw new MkeValidationError(result.diagnostics);
    return new MkeCluster(scope, id, { ...options, config: result.config });
  }

  static isMkeCluster(x: unknown): x is MkeCluster {
    return typeof x === 'object' && x !== null && CLUSTER_SYMBOL in x;
  }

  /** Every MkeCluster below a scope (an App, or any construct), in tree order. */
  static all(scope: IConstruct): MkeCluster[] {
    return scope.node.findAll().filter((c): c is MkeCluster => MkeCluster.isMkeCluster(c));
  }

  readonly clusterName: string;
  readonly release: MkeRelease;
  readonly spec: MkeSpec;
  readonly delivery: Delivery;
  /** The k0sctl configuration (k0sctl.yaml). */
  readonly k0sctl: K0sctlCluster;
  /** Warnings found while validating and building (never secret values). */
  readonly warnings: Diagnostic[] = [];
  /** Secret placeholders the output uses: variable name → the mke4.yaml field it fills. */
  readonly secretVariables = new Map<string, string>();
  private readonly charts = new Map<string, Chart>();
  private readonly overrides: Override[] = [];

  constructor(scope: Construct, id: string, props: MkeClusterProps) {
    super(scope, id);
    Object.defineProperty(this, CLUSTER_SYMBOL, { value: true });
    if (props.spec !== undefined && props.config !== undefined) throw new Error('MkeCluster takes `spec` or `config`, not both');
    let config = props.config;
    if (!config) {
      if (props.spec === undefined) throw new Error('MkeCluster needs `spec` or `config`');
      const result = validateSpec(props.spec, { name: props.name ?? id });
      if (!result.config) throw new MkeValidationError(result.diagnostics);
      config = result.config;
      this.warnings.push(...result.diagnostics);
    }
    this.clusterName = props.name ?? config.name ?? id;
    // The name becomes a folder (and a file name under `mke4k export`): never a path.
    const nameProblem = dns1123SubdomainError(this.clusterName);
    if (nameProblem) {
      throw new MkeValidationError([
        { code: 'header-name', severity: 'error', path: 'metadata.name', message: `cluster name ${JSON.stringify(this.clusterName)} ${nameProblem} (a DNS-1123 name)`, hint: 'the name becomes the output folder: lower-case letters, digits, "-" and ".", e.g. `prod`' },
      ]);
    }
    this.release = config.release;
    this.spec = config.spec;
    this.delivery = props.delivery ?? 'operator';
    if (props.delivery === 'k0rdent' && this.release.startsWith('4.0')) {
      // MKE 4.0 installs its add-ons with the Blueprint Operator and ships no k0rdent (k0rdent arrives with
      // MKE 4k 4.1, docs.mirantis.com/mke4k/4.1.0). (`operator`, the default, is accepted so that one program
      // can pass it to every cluster; the CLI refuses any explicit --delivery for 4.0.)
      throw new MkeValidationError([
        { code: 'delivery-unsupported', severity: 'error', path: 'spec.version', message: `k0rdent delivery does not apply to MKE ${this.release} (no k0rdent)`, hint: 'leave delivery unset, or move the cluster to 4.1+ (`mke4k init --mke-version`)' },
      ]);
    }
    this.k0sctl = new K0sctlCluster(this.chart('k0sctl'), 'cluster', {
      ...k0sctlPropsFromSpec(this.spec, this.release, this.clusterName),
      ...(props.k0sctlOptions ? { options: props.k0sctlOptions } : {}),
    });
    for (const [variable, field] of this.k0sctl.secretVariables) this.useSecret(variable, field);
    this.warnings.push(...bootstrapNotes(this.spec, this.release, this.k0sctl.cni instanceof Calico && this.k0sctl.cni.installer === 'tigera-operator'));
    this.warnings.push(...this.k0sctl.behaviourProblems().filter((d) => d.severity === 'warning'));
    addControlPlane(this);
    registerOutput(this, { folder: { name: this.clusterName, rank: 0, render: () => renderCluster(this) } });
    refusePlainAppSynth(this.node.root);
    // Built inside a rendering (the CLI's synth): what was computed while building is not the output.
    renderingChanged();
  }

  /**
   * Where a service created with this cluster as its scope lives: the cluster's `50-extras` chart
   * (a service emits nothing itself; the objects users add to it, such as MetalLB pools, need the
   * service's CRDs, so they are applied last). Called by the `SystemService` constructor.
   */
  serviceScope(id: string): Construct {
    if (this.release.startsWith('4.0')) {
      throw new Error(`MkeCluster ${this.clusterName}: MKE ${this.release} has no system-service delivery (services are not synthesized for 4.0)`);
    }
    const chart = this.chart('50-extras');
    if (chart.node.tryFindChild(id)) {
      throw new Error(`MkeCluster ${this.clusterName} already has a service with id '${id}' (enabled by its spec?); use cluster.findService(Type) to configure that one, or give the new service another id`);
    }
    return chart;
  }

  /**
   * Delivers a service in this cluster's mode (its MkeConfig section, or its ServiceTemplates and
   * MultiClusterService entries). Services created with the cluster as scope
   * (`new MetalLb(cluster, 'metallb')`) are delivered without this call; `addService` makes it
   * explicit and returns the service for chaining. The service must have been created in this
   * cluster.
   */
  addService<T extends SystemService>(service: T): T {
    if (!this.node.findAll().includes(service)) {
      throw new Error(`${service.node.path} is not part of MkeCluster ${this.clusterName}: create it with the cluster as its scope, e.g. new MetalLb(cluster, 'metallb')`);
    }
    this.adoptServices();
    return service;
  }

  /** Every system service the cluster delivers: from its spec, then those added in code. */
  get services(): readonly SystemService[] {
    this.adoptServices();
    return [...(controlPlaneOf(this)?.services ?? [])];
  }

  /** The first service of a type, e.g. `cluster.findService(MetalLb)?.addIpAddressPool(…)`. */
  findService<T extends SystemService>(type: abstract new (...args: never[]) => T): T | undefined {
    return this.services.find((s): s is T => s instanceof type);
  }

  /** Registers services created below the cluster since the last call (idempotent). */
  private adoptServices(): void {
    const plane = controlPlaneOf(this);
    if (!plane) return;
    const known = new Set<SystemService>(plane.services);
    for (const service of SystemService.all(this)) {
      if (known.has(service)) continue;
      addSystemService(this, service);
      renderingChanged();
    }
  }

  /** The chart behind one output file (created on first use). */
  chart(file: ManifestFile | 'k0sctl'): Chart {
    let chart = this.charts.get(file);
    if (!chart) {
      chart = new Chart(this, file, { disableResourceNameHashes: true });
      this.charts.set(file, chart);
    }
    return chart;
  }

  /** Records a secret placeholder used in the output. */
  useSecret(variable: string, field: string): void {
    this.secretVariables.set(variable, field);
  }

  /**
   * What the output refers to and the user creates (Secrets, identities, templates installed by
   * other means): everything declared with `declarePrerequisites` below this cluster, which includes
   * the objects a Fleet puts into its manifests.
   */
  prerequisites(): Prerequisite[] {
    const created = this.node
      .findAll()
      .filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'Namespace')
      .map((o) => o.name);
    return withNamespaceFirst(collectPrerequisites(this), new Set(created), this.bootstrapNamespaces());
  }

  /**
   * Namespaces that exist once `k0sctl apply` has run: `k0rdent`, where the kcm Helm extension is
   * installed (k0s pkg/helm/helm.go installs with `CreateNamespace = true`). None for MKE 4.0.
   */
  bootstrapNamespaces(): string[] {
    return this.release.startsWith('4.0') ? [] : [K0RDENT_NAMESPACE];
  }

  /** The objects of each manifest file, in file order; empty files are left out. */
  manifestObjects(): { file: ManifestFile; objects: Record<string, unknown>[] }[] {
    return this.renderManifests().files;
  }

  /** The k0sctl `Cluster` object, overrides applied. */
  k0sctlObject(): Record<string, unknown> {
    return this.renderK0sctl().object;
  }

  /**
   * Escape hatch for what the typed model does not cover: sets `value` at `path` of a synthesized
   * object — `'k0sctl'` for k0sctl.yaml, or a manifest object by `{kind, name, namespace?}`.
   * `undefined` deletes the key. Paths are dot-separated, `[n]` for list items, `["a.b"]` for keys
   * with dots, e.g. `spec.k0s.config.spec.network.calico.mtu`. The parent of the path must exist:
   * an override that misses is a synth error (`override-path`), never silently dropped.
   */
  addOverride(target: OverrideTarget, path: string, value: unknown): void {
    const override: Override = { target, path, value };
    if (!parseOverridePath(path)) throw new MkeValidationError([overrideProblem(override, 'the path is not of the form a.b[0]["c.d"]')]);
    this.overrides.push(override);
    renderingChanged();
  }

  /** Overrides that did not apply: unknown target object, or a parent path that does not exist. */
  overrideProblems(): Diagnostic[] {
    if (!this.overrides.length) return [];
    const k0sctl = this.renderK0sctl();
    const manifests = this.renderManifests();
    const used = new Set([...k0sctl.used, ...manifests.used]);
    const missing = this.overrides.filter((o) => !used.has(o)).map((o) => overrideProblem(o, 'no such object in the output'));
    return [...k0sctl.problems, ...manifests.problems, ...missing];
  }

  /**
   * `chart.toJson()`: cdk8s resolves the dependencies of the whole App and validates every construct
   * of it on each call (cdk8s lib/app.js \`_synthChart\`), once per chart — with a fleet, every child
   * cluster's checks run again for each file. Within one rendering (`whileRendering`: the tree does not
   * change) the first chart of the App does exactly that, and every other chart, of any cluster, takes
   * its objects in the same dependency order (cdk8s \`chartToKube\`: DependencyGraph topology, the
   * ApiObjects whose closest chart it is).
   */
  private chartJson(chart: Chart): Record<string, unknown>[] {
    // Once per rendering of the App (a fresh object outside one, so every call resolves there).
    const app = renderMemoized(this.node.root, 'cdk8s-resolved', () => ({ resolved: false }));
    if (!app.resolved) {
      const objects = chart.toJson() as Record<string, unknown>[];
      app.resolved = true;
      return objects;
    }
    return new DependencyGraph(chart.node)
      .topology()
      .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)
      .map((o) => o.toJson() as Record<string, unknown>);
  }


  private renderK0sctl() {
    this.adoptServices();
    return renderMemoized(this, 'k0sctl', () => this.buildK0sctl());
  }

  private buildK0sctl() {
    const raw = this.chartJson(this.chart('k0sctl'));
    const { objects, problems, used } = applyOverrides(raw.slice(0, 1), this.overrides, true);
    return { object: objects[0], problems, used };
  }

  private renderManifests() {
    this.adoptServices();
    return renderMemoized(this, 'manifests', () => this.buildManifests());
  }

  private buildManifests() {
    const files: { file: ManifestFile; objects: Record<string, unknown>[] }[] = [];
    const problems: Diagnostic[] = [];
    const used = new Set<Override>();
    for (const file of MANIFEST_FILES) {
      const chart = this.charts.get(file);
      if (!chart) continue;
      let objects = this.chartJson(chart);
      // Operator mode: only the MkeConfig's placeholders are for Flux to fill; Flux substitutes `${VAR}`
      // in every object except those annotated `kustomize.toolkit.fluxcd.io/substitute: disabled`
      // (fluxcd/pkg kustomize/kustomize_varsub.go `SubstituteVariables`), so the
      // opt-out is a property of the output, also for objects users add to a chart themselves.
      if (this.delivery === 'operator') objects = objects.map(withSubstitutionDisabled);
      const applied = applyOverrides(objects, this.overrides, false);
      problems.push(...applied.problems);
      for (const o of applied.used) used.add(o);
      if (applied.objects.length) files.push({ file, objects: applied.objects });
    }
    return { files, problems, used };
  }
}

/**
 * cdk8s's own `App.synth()` would write one `.k8s.yaml` per chart, without k0sctl.yaml or the
 * kustomization and without the overrides. Under a plain `App` (not an `MkeApp`), that app's
 * `synth()` and `synthYaml()` throw instead; `synthesize(app)` and everything else are unaffected.
 */
function refusePlainAppSynth(root: IConstruct): void {
  if (!(root instanceof App) || Symbol.for('mke4k-cdk8s.MkeApp') in root) return;
  const refuse = (): never => {
    throw new Error(PLAIN_APP_SYNTH);
  };
  Object.defineProperty(root, 'synth', { value: refuse, configurable: true });
  Object.defineProperty(root, 'synthYaml', { value: refuse, configurable: true });
}

/**
 * The object with Flux's `substitute: disabled` annotation, unless it is the MkeConfig or already
 * has it. Keys stay sorted as cdk8s writes them, so adding it changes nothing else in the output.
 */
function withSubstitutionDisabled(object: Record<string, unknown>): Record<string, unknown> {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const annotations = (metadata.annotations ?? {}) as Record<string, unknown>;
  if (object.kind === MKE_KIND || annotations[SUBSTITUTE_ANNOTATION] === SUBSTITUTE_DISABLED[SUBSTITUTE_ANNOTATION]) return object;
  const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...object, metadata: sorted({ ...metadata, annotations: sorted({ ...annotations, ...SUBSTITUTE_DISABLED }) }) };
}

/** True when `o` is one of our ApiObjects (helper for tests and the writer). */
export function isApiObject(o: unknown): o is ApiObject {
  return o instanceof ApiObject;
}

/** Header of generated files: what they are and what to feed them to. No timestamp (determinism). */
const GENERATED = '# Generated by mke4k-cdk8s. Do not edit: change the cluster definition and synthesize again.\n';

/** Renders one cluster's files in memory. Throws `MkeValidationError` when a construct is invalid. */
export function renderCluster(cluster: MkeCluster): RenderedCluster {
  // Services created below the cluster join it before anything is validated: the validations and
  // the rendered objects are then computed once for this rendering.
  void cluster.services;
  return whileRendering(() => renderClusterOnce(cluster));
}

function renderClusterOnce(cluster: MkeCluster): RenderedCluster {
  const errors = [...constructErrors(cluster), ...cluster.overrideProblems()];
  if (errors.length) throw new MkeValidationError(errors);
  const airgap = airgapProblems(cluster);
  if (airgap.length) throw new MkeValidationError(airgap);
  const files: RenderedFile[] = [];
  files.push({ path: 'k0sctl.yaml', content: GENERATED + k0sctlHeader(cluster) + toYaml(cluster.k0sctlObject(), { quotePlaceholders: true, escapeK0sctlDollars: true }) });
  const manifests = cluster.manifestObjects();
  // Each folder is its own kustomization, applied in order (layout.ts `folderOfFile`): the
  // MultiClusterService after the ServiceTemplates it names, the objects whose CRDs a service's chart
  // installs after the services (Flux dry-runs a whole batch first, see output-checks.ts).
  const folderOf = (m: { file: ManifestFile; objects: Record<string, unknown>[] }) => folderOfFile(m.file, m.objects);
  const placed = manifests.flatMap((m) => m.objects.map((object) => ({ file: `${folderOf(m)}/${m.file}.yaml`, object })));
  // Placeholders quoted: Flux substitutes them in each object's YAML text (fluxcd/pkg
  // kustomize/kustomize_varsub.go `SubstituteVariables`, envsubst over `res.AsYAML()`), so a quoted
  // placeholder stays a string whatever value it receives.
  for (const folder of CLUSTER_FOLDERS) {
    const inFolder = manifests.filter((m) => folderOf(m) === folder);
    if (!inFolder.length) continue;
    for (const { file, objects } of inFolder) files.push({ path: `${folder}/${file}.yaml`, content: GENERATED + toYamlDocuments(objects, { quotePlaceholders: true }) });
    files.push({ path: `${folder}/kustomization.yaml`, content: GENERATED + toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: inFolder.map((m) => `${m.file}.yaml`) }) });
  }
  const prerequisites = cluster.prerequisites();
  const checks = [
    ...applyStagingProblems(placed, cluster.clusterName),
    // The namespaces of the delivered services exist before extras/ is applied: k0rdent delivery writes
    // them to 00-namespaces, mke-operator creates them with its releases.
    ...referenceProblems({ objects: placed, prerequisites, namespaces: [...cluster.bootstrapNamespaces(), ...cluster.services.flatMap((s) => s.toReleases().map((r) => r.namespace))], clusterName: cluster.clusterName }),
  ];
  if (checks.length) throw new MkeValidationError(checks);
  if (prerequisites.length) files.push({ path: 'prerequisites.yaml', content: PREREQUISITES_HEADER + toYaml(prerequisitesDocument(prerequisites)) });
  files.push({ path: 'secrets.env.example', content: secretsExample(cluster) });
  return { name: cluster.clusterName, files, warnings: cluster.warnings, prerequisites };
}

const PREREQUISITES_HEADER =
  GENERATED + '# Objects the manifests refer to but do not create. Create each one (see `how`) before applying\n# manifests/, services/ and extras/; never commit their secret contents.\n';

/**
 * Prerequisites are created before the folders are applied, but some live in a Namespace that
 * `manifests/` only creates (e.g. `mke`): `kubectl -n mke create secret …` would fail with "namespaces
 * not found". Their `how` starts by creating the Namespace; Flux's server-side apply of the same
 * Namespace later takes it over.
 */
function withNamespaceFirst(prerequisites: Prerequisite[], created: ReadonlySet<string>, bootstrap: readonly string[]): Prerequisite[] {
  return prerequisites.map((p) =>
    p.namespace && created.has(p.namespace) && !bootstrap.includes(p.namespace)
      ? { ...p, how: `kubectl create namespace ${p.namespace} (if it does not exist yet; manifests/ declares it too), then ${p.how}` }
      : p,
  );
}

/**
 * How to apply k0sctl.yaml. Relative ssh keyPath values resolve against k0sctl's working directory
 * (rig expands only `~`), so the header says where to run it when there are any.
 */
function k0sctlHeader(cluster: MkeCluster): string {
  // Quoted (no line break can end the comment) and `$` doubled (k0sctl expands variables in the whole file).
  const relative = relativeKeyPaths(cluster.spec).map((p) => JSON.stringify(p).replace(/\$/g, '$$$$'));
  const where = relative.length
    ? `# Run it from the directory the relative ssh keyPath values (${relative.join(', ')}) are relative to:\n# k0sctl resolves them against its working directory, not against this file.\n`
    : '';
  // uploadBinary (airgap): k0sctl takes the binary from its cache, else downloads it there first from
  // GitHub (k0sctl v0.32.2 pkg/k0s/binprovider/local_upload.go cacheFilePath, EnsureCached). The cache is
  // adrg/xdg's CacheHome (v0.5.3 paths_unix.go ~/.cache, paths_darwin.go ~/Library/Caches, both under
  // XDG_CACHE_HOME when set); <os>/<arch> are Go's names (rig v2.1.1 os/release.go Arch), ".exe" on Windows.
  // No `$` in the text: k0sctl expands variables in the whole file.
  const binary = cluster.spec.airgap?.enabled
    ? `# Airgap: hosts get k0s from k0sctl (uploadBinary): k0sctl uploads <cache>/k0sctl/k0s/<os>/<arch>/k0s-${cluster.k0sctl.k0sVersion.replace(/^v/, '')}\n` +
      '# (<cache>: XDG_CACHE_HOME when set, else ~/.cache, ~/Library/Caches on macOS; <os>/<arch>: linux/amd64, linux/arm64, windows/amd64 with .exe)\n' +
      '# and downloads it there from GitHub first when it is missing: without internet, place the binary there.\n'
    : '';
  return '# Apply with: k0sctl apply --config k0sctl.yaml\n' + where + binary;
}

function secretsExample(cluster: MkeCluster): string {
  const lines = [
    '# Secret values this cluster needs, by variable name. Fill a copy, never commit it:',
    '#   Flux: a Secret referenced by postBuild.substituteFrom; k0sctl: export the variables before `k0sctl apply`;',
    '#   without Flux: mke4k synth --secrets-from FILE.',
  ];
  for (const [variable, field] of [...cluster.secretVariables.entries()].sort(([a], [b]) => compareVariableNames(a, b))) {
    lines.push(`# ${field}`, `${variable}=`);
  }
  return lines.join('\n') + '\n';
}
