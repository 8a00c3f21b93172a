/**
 * `planUpgrade`: from the release a cluster runs to a target, the ladder of `mkectl upgrade` runs and,
 * for each, the component versions that change, the edits to the user's mke4.yaml (comments and values
 * kept), the defaults that change under fields the user did not write, what the hop does to a running
 * cluster (the impact rules of `diff`) and what must be done by hand. Pure: reads and writes no file.
 */
import { App, Chart } from 'cdk8s';
import { Document, parseDocument } from 'yaml';
import type { Delivery } from '../../cluster';
import type { Diagnostic } from '../../config/diagnostics';
import { hasErrors } from '../../config/diagnostics';
import { cplbEnabled, cplbKeepalived, kubeletRootDir, nllbEnabled } from '../../config/accessors';
import { initSpec, Json } from '../../config/defaults';
import { isSecretPath } from '../../config/secrets';
import { loadMkeConfig, LoadedConfig } from '../../config/load';
import { MkeRelease, releaseInfo, toRelease, MKE_RELEASES } from '../../config/releases';
import type { MkeSpec } from '../../config/types';
import { diffSpecs } from '../../diff/spec-diff';
import { Change, deepEqual, isPlainObject } from '../../diff/tree-diff';
import { mke4Document } from '../../output/mke4-document';
import { vrrpInstancesInEffect } from '../../k0s/to-k0s-network';
import { systemServicesFromSpec } from '../../services';
import { BlockedPath, upgradeLadder, UpgradeHop } from './ladder';
import { ManualStep, Migration, migrateDocument } from './migrate';

/** A component whose version a hop changes (or keeps, for enabled services). */
export interface ComponentChange {
  /** `k0s`, `kcm`, `k0rdent API`, `mke-operator`, or a Helm release name (`tigera-operator`, `dex`, …). */
  readonly component: string;
  readonly from?: string;
  readonly to?: string;
  /** False when a version on either side is not confirmed by a public source. */
  readonly verified: boolean;
}

/** A default of the target release that differs from the source release's, under a field the file leaves out. */
export interface DefaultChange {
  readonly path: string;
  /** True when the whole top-level section is new in the target release. */
  readonly newSection: boolean;
  readonly from?: unknown;
  readonly to?: unknown;
}

/** What a hop does to a running cluster, by field. */
export interface HopImpact {
  readonly impact: string;
  readonly paths: readonly string[];
}

export interface UpgradeStep {
  readonly hop: UpgradeHop;
  readonly components: readonly ComponentChange[];
  readonly migrations: readonly Migration[];
  readonly defaults: readonly DefaultChange[];
  readonly impacts: readonly HopImpact[];
  readonly manual: readonly ManualStep[];
  /** Problems of the migrated file for this hop's target (errors stop the plan). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface UpgradePlan {
  readonly name: string;
  readonly from: MkeRelease;
  readonly to: MkeRelease;
  /** Present when the path is refused. */
  readonly blocked?: BlockedPath;
  readonly steps: readonly UpgradeStep[];
  /** The migrated mke4.yaml for `to` (absent when blocked or a step's file is invalid). */
  readonly migrated?: string;
  /** Problems that stopped the plan (invalid input, invalid migrated file). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface PlanUpgradeOptions {
  /** File name for diagnostics. @default 'mke4.yaml' */
  readonly file?: string;
  /** Delivery mode of the cluster (wording of service impacts). @default 'operator' */
  readonly delivery?: Delivery;
}

/** Keeps the user's sequence indentation style, so the migrated file differs only where it must. */
function render(doc: Document, original: string): string {
  const lines = original.split('\n');
  let best = '';
  let bestScore = Infinity;
  for (const indentSeq of [false, true]) {
    const text = doc.toString({ indentSeq, lineWidth: 0 });
    const out = text.split('\n');
    let score = Math.abs(out.length - lines.length);
    for (let i = 0; i < Math.min(out.length, lines.length); i++) if (out[i] !== lines[i]) score++;
    if (score < bestScore) {
      best = text;
      bestScore = score;
    }
  }
  return best;
}

function chartsOf(spec: MkeSpec, release: MkeRelease): Map<string, { version: string; verified: boolean }> {
  const out = new Map<string, { version: string; verified: boolean }>();
  try {
    const scope = new Chart(new App({ outdir: '/nonexistent' }), 'upgrade-plan');
    for (const service of systemServicesFromSpec(scope, spec, release)) {
      for (const r of service.toReleases()) if (r.chart) out.set(r.chart.name === r.name ? r.name : `${r.name} (${r.chart.name})`, { version: r.chart.version, verified: r.chart.verified });
    }
  } catch {
    // A service the release does not ship: the hop's validation reports it.
  }
  return out;
}

