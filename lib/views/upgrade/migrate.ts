/**
 * Configuration migration for one upgrade hop, applied to the user's own mke4.yaml document (the
 * `yaml` library's Document keeps comments, key order and the user's values). Each rule fires when the
 * hop crosses the release that introduced the change, edits the document, and says what it did and why.
 *
 * Field facts per release come from `mkectl init` output and MKE templates of each release
 * (4.1.0 conformance init, 4.1.2 and 4.2.0 init, 4.1.3/4.1.5/4.2.0 templates) and the MKE docs:
 * - 4.1.3: ingress-nginx is off for fresh installs; "upgraded clusters will continue to have access to
 *   the NGINX Ingress Controller" (MKE 4k 4.1.3 docs, configuration/ingress/gateway-api), and the MKE
 *   Envoy gateway is always on with NodePorts 33000/33001 by default.
 * - 4.1.2 → 4.1.5+: "you must specify NodePorts for the Gateway API" when ingress-nginx is kept (MKE 4k
 *   docs, Upgrade an existing MKE 4k cluster); the load balancer maps the gateway listener port to the
 *   gateway HTTPS NodePort (MKE 4 docs, Upgrade scenarios).
 * - 4.2.0: `network.cplb` becomes `network.controlPlaneLoadBalancing` ({enabled, keepalived}); `network.nllb`
 *   is gone; init lists only the calico and custom CNI providers.
 */
import { Document, isMap, isScalar, isSeq, Scalar, YAMLMap } from 'yaml';
import { cplbEnabled, kubeletRootDir, nllbEnabled, nodePortRange } from '../../config/accessors';
import { isAtLeast, MkeRelease } from '../../config/releases';
import type { MkeSpec } from '../../config/types';

export type MigrationKind = 'set' | 'kept' | 'renamed' | 'removed' | 'review';

/** One edit of the user's file (or a field the user should look at). Values shown are never secrets. */
export interface Migration {
  readonly kind: MigrationKind;
  /** Display path of the field after the edit (`spec.network.controlPlaneLoadBalancing`). */
  readonly path: string;
  /** For `renamed`: where it was. */
  readonly from?: string;
  /** Old and new scalar values, when the rule sets a scalar. */
  readonly old?: string | number | boolean;
  readonly new?: string | number | boolean;
  /** Why, in words. */
  readonly note: string;
  /** Where the fact comes from. */
  readonly source: string;
}

/** What the hop needs done by hand, with the reason. */
export interface ManualStep {
  readonly text: string;
  readonly source: string;
}

export interface MigrationContext {
  readonly doc: Document;
  readonly from: MkeRelease;
  readonly to: MkeRelease;
  /** The validated spec before the hop (defaults of `from` applied). */
  readonly before: MkeSpec;
}

export interface MigrationResult {
  readonly migrations: Migration[];
  readonly manual: ManualStep[];
}

const INIT = 'mkectl init output and MKE templates of each release';
const DOCS_GATEWAY = 'MKE 4k 4.1.3 docs, Gateway API (upgraded clusters keep ingress-nginx)';
const DOCS_UPGRADE = 'MKE 4k docs, Upgrade an existing MKE 4k cluster; MKE 4 docs, Upgrade scenarios';

/** True when the hop passes `release` (from < release ≤ to). */
function crosses(ctx: MigrationContext, release: MkeRelease): boolean {
  return !isAtLeast(ctx.from, release) && isAtLeast(ctx.to, release);
}

function has(doc: Document, path: readonly (string | number)[]): boolean {
  return doc.hasIn(path);
}

