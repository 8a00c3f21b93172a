/**
 * `mke4k describe`: the cluster at a glance, read from the built cluster (the same constructs synth
 * renders): release → component versions, hosts, load balancing, the services with their charts,
 * the secrets the output names and what the user must create first. Never a secret value.
 */
import type { Delivery, MkeCluster } from '../../cluster';
import { cniProvider, cplbEnabled, externalAddress, nllbEnabled } from '../../config/accessors';
import { releaseInfo } from '../../config/releases';
import { whileRendering } from '../../construct-diagnostics';
import { SystemService } from '../../services/system-service';
import { Prerequisite, prerequisiteLabel, prerequisitesOf } from './prerequisites';

export { prerequisitesOf, prerequisiteLabel, COLLECTORS } from './prerequisites';
export type { Prerequisite } from './prerequisites';

export interface ComponentVersion {
  readonly name: string;
  readonly version: string;
  readonly verified: boolean;
}

export interface HostRow {
  /** SSH/WinRM address, `localhost`, or the host name. */
  readonly address: string;
  readonly role: string;
  readonly privateAddress?: string;
  readonly privateInterface?: string;
  /** k0s worker profile (`--profile=` install flag). */
  readonly profile?: string;
}

export interface LoadBalancing {
  readonly externalAddress?: string;
  readonly sans: readonly string[];
  /** k0s control-plane load balancing (keepalived VRRP virtual IPs). */
  readonly controlPlane?: { readonly type: string; readonly virtualIPs: readonly string[] };
  /** k0s node-local load balancing. */
  readonly nodeLocal?: { readonly type: string };
}

export interface ServiceRow {
  /** Helm release name. */
  readonly name: string;
  readonly namespace: string;
  /** Chart name, or the existing ServiceTemplate a user service names. */
  readonly chart: string;
  readonly version?: string;
  /** `undefined` = the cluster's chart registry. */
  readonly repository?: string;
  readonly verified: boolean;
  readonly dependsOn: readonly string[];
  /** The construct that renders it (`ingress-nginx`, `authentication`, …). */
  readonly component: string;
}