function components(from: { spec: MkeSpec; release: MkeRelease }, to: { spec: MkeSpec; release: MkeRelease }): ComponentChange[] {
  const a = releaseInfo(from.release);
  const b = releaseInfo(to.release);
  const out: ComponentChange[] = [];
  const add = (component: string, x: string | undefined, y: string | undefined, verified: boolean) => {
    if (x !== y) out.push({ component, ...(x ? { from: x } : {}), ...(y ? { to: y } : {}), verified });
  };
  // k0s, kcm and mke-operator versions come from the MKE release matrix (see the release catalog).
  add('k0s', a.k0sVersion, b.k0sVersion, true);
  add('kcm', a.kcmVersion, b.kcmVersion, true);
  add('k0rdent API', a.k0rdentApiVersion, b.k0rdentApiVersion, true);
  add('mke-operator', a.mkeOperatorChartVersion, b.mkeOperatorChartVersion, true);
  const cniA = a.charts['tigera-operator'];
  const cniB = b.charts['tigera-operator'];
  add('tigera-operator (Calico)', cniA?.version, cniB?.version, (cniA?.verified ?? true) && (cniB?.verified ?? true));
  const sa = chartsOf(from.spec, from.release);
  const sb = chartsOf(to.spec, to.release);
  for (const name of [...new Set([...sa.keys(), ...sb.keys()])].sort()) {
    const x = sa.get(name);
    const y = sb.get(name);
    add(name, x?.version, y?.version, (x?.verified ?? true) && (y?.verified ?? true));
  }
  return out;
}

type Path = (string | number)[];

function leaves(value: Json | undefined, path: Path, out: Map<string, { path: Path; value: Json }>): void {
  if (isPlainObject(value) && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) leaves(v as Json, [...path, k], out);
    return;
  }
  if (value !== undefined) out.set(path.join('.'), { path, value });
}

/** Whether the user's document sets `path` or one of its parents to a non-map value. */
function userSets(doc: Document, path: Path): boolean {
  for (let i = path.length; i > 0; i--) {
    const p = path.slice(0, i);
    if (doc.hasIn(p)) return i === path.length || !isPlainObject(doc.getIn(p) as unknown);
  }
  return false;
}

/** Init defaults that differ between the two releases under fields the migrated file leaves out. */
function defaultChanges(doc: Document, from: MkeRelease, to: MkeRelease): DefaultChange[] {
  const a = new Map<string, { path: Path; value: Json }>();
  const b = new Map<string, { path: Path; value: Json }>();
  const fromSpec = initSpec(from);
  leaves(fromSpec, [], a);
  leaves(initSpec(to), [], b);
  const out: DefaultChange[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (key === 'version') continue;
    const x = a.get(key);
    const y = b.get(key);
    if (x && y && deepEqual(x.value, y.value)) continue;
    const path = (x ?? y)!.path;
    if (userSets(doc, ['spec', ...path]) || isSecretPath(path)) continue;
    out.push({ path: `spec.${key}`, newSection: !(String(path[0]) in fromSpec), ...(x ? { from: x.value } : {}), ...(y ? { to: y.value } : {}) });
  }
  return out;
}

/**
 * Load balancing in effect, whichever shape the file uses (a rename alone changes nothing on the nodes):
 * the VRRP instances k0s gets — 4.2's `virtualIPs`/`virtualRouterID` with their derived `authPass` and
 * router ID — and the keepalived virtual servers.
 */
function loadBalancing(spec: MkeSpec): unknown {
  return { cplb: cplbEnabled(spec), vrrpInstances: vrrpInstancesInEffect(spec), virtualServers: cplbKeepalived(spec)?.virtualServers ?? [], nllb: nllbEnabled(spec) };
}

/**
 * Changes the migration makes that leave the running cluster as it is: a renamed shape, a default
 * written out with the value in effect, a disabled CNI entry dropped.
 */
function noOp(change: Change, before: LoadedConfig, after: LoadedConfig, sameBalancing: boolean): boolean {
  if (sameBalancing && /^spec\.network\.(cplb|nllb|controlPlaneLoadBalancing)(\.|\[|$)/.test(change.path)) return true;
  if (change.path === 'spec.apiServer.externalAddress') return (before.spec.apiServer?.externalAddress || '') === (after.spec.apiServer?.externalAddress || '');
  if (change.path === 'spec.kubelet.kubeletRootDir') return kubeletRootDir(before.spec, before.release) === kubeletRootDir(after.spec, after.release);
  if (/^spec\.network\.providers\[[^\]]+\]$/.test(change.path) && change.kind === 'removed') return !(isPlainObject(change.old) && change.old.enabled === true);
  return false;
}

function impacts(before: LoadedConfig, after: LoadedConfig, delivery: Delivery): HopImpact[] {
  const byImpact = new Map<string, string[]>();
  const sameBalancing = deepEqual(loadBalancing(before.spec), loadBalancing(after.spec));
  for (const c of diffSpecs({ name: before.name, spec: before.spec }, { name: after.name, spec: after.spec }, { delivery })) {
    if (!c.impact) continue;
    if (noOp(c, before, after, sameBalancing)) continue;
    const list = byImpact.get(c.impact) ?? [];
    list.push(c.path);
    byImpact.set(c.impact, list);
  }
  return [...byImpact].map(([impact, paths]) => ({ impact, paths }));
}