function display(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** `spec.version` of the target. */
function version(ctx: MigrationContext, out: MigrationResult): void {
  const path = ['spec', 'version'];
  const old = ctx.doc.getIn(path);
  ctx.doc.setIn(path, `v${ctx.to}`);
  out.migrations.push({
    kind: 'set',
    path: display(path),
    ...(typeof old === 'string' ? { old } : {}),
    new: `v${ctx.to}`,
    note: 'the release to install; mkectl of this release runs the upgrade',
    source: 'MKE docs, mke4.yaml spec.version',
  });
}

/** 4.1.3: ingress-nginx stays on for an upgraded cluster that ran it; the new default (off) is for fresh installs. */
function keepIngress(ctx: MigrationContext, out: MigrationResult): void {
  if (!crosses(ctx, '4.1.3') || !ctx.before.ingressController?.enabled) return;
  const path = ['spec', 'ingressController', 'enabled'];
  if (!has(ctx.doc, path)) {
    ctx.doc.setIn(path, true);
    out.migrations.push({
      kind: 'kept',
      path: display(path),
      new: true,
      note: 'ingress-nginx was on (the old default); from 4.1.3 the default is off for fresh installs only, so it is written out to keep your Ingress objects served. Set false once they moved to the Envoy gateway',
      source: DOCS_GATEWAY,
    });
  }
  // Its NodePorts: 4.1.2 defaulted them to 33000/33001, 4.1.3+ leaves them unset. Keep what the load balancer points at.
  for (const key of ['http', 'https'] as const) {
    const p = ['spec', 'ingressController', 'nodePorts', key];
    const value = ctx.before.ingressController.nodePorts?.[key];
    if (value !== undefined && !has(ctx.doc, p)) {
      ctx.doc.setIn(p, value);
      out.migrations.push({ kind: 'kept', path: display(p), new: value, note: 'the NodePort your load balancer points at (a default of the old release) is written out so it stays', source: INIT });
    }
  }
}

/**
 * 4.1.2: the default kubelet root dir moved from `<dataDir>/kubelet` to `/var/lib/kubelet` (init
 * output of 4.1.0 vs 4.1.2). Running nodes keep pod volumes under the old dir, so it is written out;
 * moving it means draining and reinstalling every node.
 */
function keepKubeletRootDir(ctx: MigrationContext, out: MigrationResult): void {
  if (!crosses(ctx, '4.1.2')) return;
  const path = ['spec', 'kubelet', 'kubeletRootDir'];
  if (has(ctx.doc, path)) return;
  const old = kubeletRootDir(ctx.before, ctx.from);
  ctx.doc.setIn(path, old);
  out.migrations.push({
    kind: 'kept',
    path: display(path),
    new: old,
    note: 'the kubelet root dir of the running nodes (the old default); 4.1.2+ defaults to /var/lib/kubelet for fresh installs, and moving it drains and reinstalls every node',
    source: INIT,
  });
}

/** Ports ingress-nginx and MinIO hold after the hop. */
function usedPorts(doc: Document, before: MkeSpec): Set<number> {
  const used = new Set<number>();
  const ingress = doc.getIn(['spec', 'ingressController', 'enabled']) ?? before.ingressController?.enabled;
  if (ingress === true) {
    for (const key of ['http', 'https']) {
      const v = doc.getIn(['spec', 'ingressController', 'nodePorts', key]);
      if (typeof v === 'number') used.add(v);
    }
    for (const kind of ['tcp', 'udp'] as const) {
      for (const v of Object.values(before.ingressController?.nodePorts?.[kind] ?? {})) if (typeof v === 'number') used.add(v);
    }
  }
  const minio = before.backup?.enabled ? before.backup.storage_provider?.in_cluster_options?.nodeport : undefined;
  if (minio !== undefined) used.add(minio);
  return used;
}

/** Two consecutive free ports in the range: 34000/34001 first (seen in an MKE upgrade setup), else the lowest. */
function freePair(range: [number, number], used: Set<number>): [number, number] | undefined {
  const fits = (p: number) => p >= range[0] && p + 1 <= range[1] && !used.has(p) && !used.has(p + 1);
  if (fits(34000)) return [34000, 34001];
  for (let p = range[0]; p < range[1]; p++) if (fits(p)) return [p, p + 1];
  return undefined;
}

/** 4.1.3: the always-on MKE gateway needs NodePorts inside the range that ingress-nginx (or MinIO) does not hold. */
function gatewayPorts(ctx: MigrationContext, out: MigrationResult): void {
  if (!crosses(ctx, '4.1.3')) return;
  const used = usedPorts(ctx.doc, ctx.before);
  const range = nodePortRange(ctx.before);
  const base = ['spec', 'gatewayMKEIngress', 'nodePorts'];
  const current = { http: ctx.doc.getIn([...base, 'http']), https: ctx.doc.getIn([...base, 'https']) };
  const effective = [typeof current.http === 'number' ? current.http : 33000, typeof current.https === 'number' ? current.https : 33001];
  const taken = effective.some((p) => used.has(p));
  const outside = effective.some((p) => p < range[0] || p > range[1]);
  if (!taken && !outside) return;
  const pair = freePair(range, used);
  if (!pair) {
    out.manual.push({ text: 'the MKE gateway needs two free NodePorts in network.nodePortRange, and none are left: widen the range and set gatewayMKEIngress.nodePorts', source: DOCS_UPGRADE });
    return;
  }
  const why = taken ? 'which ingress-nginx holds' : `outside network.nodePortRange ${range[0]}-${range[1]}`;
  (['http', 'https'] as const).forEach((key, i) => {
    const path = [...base, key];
    const old = ctx.doc.getIn(path);
    ctx.doc.setIn(path, pair[i]);
    out.migrations.push({
      kind: 'set',
      path: display(path),
      ...(typeof old === 'number' ? { old } : {}),
      new: pair[i],
      note: `the MKE Envoy gateway (always on from 4.1.3) would take NodePort ${effective[i]}, ${why}`,
      source: DOCS_UPGRADE,
    });
  });
  out.manual.push({
    text: `point the load balancer's gateway listener port (gatewayMKEIngress.ports.https${taken ? '; pick another than the one ingress-nginx uses' : ''}) at NodePort ${pair[1]} on the nodes${taken ? '; ingress-nginx keeps its ports' : ''}`,
    source: DOCS_UPGRADE,
  });
}

/** 4.2: `network.cplb` → `network.controlPlaneLoadBalancing`, keepalived settings (and their comments) moved as they are. */
function renameCplb(ctx: MigrationContext, out: MigrationResult): void {
  if (!crosses(ctx, '4.2.0') || !has(ctx.doc, ['spec', 'network', 'cplb'])) return;
  const target = ['spec', 'network', 'controlPlaneLoadBalancing'];
  if (has(ctx.doc, target)) {
    ctx.doc.deleteIn(['spec', 'network', 'cplb']);
    out.migrations.push({ kind: 'removed', path: 'spec.network.cplb', note: 'network.controlPlaneLoadBalancing is already set; the 4.1 name is dropped', source: INIT });
    return;
  }
  const keepalived = ctx.doc.getIn(['spec', 'network', 'cplb', 'controlPlaneLoadBalancing', 'keepalived'], true);
  const enabled = cplbEnabled(ctx.before);
  const node = ctx.doc.createNode({ enabled }) as YAMLMap;
  if (isMap(keepalived)) node.set('keepalived', keepalived);
  // Replace the pair in place: the new key sits where `cplb` was, with its comments.
  const network = ctx.doc.getIn(['spec', 'network'], true) as YAMLMap;
  const pair = network.items.find((p) => isScalar(p.key) && p.key.value === 'cplb');
  if (pair && isScalar(pair.key)) {
    pair.key = new Scalar('controlPlaneLoadBalancing');
    pair.value = node;
  } else {
    ctx.doc.setIn(target, node);
    ctx.doc.deleteIn(['spec', 'network', 'cplb']);
  }
  out.migrations.push({
    kind: 'renamed',
    path: display(target),
    from: 'spec.network.cplb',
    new: enabled,
    note: `4.2 names control-plane load balancing network.controlPlaneLoadBalancing{enabled, keepalived}; enabled: ${enabled}${isMap(keepalived) ? ', keepalived settings moved unchanged' : ''}`,
    source: INIT,
  });
}

/** 4.2: `network.nllb` is gone. */
function dropNllb(ctx: MigrationContext, out: MigrationResult): void {
  if (!crosses(ctx, '4.2.0') || !has(ctx.doc, ['spec', 'network', 'nllb'])) return;
  const wasOn = nllbEnabled(ctx.before);
  ctx.doc.deleteIn(['spec', 'network', 'nllb']);
  out.migrations.push({ kind: 'removed', path: 'spec.network.nllb', note: wasOn ? '4.2 has no node-local load balancing setting' : '4.2 has no node-local load balancing setting (it was off)', source: INIT });
  if (wasOn) {
    out.manual.push({
      text: 'node-local load balancing was on and 4.2 has none: give the cluster apiServer.externalAddress (a load balancer) or network.controlPlaneLoadBalancing before the upgrade; kubelets reconnect (node restarts)',
      source: INIT,
    });
  }
}

/** 4.2: init lists only calico and custom; disabled kuberouter/cilium entries go. */
function dropProviders(ctx: MigrationContext, out: MigrationResult): void {
  if (!crosses(ctx, '4.2.0')) return;
  const seq = ctx.doc.getIn(['spec', 'network', 'providers'], true);
  if (!isSeq(seq)) return;
  for (let i = seq.items.length - 1; i >= 0; i--) {
    const item = seq.items[i];
    if (!isMap(item)) continue;
    const provider = item.get('provider');
    const enabled = item.get('enabled');
    if (provider !== 'kuberouter' && provider !== 'cilium') continue;
    if (enabled === true) {
      out.migrations.push({ kind: 'review', path: `spec.network.providers[${provider}]`, note: `${provider} stays (the CNI of a running cluster cannot change), but MKE 4.2 documents only calico and custom`, source: INIT });
      continue;
    }
    seq.items.splice(i, 1);
    out.migrations.push({ kind: 'removed', path: `spec.network.providers[${provider}]`, note: `a disabled ${provider} entry; MKE 4.2 lists only calico and custom`, source: INIT });
  }
}

/** Fields the target release no longer prints: kept, flagged for review. */
const FADING: readonly { since: MkeRelease; path: string[]; note: string }[] = [
  { since: '4.2.0', path: ['spec', 'monitoring', 'enableGrafana'], note: '4.2 init no longer prints it (Grafana settings live under monitoring.grafana)' },
  { since: '4.2.0', path: ['spec', 'authentication', 'replicaCount'], note: '4.2 init no longer prints it (Dex sizing is authentication.resources)' },
  { since: '4.2.0', path: ['spec', 'ingressController', 'extraArgs', 'httpPort'], note: '4.2 no longer documents the container ports of ingress-nginx' },
  { since: '4.2.0', path: ['spec', 'ingressController', 'extraArgs', 'httpsPort'], note: '4.2 no longer documents the container ports of ingress-nginx' },
  { since: '4.1.2', path: ['spec', 'monitoring', 'enableOpscare'], note: '4.1.2 init no longer prints it' },
];

function review(ctx: MigrationContext, out: MigrationResult): void {
  for (const f of FADING) {
    if (crosses(ctx, f.since) && has(ctx.doc, f.path)) out.migrations.push({ kind: 'review', path: display(f.path), note: `${f.note}; kept as you wrote it`, source: INIT });
  }
}

const RULES = [version, keepKubeletRootDir, keepIngress, gatewayPorts, renameCplb, dropNllb, dropProviders, review];

/** Applies every rule of the hop to `ctx.doc` (in place) and reports what each did. */
export function migrateDocument(ctx: MigrationContext): MigrationResult {
  const out: MigrationResult = { migrations: [], manual: [] };
  for (const rule of RULES) rule(ctx, out);
  return out;
}