export interface ClusterDescription {
  readonly name: string;
  readonly release: string;
  readonly delivery: Delivery;
  readonly versions: readonly ComponentVersion[];
  readonly cni: { readonly provider: string; readonly version?: string; readonly verified: boolean };
  readonly hosts: readonly HostRow[];
  readonly loadBalancing: LoadBalancing;
  readonly services: readonly ServiceRow[];
  /** Secret placeholders the output uses: variable → the mke4.yaml field it fills. */
  readonly secrets: readonly { readonly variable: string; readonly field: string }[];
  readonly prerequisites: readonly Prerequisite[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function hostRows(cluster: MkeCluster): HostRow[] {
  // The k0sctl hosts are what k0sctl installs (one per spec host, same order); the MKE role is the spec's.
  const k0sctlHosts = list(obj(cluster.k0sctlObject().spec).hosts).map(obj);
  return cluster.spec.hosts.map((h, i) => {
    const k = k0sctlHosts[i] ?? {};
    const flags = list(k.installFlags).map(String);
    const profile = flags.map((f) => /^--profile[= ](.+)$/.exec(f.trim())?.[1]).find((p) => p !== undefined);
    const address = h.ssh?.address ?? h.winRM?.address ?? (h.localhost ? 'localhost' : (h.hostname ?? `hosts[${i}]`));
    return {
      address,
      role: h.role,
      ...(h.privateAddress ? { privateAddress: h.privateAddress } : {}),
      ...(h.privateInterface ? { privateInterface: h.privateInterface } : {}),
      ...(profile ? { profile } : {}),
    };
  });
}

function loadBalancing(cluster: MkeCluster): LoadBalancing {
  const k0s = obj(obj(obj(obj(cluster.k0sctlObject().spec).k0s).config).spec);
  const network = obj(k0s.network);
  const cplb = obj(network.controlPlaneLoadBalancing);
  const keepalived = obj(cplb.keepalived);
  const vips = list(keepalived.vrrpInstances).flatMap((v) => list(obj(v).virtualIPs).map(String));
  const nllb = obj(network.nodeLocalLoadBalancing);
  return {
    ...(externalAddress(cluster.spec) ? { externalAddress: externalAddress(cluster.spec) } : {}),
    sans: list(obj(k0s.api).sans).map(String),
    ...(cplbEnabled(cluster.spec) ? { controlPlane: { type: str(cplb.type) ?? 'Keepalived', virtualIPs: vips } } : {}),
    ...(nllbEnabled(cluster.spec) ? { nodeLocal: { type: str(nllb.type) ?? 'EnvoyProxy' } } : {}),
  };
}

function serviceRows(cluster: MkeCluster): ServiceRow[] {
  const out: ServiceRow[] = [];
  for (const service of SystemService.all(cluster)) {
    for (const r of service.toReleases()) {
      out.push({
        name: r.name,
        namespace: r.namespace,
        chart: r.chart?.name ?? r.template ?? '?',
        ...(r.chart ? { version: r.chart.version } : {}),
        ...(r.chart?.repository ? { repository: r.chart.repository } : {}),
        verified: r.chart ? r.chart.verified : true,
        dependsOn: [...r.dependsOn],
        component: service.node.id,
      });
    }
  }
  return out;
}

function cni(cluster: MkeCluster): ClusterDescription['cni'] {
  const provider = cniProvider(cluster.spec);
  if (provider !== 'calico') return { provider, verified: true };
  const chart = releaseInfo(cluster.release).charts['tigera-operator'];
  // MKE 4.0 runs k0s's built-in Calico (no Tigera operator chart).
  return chart ? { provider, version: chart.version, verified: chart.verified } : { provider: 'calico (k0s built-in)', verified: true };
}

export function describeCluster(cluster: MkeCluster): ClusterDescription {
  // One rendering of k0sctl.yaml for the host rows and the load balancing both.
  void cluster.services;
  return whileRendering(() => describeOnce(cluster));
}

function describeOnce(cluster: MkeCluster): ClusterDescription {
  const info = releaseInfo(cluster.release);
  const versions: ComponentVersion[] = [{ name: 'k0s', version: info.k0sVersion, verified: true }];
  if (info.kcmVersion) versions.push({ name: 'k0rdent (kcm)', version: info.kcmVersion, verified: true });
  if (info.mkeOperatorChartVersion && cluster.delivery === 'operator') versions.push({ name: 'mke-operator', version: info.mkeOperatorChartVersion, verified: true });
  return {
    name: cluster.clusterName,
    release: cluster.release,
    delivery: cluster.delivery,
    versions,
    cni: cni(cluster),
    hosts: hostRows(cluster),
    loadBalancing: loadBalancing(cluster),
    services: serviceRows(cluster),
    secrets: [...cluster.secretVariables.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([variable, field]) => ({ variable, field })),
    prerequisites: prerequisitesOf(cluster),
  };
}

function table(header: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => indent + cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The text form of `describe`. */
export function formatDescription(d: ClusterDescription): string {
  const mark = (verified: boolean) => (verified ? '' : ' (unverified)');
  const lines: string[] = [`cluster ${d.name}: MKE ${d.release}, delivery ${d.delivery}`, ''];
  lines.push('versions:');
  for (const v of d.versions) lines.push(`  ${v.name}: ${v.version}${mark(v.verified)}`);
  lines.push(`  CNI: ${d.cni.provider}${d.cni.version ? ` ${d.cni.version}` : ''}${mark(d.cni.verified)}`);
  lines.push('', `hosts (${d.hosts.length}):`);
  lines.push(...table(['ADDRESS', 'ROLE', 'PRIVATE ADDRESS', 'PROFILE'], d.hosts.map((h) => [h.address, h.role, h.privateAddress ?? (h.privateInterface ? `interface ${h.privateInterface}` : '-'), h.profile ?? '-'])));
  const lb = d.loadBalancing;
  lines.push('', 'load balancing:');
  lines.push(`  API address: ${lb.externalAddress ?? `(none: clients use a controller address)`}`);
  if (lb.sans.length) lines.push(`  certificate SANs: ${lb.sans.join(', ')}`);
  lines.push(`  control plane: ${lb.controlPlane ? `${lb.controlPlane.type}${lb.controlPlane.virtualIPs.length ? `, virtual IPs ${lb.controlPlane.virtualIPs.join(', ')}` : ''}` : 'off'}`);
  lines.push(`  node-local: ${lb.nodeLocal ? lb.nodeLocal.type : 'off'}`);
  lines.push('', `services (${d.services.length}):`);
  if (d.services.length) {
    lines.push(
      ...table(
        ['NAME', 'NAMESPACE', 'CHART', 'VERSION', 'DEPENDS ON'],
        d.services.map((s) => [s.name, s.namespace, s.chart, `${s.version ?? '-'}${s.verified ? '' : ' (unverified)'}`, s.dependsOn.join(', ') || '-']),
      ),
    );
  } else lines.push('  (none: MKE 4.0 system services are installed by the Blueprint Operator)');
  lines.push('', `secrets (${d.secrets.length}):`);
  for (const s of d.secrets) lines.push(`  ${s.variable}: ${s.field}`);
  if (!d.secrets.length) lines.push('  (none)');
  lines.push('', `prerequisites (${d.prerequisites.length}):`);
  for (const p of d.prerequisites) lines.push(`  ${prerequisiteLabel(p)}${p.usedBy ? ` — for ${p.usedBy}` : ''}`, ...(p.how ? [`    create: ${p.how}`] : []));
  if (!d.prerequisites.length) lines.push('  (none)');
  return lines.join('\n') + '\n';
}