function manualFor(hop: UpgradeHop, delivery: Delivery): ManualStep[] {
  const a = releaseInfo(hop.from);
  const b = releaseInfo(hop.to);
  const out: ManualStep[] = [
    { text: `run this step with mkectl ${hop.mkectl} (each mkectl is tied to its release); it takes a pre-upgrade backup and rolls back on failure`, source: 'MKE 4k docs, Upgrade an existing MKE 4k cluster' },
  ];
  if (hop.from === '4.1.0') out.push({ text: 'MKE 4.1.0 runs an alpha k0rdent: this upgrade reinstalls MKE and k0rdent, so it takes longer', source: 'MKE 4k docs, Upgrade an existing MKE 4k cluster' });
  if (a.k0rdentApiVersion && b.k0rdentApiVersion && a.k0rdentApiVersion !== b.k0rdentApiVersion && delivery === 'k0rdent') {
    out.push({ text: `k0rdent objects move from k0rdent.mirantis.com/${a.k0rdentApiVersion} to ${b.k0rdentApiVersion}: synthesize the manifests again for ${hop.to} and apply them after the upgrade`, source: 'kcm CRDs per release' });
  }
  const minorOfK0s = (v: string) => v.replace(/^v/, '').split('.').slice(0, 2).join('.');
  if (minorOfK0s(a.k0sVersion) !== minorOfK0s(b.k0sVersion)) {
    out.push({ text: `Kubernetes ${minorOfK0s(a.k0sVersion)} → ${minorOfK0s(b.k0sVersion)}: check your workloads for API versions removed in between before you start`, source: 'Kubernetes deprecation policy' });
  }
  return out;
}

function loadText(text: string, file: string): { config?: LoadedConfig; diagnostics: readonly Diagnostic[] } {
  const result = loadMkeConfig(text, { file });
  return { config: result.config, diagnostics: result.diagnostics };
}

/**
 * Plans the upgrade of a cluster to `to`. `input` is the text of an mke4.yaml (comments and values are
 * kept in the migrated file) or a loaded config (its normalized spec becomes the file).
 */
export function planUpgrade(input: string | LoadedConfig, to: MkeRelease | string, options: PlanUpgradeOptions = {}): UpgradePlan {
  const file = options.file ?? 'mke4.yaml';
  const delivery = options.delivery ?? 'operator';
  const target = typeof to === 'string' ? toRelease(to) : to;
  const text = typeof input === 'string' ? input : mke4Document(input.name, input.spec);
  const loaded = typeof input === 'string' ? loadText(text, file) : { config: input, diagnostics: [] };
  if (!loaded.config) return { name: '', from: MKE_RELEASES[0], to: target ?? MKE_RELEASES[0], steps: [], diagnostics: loaded.diagnostics };
  if (!target) {
    const d: Diagnostic = { code: 'unsupported-version', severity: 'error', path: '', file, message: `unknown target release ${String(to)}`, hint: `supported: ${MKE_RELEASES.join(', ')}` };
    return { name: loaded.config.name, from: loaded.config.release, to: MKE_RELEASES[0], steps: [], diagnostics: [d] };
  }
  const from = loaded.config.release;
  const ladder = upgradeLadder(from, target);
  if (ladder.blocked) return { name: loaded.config.name, from, to: target, blocked: ladder.blocked, steps: [], diagnostics: [] };
  const doc = parseDocument(text, { keepSourceTokens: false });
  const steps: UpgradeStep[] = [];
  let before = loaded.config;
  let current = text;
  for (const hop of ladder.hops) {
    const { migrations, manual } = migrateDocument({ doc, from: hop.from, to: hop.to, before: before.spec });
    current = render(doc, current);
    const after = loadText(current, `${file} (migrated to ${hop.to})`);
    const step: UpgradeStep = {
      hop,
      components: after.config ? components({ spec: before.spec, release: hop.from }, { spec: after.config.spec, release: hop.to }) : [],
      migrations,
      defaults: defaultChanges(doc, hop.from, hop.to),
      impacts: after.config ? impacts(before, after.config, delivery) : [],
      manual: [...manual, ...manualFor(hop, delivery)],
      diagnostics: after.diagnostics,
    };
    steps.push(step);
    if (!after.config || hasErrors(after.diagnostics)) {
      return { name: loaded.config.name, from, to: target, steps, diagnostics: after.diagnostics.filter((d) => d.severity === 'error') };
    }
    before = after.config;
  }
  return { name: loaded.config.name, from, to: target, steps, migrated: current, diagnostics: [] };
}
