/**
 * Pure MKE → k0s translation of `spec.network`: CIDRs, the CNI's part, kube-proxy and both load
 * balancers (4.0/4.1 `network.cplb` and 4.2 `network.controlPlaneLoadBalancing` shapes).
 */
import { createHash } from 'node:crypto';
import * as ipaddr from 'ipaddr.js';
import { cplbEnabled, cplbKeepalived, CplbVrrpInstance, cplbVrrpInstances, externalAddress, nllbEnabled, serviceCidr } from '../config/accessors';
import type { MkeRelease } from '../config/releases';
import { secretVariable } from '../config/secrets';
import type { MkeSpec } from '../config/types';
import { cniFromSpec, cniNetwork } from '../cni/from-spec';
import type { CniNetwork } from '../cni/cni';
import type { K0sControlPlaneLoadBalancing, K0sKubeProxy, K0sNetwork } from './types';

/** Copy without `null`, `undefined` and `""` (mkectl prints them for unset knobs; k0s wants them absent). */
function compact<T extends object>(value: T): Record<string, never> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined || v === '') continue;
    out[k] = v;
  }
  return out as Record<string, never>;
}

/** `network.kubeProxy`: mode and its sub-configuration, as MKE writes them (mode defaults to iptables). */
export function toK0sKubeProxy(spec: MkeSpec): K0sKubeProxy {
  const kp = spec.network?.kubeProxy;
  if (kp?.disabled) return { disabled: true };
  const out: Record<string, unknown> = { mode: kp?.mode ?? 'iptables' };
  if (kp?.metricsBindAddress) out.metricsBindAddress = kp.metricsBindAddress;
  for (const section of ['iptables', 'ipvs', 'nftables'] as const) {
    const value = kp?.[section];
    if (value && Object.keys(compact(value)).length) out[section] = compact(value);
  }
  if (kp?.nodePortAddresses?.length) out.nodePortAddresses = kp.nodePortAddresses;
  return out as K0sKubeProxy;
}

/**
 * The VRRP router ID MKE 4.2 uses when `virtualRouterID` is unset: the last octet of the primary
 * virtual IP (the one `apiServer.externalAddress` names, else the first) — MKE 4.2 docs, Control Plane
 * Load Balancer. Undefined for IPv6 or an octet of 0 (k0s then numbers instances from 51:
 * k0s pkg/apis/k0s/v1beta1/cplb.go `validateVRRPInstances`).
 */
export function derivedVirtualRouterId(spec: MkeSpec, virtualIPs: readonly string[]): number | undefined {
  const ips = virtualIPs.map((v) => v.replace(/\/\d+$/, ''));
  const address = externalAddress(spec);
  const primary = ips.find((ip) => ip === address) ?? ips[0];
  if (!primary || !ipaddr.IPv4.isValidFourPartDecimal(primary)) return undefined;
  const last = ipaddr.IPv4.parse(primary).octets[3];
  return last >= 1 && last <= 255 ? last : undefined;
}

/**
 * The `authPass` of a VRRP instance written without one (4.2's `virtualIPs` shape has no such field,
 * but k0s refuses an instance without it: "AuthPass must be defined", k0s v1.35.4
 * pkg/apis/k0s/v1beta1/cplb.go). Every controller must agree on it, so it is derived from the virtual
 * IPs: 8 hex characters (keepalived's limit). Not a secret: k0s documents it as "not a security
 * feature but a way to prevent accidental misconfigurations" (same file, `VRRPInstance.AuthPass`).
 */
export function derivedAuthPass(virtualIPs: readonly string[]): string {
  return createHash('sha256').update(`mke4k-cplb:${virtualIPs.join(',')}`).digest('hex').slice(0, 8);
}

