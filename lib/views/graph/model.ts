/**
 * The picture of a cluster (or a fleet) as plain data: groups (hosts by role, network, control
 * plane, services; one per cluster), nodes and edges. The renderers (`mermaid.ts`, `dot.ts`) only
 * lay this out, so every format shows the same thing.
 */
import type { IConstruct } from 'constructs';
import { MkeCluster } from '../../cluster';
import { ChildCluster } from '../../fleet/child-cluster';
import { Fleet } from '../../fleet/fleet';
import { selectorMatches } from '../../fleet/label-selector';
import { ClusterDescription, describeCluster } from '../describe';

export type NodeShape = 'box' | 'round' | 'cylinder' | 'hexagon';

export interface GraphGroup {
  readonly id: string;
  readonly label: string;
  /** The enclosing group, if any. */
  readonly parent?: string;
}

export interface GraphNode {
  readonly id: string;
  /** Lines of text. */
  readonly label: readonly string[];
  readonly group?: string;
  readonly shape: NodeShape;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  /** Dashed: a relation, not a flow of traffic or of installation. */
  readonly dashed?: boolean;
}

export interface GraphModel {
  readonly title: string;
  readonly groups: readonly GraphGroup[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** Hosts of one role beyond this count are drawn as one node (`… and N more`), so pictures stay readable. */
export const MAX_HOSTS_PER_ROLE = 24;

/** An identifier safe in Mermaid and DOT: letters, digits and `_`. */
export function safeId(...parts: readonly string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9]/g, '_')).join('__');
}

class Builder {
  readonly groups: GraphGroup[] = [];
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  group(id: string, label: string, parent?: string): string {
    this.groups.push({ id, label, ...(parent ? { parent } : {}) });
    return id;
  }
  node(id: string, label: readonly string[], group: string | undefined, shape: NodeShape = 'box'): string {
    this.nodes.push({ id, label, ...(group ? { group } : {}), shape });
    return id;
  }
  edge(from: string, to: string, label?: string, dashed = false): void {
    this.edges.push({ from, to, ...(label ? { label } : {}), ...(dashed ? { dashed } : {}) });
  }
}

/** Adds one MKE cluster; returns the id of its k0rdent node (for fleet edges), if it has one. */
function addCluster(b: Builder, d: ClusterDescription): { k0rdent?: string } {
  const c = safeId(d.name);
  const top = b.group(c, `cluster ${d.name} · MKE ${d.release} · ${d.delivery}`);
  const roles = new Map<string, typeof d.hosts[number][]>();
  for (const h of d.hosts) roles.set(h.role, [...(roles.get(h.role) ?? []), h]);
  const controllerIds: string[] = [];
  for (const [role, hosts] of roles) {
    const g = b.group(safeId(d.name, 'hosts', role), `${role} (${hosts.length})`, top);
    const shown = hosts.length > MAX_HOSTS_PER_ROLE ? hosts.slice(0, MAX_HOSTS_PER_ROLE - 1) : hosts;
    shown.forEach((h, i) => {
      const id = b.node(safeId(d.name, role, String(i)), [h.address, ...(h.privateAddress ? [`private ${h.privateAddress}`] : []), ...(h.profile ? [`profile ${h.profile}`] : [])], g);
      if (role !== 'worker') controllerIds.push(id);
    });
    if (shown.length < hosts.length) {
      const id = b.node(safeId(d.name, role, 'more'), [`… and ${hosts.length - shown.length} more`], g);
      if (role !== 'worker') controllerIds.push(id);
    }
  }
  const net = b.group(safeId(d.name, 'network'), 'network', top);
  const lb = d.loadBalancing;
  const lbLabel = lb.controlPlane
    ? [`control-plane LB (${lb.controlPlane.type})`, ...lb.controlPlane.virtualIPs.map((v) => `VIP ${v}`)]
    : lb.externalAddress
      ? ['API load balancer', lb.externalAddress]
      : ['API (no load balancer)', 'clients use a controller'];
  if (lb.controlPlane && lb.externalAddress) lbLabel.push(lb.externalAddress);
  const lbId = b.node(safeId(d.name, 'lb'), lbLabel, net, 'hexagon');
  for (const id of controllerIds) b.edge(lbId, id, 'API :6443');
  if (lb.nodeLocal) b.node(safeId(d.name, 'nllb'), [`node-local LB (${lb.nodeLocal.type})`], net, 'hexagon');
  b.node(safeId(d.name, 'cni'), [`CNI ${d.cni.provider}`, ...(d.cni.version ? [d.cni.version] : [])], net, 'round');

  const versions = new Map(d.versions.map((v) => [v.name, v.version]));
  const kcm = versions.get('k0rdent (kcm)');
  if (!kcm) return {};
  const cp = b.group(safeId(d.name, 'control-plane'), 'control plane', top);
  const k0rdent = b.node(safeId(d.name, 'k0rdent'), ['k0rdent (kcm)', kcm], cp, 'round');
  const operatorVersion = versions.get('mke-operator');
  if (operatorVersion) {
    const operator = b.node(safeId(d.name, 'mke-operator'), ['mke-operator', operatorVersion], cp, 'round');
    b.edge(operator, k0rdent, 'ServiceTemplates');
  }
  if (d.services.length) {
    const sg = b.group(safeId(d.name, 'services'), 'services', top);
    const ids = new Map<string, string>();
    for (const s of d.services) {
      ids.set(s.name, b.node(safeId(d.name, 'svc', s.name), [s.name, `${s.chart}${s.version ? ` ${s.version}` : ''}${s.verified ? '' : ' (unverified)'}`, `ns ${s.namespace}`], sg, 'cylinder'));
    }
    for (const s of d.services) {
      const id = ids.get(s.name) as string;
      b.edge(k0rdent, id);
      for (const dep of s.dependsOn) {
        const target = ids.get(dep);
        if (target) b.edge(id, target, 'needs', true);
      }
    }
  }
  return { k0rdent };
}

