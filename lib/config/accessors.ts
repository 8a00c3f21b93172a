/**
 * Derived facts about a spec that rules and constructs both need (which CNI, which pod CIDR, whether
 * load balancing is on). One definition each, so validation and synthesis agree.
 */
import { parse as parseYaml } from 'yaml';
import { isAtLeast, MkeRelease } from './releases';
import type { MkeHostSpec, MkeSpec } from './types';

export type CniProvider = 'calico' | 'kuberouter' | 'custom' | 'cilium';

export function enabledProviders(spec: MkeSpec) {
  return (spec.network?.providers ?? []).map((p, index) => ({ ...p, index })).filter((p) => p.enabled === true);
}

/** The one enabled CNI provider (rules guarantee exactly one on valid specs). */
export function cniProvider(spec: MkeSpec): CniProvider {
  return (enabledProviders(spec)[0]?.provider ?? 'calico') as CniProvider;
}

export function cniExtraConfig(spec: MkeSpec): Readonly<Record<string, string>> {
  return enabledProviders(spec)[0]?.extraConfig ?? {};
}

/** The user's verbatim Tigera `values.yaml`, parsed, when given and a mapping. */
export function calicoValues(spec: MkeSpec): Record<string, unknown> | undefined {
  const text = cniExtraConfig(spec)['values.yaml'];
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = parseYaml(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Pod CIDR in effect: `cidrV4` (4.1+), `clusterCIDRIPv4` (4.0), the first ipPool of values.yaml, else Calico's default. */
export function podCidr(spec: MkeSpec): string {
  const extra = cniExtraConfig(spec);
  if (extra.cidrV4) return extra.cidrV4;
  if (extra.clusterCIDRIPv4) return extra.clusterCIDRIPv4;
  const pools = (calicoValues(spec)?.installation as { calicoNetwork?: { ipPools?: { cidr?: unknown }[] } } | undefined)?.calicoNetwork?.ipPools;
  const cidr = pools?.[0]?.cidr;
  if (typeof cidr === 'string') return cidr;
  if (extra['ipam.operator.clusterPoolIPv4PodCIDRList']) return extra['ipam.operator.clusterPoolIPv4PodCIDRList'];
  return '192.168.0.0/16';
}

export function serviceCidr(spec: MkeSpec): string {
  return spec.network?.serviceCIDR ?? '10.96.0.0/16';
}

export function controllers(spec: MkeSpec): MkeHostSpec[] {
  return spec.hosts.filter((h) => h.role === 'controller+worker' || h.role === 'single');
}

export function workers(spec: MkeSpec): MkeHostSpec[] {
  return spec.hosts.filter((h) => h.role === 'worker');
}

export function isSingle(spec: MkeSpec): boolean {
  return spec.hosts.some((h) => h.role === 'single');
}

/** Control-plane load balancing: 4.2 `network.controlPlaneLoadBalancing.enabled`, 4.0/4.1 `network.cplb`. */
export function cplbEnabled(spec: MkeSpec): boolean {
  const net = spec.network;
  if (net?.controlPlaneLoadBalancing?.enabled) return true;
  const cplb = net?.cplb;
  if (!cplb) return false;
  if (cplb.controlPlaneLoadBalancing?.enabled !== undefined) return cplb.disabled !== true && cplb.controlPlaneLoadBalancing.enabled;
  return cplb.disabled === false;
}

/** Keepalived settings of whichever CPLB shape the file uses. */
export function cplbKeepalived(spec: MkeSpec) {
  return spec.network?.controlPlaneLoadBalancing?.keepalived ?? spec.network?.cplb?.controlPlaneLoadBalancing?.keepalived;
}

/** One VRRP instance in effect: `authPass` undefined means none was written (the 4.2 `virtualIPs` shape has no such field). */
export interface CplbVrrpInstance {
  readonly virtualIPs: readonly string[];
  readonly authPass?: string;
  readonly interface?: string;
  readonly virtualRouterID?: number;
  readonly advertIntervalSeconds?: number;
}

/**
 * The VRRP instances of whichever CPLB shape the file uses: `keepalived.vrrpInstances` (4.0/4.1
 * `network.cplb…`, or written under 4.2's block), else 4.2's `controlPlaneLoadBalancing.virtualIPs`
 * as one instance (MKE 4.2 docs, Control Plane Load Balancer: `virtualIPs` and an optional
 * `virtualRouterID`). Empty when CPLB is off.
 */
export function cplbVrrpInstances(spec: MkeSpec): readonly CplbVrrpInstance[] {
  if (!cplbEnabled(spec)) return [];
  const listed = cplbKeepalived(spec)?.vrrpInstances;
  if (listed?.length) return listed;
  const block = spec.network?.controlPlaneLoadBalancing;
  if (!block?.virtualIPs?.length) return [];
  return [{ virtualIPs: block.virtualIPs, ...(block.virtualRouterID !== undefined ? { virtualRouterID: block.virtualRouterID } : {}) }];
}

/** Node-local load balancing (4.0/4.1 `network.nllb.disabled: false`). */
export function nllbEnabled(spec: MkeSpec): boolean {
  return spec.network?.nllb?.disabled === false;
}

export function externalAddress(spec: MkeSpec): string | undefined {
  const a = spec.apiServer?.externalAddress;
  return a ? a : undefined;
}

/** kubelet root dir in effect: explicit, else `/var/lib/k0s/kubelet` before 4.1.2 and `/var/lib/kubelet` from 4.1.2. */
export function kubeletRootDir(spec: MkeSpec, release: MkeRelease): string {
  return spec.kubelet?.kubeletRootDir ?? (isAtLeast(release, '4.1.2') ? '/var/lib/kubelet' : `${dataDir(spec)}/kubelet`);
}

export function dataDir(spec: MkeSpec): string {
  return spec.k8sProviderSpecs?.dataDir ?? '/var/lib/k0s';
}

/** `[min, max]` of the NodePort range. */
export function nodePortRange(spec: MkeSpec): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(spec.network?.nodePortRange ?? '32768-35535');
  return m ? [Number(m[1]), Number(m[2])] : [32768, 35535];
}

/** The chart registry (`oci://…`, no trailing slash). */
export function chartRegistry(spec: MkeSpec): string {
  return (spec.registries?.chartRegistry?.url ?? 'oci://registry.mirantis.com/mke').replace(/\/+$/, '');
}

export function imageRegistry(spec: MkeSpec): string {
  return (spec.registries?.imageRegistry?.url ?? 'registry.mirantis.com/mke').replace(/\/+$/, '');
}