/**
 * The VRRP instances in effect on the controllers, whichever shape the file uses: a written instance as
 * it is, a 4.2 `virtualIPs` one with the `authPass` and `virtualRouterID` derived for it (what
 * `toK0sControlPlaneLoadBalancing` writes, before a written `authPass` becomes a placeholder). Two specs
 * with equal instances run the same keepalived VRRP configuration (k0s pkg/apis/k0s/v1beta1/cplb.go
 * `VRRPInstance`: virtualIPs, authPass, interface, virtualRouterID, advertIntervalSeconds).
 */
export function vrrpInstancesInEffect(spec: MkeSpec): CplbVrrpInstance[] {
  return cplbVrrpInstances(spec).map((vrrp): CplbVrrpInstance => {
    if (vrrp.authPass !== undefined) return vrrp;
    const virtualRouterID = vrrp.virtualRouterID ?? derivedVirtualRouterId(spec, vrrp.virtualIPs);
    return { virtualIPs: [...vrrp.virtualIPs], authPass: derivedAuthPass(vrrp.virtualIPs), ...(virtualRouterID !== undefined ? { virtualRouterID } : {}) };
  });
}

/**
 * `network.controlPlaneLoadBalancing`, only when enabled: k0s validates the block (and probes NICs)
 * whenever it is present, even disabled. `type` is written because k0sctl ignores CPLB without it.
 * A written `authPass` is a secret: written as `${MKE_…}`, which k0sctl expands from the
 * environment before k0s reads it. 4.2's `virtualIPs`/`virtualRouterID` become one VRRP instance.
 */
export function toK0sControlPlaneLoadBalancing(spec: MkeSpec, onSecret?: (variable: string, field: string) => void): K0sControlPlaneLoadBalancing | undefined {
  if (!cplbEnabled(spec)) return undefined;
  const keepalived = cplbKeepalived(spec);
  const base = spec.network?.controlPlaneLoadBalancing ? ['network', 'controlPlaneLoadBalancing'] : ['network', 'cplb', 'controlPlaneLoadBalancing'];
  const written = cplbVrrpInstances(spec);
  const vrrpInstances = vrrpInstancesInEffect(spec).map((vrrp, i) => {
    if (written[i].authPass === undefined) return { ...vrrp, virtualIPs: [...vrrp.virtualIPs] } as never;
    const path = [...base, 'keepalived', 'vrrpInstances', i, 'authPass'];
    const variable = secretVariable(path);
    onSecret?.(variable, `spec.${path.join('.')}`);
    return compact({ ...vrrp, virtualIPs: [...vrrp.virtualIPs], authPass: `\${${variable}}` }) as never;
  });
  const virtualServers = keepalived?.virtualServers?.map((vs) => compact(vs) as never);
  const inner = {
    ...(vrrpInstances.length ? { vrrpInstances } : {}),
    ...(virtualServers?.length ? { virtualServers } : {}),
  };
  return { enabled: true, type: 'Keepalived', ...(Object.keys(inner).length ? { keepalived: inner } : {}) };
}

/**
 * The whole `spec.network`. `cni` is the CNI's part; by default the one the spec selects.
 * NLLB is written only when enabled (rules reject it with an external address or a single host).
 */
export function toK0sNetwork(
  spec: MkeSpec,
  release: MkeRelease,
  cni: CniNetwork = cniNetwork(cniFromSpec(spec, release)),
  onSecret?: (variable: string, field: string) => void,
): K0sNetwork {
  const cplb = toK0sControlPlaneLoadBalancing(spec, onSecret);
  return {
    provider: cni.provider,
    podCIDR: cni.podCIDR,
    serviceCIDR: serviceCidr(spec),
    ...(cni.calico ? { calico: cni.calico } : {}),
    ...(cni.kuberouter ? { kuberouter: cni.kuberouter } : {}),
    kubeProxy: toK0sKubeProxy(spec),
    ...(nllbEnabled(spec) ? { nodeLocalLoadBalancing: { enabled: true, type: 'EnvoyProxy' as const } } : {}),
    ...(cplb ? { controlPlaneLoadBalancing: cplb } : {}),
  };
}