/** The picture of every MKE cluster and fleet below `scope` (an App). */
export function graphOf(scope: IConstruct, title = 'MKE 4k'): GraphModel {
  const b = new Builder();
  const k0rdentOf = new Map<MkeCluster, string | undefined>();
  for (const cluster of MkeCluster.all(scope)) k0rdentOf.set(cluster, addCluster(b, describeCluster(cluster)).k0rdent);
  for (const fleet of Fleet.all(scope)) addFleet(b, fleet, k0rdentOf.get(fleet.management));
  return { title, groups: b.groups, nodes: b.nodes, edges: b.edges };
}

function addFleet(b: Builder, fleet: Fleet, managementK0rdent: string | undefined): void {
  const m = fleet.management.clusterName;
  const g = b.group(safeId(m, 'fleet'), `fleet of ${m}`);
  const children = fleet.clusters();
  const childIds = new Map<ChildCluster, string>();
  for (const child of children) {
    const labels = Object.entries(child.labels).map(([k, v]) => `${k}=${v}`);
    const id = b.node(safeId(m, 'child', child.clusterName), [`cluster ${child.clusterName}`, child.template, ...(labels.length ? [labels.join(', ')] : [])], g);
    childIds.set(child, id);
    if (managementK0rdent) b.edge(managementK0rdent, id, 'ClusterDeployment');
    for (const s of child.serviceList) {
      const sid = b.node(safeId(m, 'child', child.clusterName, 'svc', s.name), [s.name, s.template], g, 'cylinder');
      b.edge(id, sid, 'runs');
    }
  }
  for (const set of fleet.serviceSets()) {
    const selector = Object.entries(set.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
    const expressions = (set.selector.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values?.length ? ` (${e.values.join(', ')})` : ''}`);
    const sid = b.node(safeId(m, 'set', set.setName), [`service set ${set.setName}`, ...[...selector, ...expressions].map((l) => `select ${l}`)], g, 'hexagon');
    for (const s of set.serviceList) b.edge(sid, b.node(safeId(m, 'set', set.setName, s.name), [s.name, s.template], g, 'cylinder'), 'deploys');
    for (const [child, id] of childIds) if (selectorMatches(set.selector, child.labels)) b.edge(sid, id, 'selects', true);
  }
}
