/**
 * What `k0s config validate` checks on the ClusterConfig we emit (k0s `pkg/apis/k0s/v1beta1`
 * `Validate()`, per k0s version), plus the topology rules k0s only finds at runtime and our own CIDR
 * overlap rule. Paths are k0sctl paths (`spec.k0s.config.spec.network.podCIDR`).
 */
import { overlaps, parseCidr } from '../config/network-math';
import { isCidr, isHostname, isIp } from '../config/schema-common';
import { k0sSupports } from './k0s-version';
import type { K0sClusterConfigSpec, K0sctlHost, K0sWorkerProfile } from './types';

const AT = 'spec.k0s.config.spec';
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const KUBE_PROXY_MODES = ['iptables', 'ipvs', 'nftables', 'userspace'];
/** A `${MKE_…}` placeholder: k0sctl substitutes the real (validated on input) value. */
const PLACEHOLDER = /^\$\{MKE_[A-Z0-9_]+\}$/;

function family(cidr: string): 4 | 6 | undefined {
  return isCidr(cidr) ? (cidr.includes(':') ? 6 : 4) : undefined;
}

function profileProblems(profiles: readonly K0sWorkerProfile[], k0sVersion: string): string[] {
  const out: string[] = [];
  const v2 = k0sSupports(k0sVersion, 'workerProfilesV2');
  const forbidden = v2 ? ['clusterDNS', 'clusterDomain', 'staticPodURL'] : ['clusterDNS', 'clusterDomain', 'apiVersion', 'kind', 'staticPodURL'];
  const names = new Set<string>();
  profiles.forEach((p, i) => {
    const at = `${AT}.workerProfiles[${i}]`;
    if (v2 && (p.name.length > 63 || !DNS_LABEL.test(p.name))) out.push(`${at}.name: ${JSON.stringify(p.name)} is not a DNS-1123 label`);
    if (names.has(p.name)) out.push(`${at}.name: duplicate worker profile ${p.name}`);
    names.add(p.name);
    if (!p.values || typeof p.values !== 'object') {
      if (!v2) out.push(`${at}.values: required`);
      return;
    }
    for (const key of forbidden) if (key in p.values) out.push(`${at}.values.${key}: field ${key} is prohibited to override in worker profile`);
    if (v2 && p.values.apiVersion !== undefined && p.values.apiVersion !== 'kubelet.config.k8s.io/v1beta1') out.push(`${at}.values.apiVersion: must be kubelet.config.k8s.io/v1beta1`);
    if (v2 && p.values.kind !== undefined && p.values.kind !== 'KubeletConfiguration') out.push(`${at}.values.kind: must be KubeletConfiguration`);
  });
  return out;
}

export function validateClusterConfig(spec: K0sClusterConfigSpec, k0sVersion: string, hosts: readonly K0sctlHost[]): string[] {
  const out: string[] = [];
  const single = hosts.some((h) => h.role === 'single');
  const controllers = hosts.filter((h) => h.role !== 'worker').length;
  const api = spec.api;
  if (api?.externalAddress !== undefined) {
    const a = api.externalAddress;
    if (!(isIp(a) || isHostname(a))) out.push(`${AT}.api.externalAddress: ${JSON.stringify(a)} must be a bare IP address or DNS name`);
    if (a === '0.0.0.0' || a === '::') out.push(`${AT}.api.externalAddress: invalid INADDR_ANY`);
  }
  (api?.sans ?? []).forEach((s, i) => {
    if (!isIp(s) && !isHostname(s)) out.push(`${AT}.api.sans[${i}]: ${JSON.stringify(s)} is not an IP address or DNS name`);
  });
  if (spec.storage.type !== 'etcd' && spec.storage.type !== 'kine') out.push(`${AT}.storage.type: must be etcd or kine`);
  if (spec.storage.type === 'kine' && controllers > 1) out.push(`${AT}.storage.type: kine (sqlite) cannot be joined by ${controllers} controllers`);
  const net = spec.network;
  if (!['kuberouter', 'calico', 'custom'].includes(net.provider)) out.push(`${AT}.network.provider: must be kuberouter, calico or custom`);
  for (const key of ['podCIDR', 'serviceCIDR'] as const) if (!isCidr(net[key])) out.push(`${AT}.network.${key}: invalid CIDR address ${JSON.stringify(net[key])}`);
  const pod = parseCidr(net.podCIDR);
  const svc = parseCidr(net.serviceCIDR);
  if (pod && svc && overlaps(pod, svc)) out.push(`${AT}.network.serviceCIDR: ${net.serviceCIDR} overlaps podCIDR ${net.podCIDR}`);
  if (k0sSupports(k0sVersion, 'sameFamilyCidrs') && family(net.podCIDR) && family(net.serviceCIDR) && family(net.podCIDR) !== family(net.serviceCIDR)) {
    out.push(`${AT}.network: podCIDR and serviceCIDR must be both IPv4 or IPv6`);
  }
  if (net.calico && !['vxlan', 'bird', 'ipip'].includes(net.calico.mode)) out.push(`${AT}.network.calico.mode: must be vxlan, bird or ipip`);
  if (net.kubeProxy && !net.kubeProxy.disabled && net.kubeProxy.mode !== undefined && !KUBE_PROXY_MODES.includes(net.kubeProxy.mode)) {
    out.push(`${AT}.network.kubeProxy.mode: unsupported mode ${net.kubeProxy.mode} for kubeProxy config`);
  }
  if (net.nodeLocalLoadBalancing?.enabled) {
    if (api?.externalAddress) out.push(`${AT}.network.nodeLocalLoadBalancing: node-local load balancing cannot be used in conjunction with an external Kubernetes API server address`);
    if (single) out.push(`${AT}.network.nodeLocalLoadBalancing: node-local load balancing makes no sense with a single host`);
  }
  const cplb = net.controlPlaneLoadBalancing;
  if (cplb) {
    if (cplb.type !== 'Keepalived') out.push(`${AT}.network.controlPlaneLoadBalancing.type: unsupported CPLB type`);
    if (cplb.enabled && single) out.push(`${AT}.network.controlPlaneLoadBalancing: control plane load balancing cannot be used in a single-node cluster`);
    cplb.keepalived?.vrrpInstances?.forEach((v, i) => {
      const at = `${AT}.network.controlPlaneLoadBalancing.keepalived.vrrpInstances[${i}]`;
      if (!v.virtualIPs.length) out.push(`${at}.virtualIPs: VirtualIPs must be defined`);
      v.virtualIPs.forEach((vip, j) => {
        if (!isCidr(vip)) out.push(`${at}.virtualIPs[${j}]: ${JSON.stringify(vip)} must be a CIDR such as 10.0.0.100/24`);
      });
      if (!v.authPass) out.push(`${at}.authPass: AuthPass must be defined`);
      else if (!PLACEHOLDER.test(v.authPass) && v.authPass.length > 8) out.push(`${at}.authPass: AuthPass must be 8 characters or less`);
      if (v.virtualRouterID !== undefined && (v.virtualRouterID < 1 || v.virtualRouterID > 255)) out.push(`${at}.virtualRouterID: must be 1-255`);
    });
    cplb.keepalived?.virtualServers?.forEach((s, i) => {
      if (!isIp(s.ipAddress)) out.push(`${AT}.network.controlPlaneLoadBalancing.keepalived.virtualServers[${i}].ipAddress: must be a plain IP address`);
    });
  }
  const helm = spec.extensions?.helm;
  const repoNames = new Map<string, string>();
  helm?.repositories?.forEach((r, i) => {
    const at = `${AT}.extensions.helm.repositories[${i}]`;
    if (!r.name) out.push(`${at}.name: repository must have Name field not empty`);
    if (!r.url) out.push(`${at}.url: repository must have URL field not empty`);
    const other = repoNames.get(r.name);
    if (other !== undefined && other !== r.url) out.push(`${at}.name: repository ${r.name} is defined twice with different URLs`);
    repoNames.set(r.name, r.url);
  });
  const chartNames = new Set<string>();
  helm?.charts.forEach((c, i) => {
    const at = `${AT}.extensions.helm.charts[${i}]`;
    if (!c.name || c.name.length > 53 || !RELEASE_NAME.test(c.name)) out.push(`${at}.name: ${JSON.stringify(c.name)} is not a valid Helm release name`);
    if (!c.chartname) out.push(`${at}.chartname: chart must have ChartName field not empty`);
    if (!c.namespace) out.push(`${at}.namespace: chart must have TargetNS field not empty`);
    if (chartNames.has(c.name)) out.push(`${at}.name: chart ${c.name} is defined twice`);
    chartNames.add(c.name);
  });
  out.push(...profileProblems(spec.workerProfiles ?? [], k0sVersion));
  const profiles = new Set(['default', 'default-windows', ...(spec.workerProfiles ?? []).map((p) => p.name)]);
  hosts.forEach((h, i) => {
    for (const flag of h.installFlags ?? []) {
      const m = /^--profile=(.*)$/.exec(flag);
      if (m && !profiles.has(m[1])) out.push(`spec.hosts[${i}].installFlags: --profile=${m[1]} names no worker profile in spec.k0s.config.spec.workerProfiles`);
    }
  });
  return out;
}
