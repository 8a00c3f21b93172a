/** Cross-field rules on networking: CNI choice, CIDRs, node ports, load balancing, registries. */
import {
  calicoValues,
  cniExtraConfig,
  cplbEnabled,
  cplbKeepalived,
  cplbVrrpInstances,
  enabledProviders,
  externalAddress,
  isSingle,
  kubeletRootDir,
  nllbEnabled,
  podCidr,
  serviceCidr,
} from './accessors';
import { hostCidr, overlaps, parseCidr, ParsedCidr, parsePortRange } from './network-math';
import { isAtLeast, MkeRelease } from './releases';
import type { RuleFinding } from './rule-finding';
import { isCidr, isHostname, isIp } from './schema-common';
import type { MkeSpec } from './types';
import { isSecretPlaceholder } from './secrets';

type Path = (string | number)[];

export function cniRules(spec: MkeSpec, release: MkeRelease): RuleFinding[] {
  const out: RuleFinding[] = [];
  const enabled = enabledProviders(spec);
  const providersPath: Path = ['spec', 'network', 'providers'];
  if (enabled.length !== 1) {
    out.push({
      code: 'cni-count',
      severity: 'error',
      path: enabled.length > 1 ? [...providersPath, enabled[1].index, 'enabled'] : providersPath,
      message: `exactly one CNI provider must be enabled, found ${enabled.length}${enabled.length ? ` (${enabled.map((p) => p.provider).join(', ')})` : ''}`,
      hint: 'set `enabled: true` on one provider and `enabled: false` on the others',
    });
  }
  for (const p of enabled) {
    if (p.provider === 'cilium') {
      out.push({ code: 'cni-cilium', severity: 'error', path: [...providersPath, p.index, 'provider'], message: 'cilium is not a supported MKE 4k CNI provider', hint: 'use provider `custom` and install Cilium as a user service' });
    }
    if (p.provider === 'kuberouter' && isAtLeast(release, '4.2.0')) {
      out.push({ code: 'cni-kuberouter-deprecated', severity: 'warning', path: [...providersPath, p.index, 'provider'], message: 'kuberouter is not documented for MKE 4.2', hint: 'use calico (the default) or custom' });
    }
  }
  out.push(...calicoValuesRule(spec, release));
  return out;
}

/** The first key of a Calico `values.yaml` is `kubeletVolumePluginPath`. */
function calicoValuesRule(spec: MkeSpec, release: MkeRelease): RuleFinding[] {
  const enabled = enabledProviders(spec)[0];
  if (!enabled || enabled.provider !== 'calico') return [];
  const text = cniExtraConfig(spec)['values.yaml'];
  if (text === undefined) return [];
  const path: Path = ['spec', 'network', 'providers', enabled.index, 'extraConfig', 'values.yaml'];
  const values = calicoValues(spec);
  if (!values) return [{ code: 'calico-values', severity: 'error', path, message: 'values.yaml must be a YAML mapping of Tigera operator values' }];
  const first = Object.keys(values)[0];
  const root = kubeletRootDir(spec, release);
  const pluginPath = values.kubeletVolumePluginPath;
  if (!isAtLeast(release, '4.1.2')) {
    if (first !== 'kubeletVolumePluginPath' || pluginPath !== '/var/lib/k0s/kubelet') {
      return [{ code: 'calico-values', severity: 'error', path, message: 'values.yaml must start with `kubeletVolumePluginPath: /var/lib/k0s/kubelet`', hint: 'put `kubeletVolumePluginPath: /var/lib/k0s/kubelet` as the first line' }];
    }
    return [];
  }
  if (pluginPath !== root) {
    return [{ code: 'calico-values', severity: 'warning', path, message: `kubeletVolumePluginPath is ${pluginPath === undefined ? 'missing' : JSON.stringify(pluginPath)} but the kubelet root dir in effect is ${root}`, hint: `start values.yaml with \`kubeletVolumePluginPath: ${root}\`` }];
  }
  return [];
}

export function cidrRules(spec: MkeSpec): RuleFinding[] {
  const out: RuleFinding[] = [];
  const provider = enabledProviders(spec)[0];
  const podText = podCidr(spec);
  // isCidr first: parseCidr (ipaddr.js) also takes short forms such as 192.168.0/16.
  const pod = isCidr(podText) ? parseCidr(podText) : undefined;
  const svc = parseCidr(serviceCidr(spec));
  // Point at the extraConfig key that holds the pod CIDR, when the user wrote one.
  const podKey = ['cidrV4', 'clusterCIDRIPv4', 'ipam.operator.clusterPoolIPv4PodCIDRList'].find((k) => provider?.extraConfig?.[k] === podText);
  const podPath: Path = provider ? ['spec', 'network', 'providers', provider.index, 'extraConfig', ...(podKey ? [podKey] : [])] : ['spec', 'network'];
  if (provider && !pod && (provider.provider === 'calico' || provider.provider === 'kuberouter')) {
    out.push({ code: 'invalid-cidr', severity: 'error', path: podPath, message: `pod CIDR ${JSON.stringify(podText)} is not a CIDR`, hint: 'write it like 192.168.0.0/16' });
  }
  if (pod && svc && overlaps(pod, svc)) {
    out.push({ code: 'cidr-overlap', severity: 'error', path: ['spec', 'network', 'serviceCIDR'], message: `service CIDR ${svc.text} overlaps the pod CIDR ${pod.text}`, hint: 'pick disjoint ranges, e.g. 10.96.0.0/16 for services and 192.168.0.0/16 for pods' });
  }
  spec.hosts.forEach((host, i) => {
    const candidates: [string, Path][] = [];
    if (host.privateAddress) candidates.push([host.privateAddress, ['spec', 'hosts', i, 'privateAddress']]);
    if (host.ssh?.address && isIp(host.ssh.address)) candidates.push([host.ssh.address, ['spec', 'hosts', i, 'ssh', 'address']]);
    for (const [address, path] of candidates) {
      const h = hostCidr(address);
      if (!h) continue;
      const hit: [ParsedCidr, string][] = [];
      if (pod && overlaps(pod, h)) hit.push([pod, 'pod']);
      if (svc && overlaps(svc, h)) hit.push([svc, 'service']);
      for (const [net, what] of hit) {
        out.push({ code: 'cidr-overlap', severity: 'error', path, message: `host address ${address} lies inside the ${what} CIDR ${net.text}`, hint: `move the ${what} CIDR away from the host network` });
      }
      if (hit.length) break;
    }
  });
  return out;
}

export function addressRules(spec: MkeSpec): RuleFinding[] {
  const out: RuleFinding[] = [];
  const address = externalAddress(spec);
  const path: Path = ['spec', 'apiServer', 'externalAddress'];
  if (address !== undefined) {
    // A port stays refused though k0s v1.35.4 accepts `host:port` (pkg/apis/k0s/v1beta1/api.go
    // APIServerHostPort, getExternalURIForPort): k0s v1.32.x (MKE 4.0/4.1) refuses it (api.go Validate:
    // validateIPAddressOrDNSName), and k0sctl v0.32.2 writes the kubeconfig server as
    // `https://<externalAddress>:<api.port>` (pkg/apis/k0sctl.k0sproject.io/v1beta1/cluster/spec.go
    // KubeAPIURL, used by phase/get_kubeconfig.go) — `https://vip:6443:6443` for a written port.
    const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(.*?)(?::(\d+))?(\/.*)?$/i.exec(address);
    const scheme = m?.[1];
    const port = m?.[3];
    const host = m?.[2] ?? address;
    if (scheme || port || m?.[4]) {
      out.push({
        code: 'external-address-port',
        severity: 'error',
        path,
        message: `must be a host name or IP without ${[scheme && 'scheme', port && 'port', m?.[4] && 'path'].filter(Boolean).join(' or ')}`,
        hint: `drop ${[scheme && `\`${scheme}://\``, port && `\`:${port}\``, m?.[4] && `\`${m[4]}\``].filter(Boolean).join(' and ')}; the API port is fixed`,
      });
    } else if (!isIp(host) && !isHostname(host)) {
      out.push({ code: 'invalid-address', severity: 'error', path, message: 'must be an IP address or a DNS name' });
    }
  }
  const controllerCount = spec.hosts.filter((h) => h.role === 'controller+worker').length;
  if (controllerCount > 1 && address === undefined && !cplbEnabled(spec)) {
    out.push({ code: 'external-address-missing', severity: 'warning', path, message: `${controllerCount} controllers but no external address and no control-plane load balancing`, hint: 'set apiServer.externalAddress to a load balancer in front of the controllers' });
  }
  if (nllbEnabled(spec) && address !== undefined) {
    out.push({ code: 'nllb-external-address', severity: 'error', path: ['spec', 'network', 'nllb', 'disabled'], message: 'node-local load balancing cannot be used together with apiServer.externalAddress', hint: 'set network.nllb.disabled: true or remove the external address' });
  }
  if (nllbEnabled(spec) && isSingle(spec)) {
    out.push({ code: 'nllb-single', severity: 'error', path: ['spec', 'network', 'nllb', 'disabled'], message: 'node-local load balancing makes no sense on a single-node cluster', hint: 'set network.nllb.disabled: true' });
  }
  if (cplbEnabled(spec) && isSingle(spec)) {
    out.push({ code: 'cplb-single', severity: 'error', path: ['spec', 'network', spec.network?.controlPlaneLoadBalancing ? 'controlPlaneLoadBalancing' : 'cplb'], message: 'control-plane load balancing cannot be used in a single-node cluster', hint: 'disable it or add controllers' });
  }
  const keepalived = cplbKeepalived(spec);
  const base: Path = spec.network?.controlPlaneLoadBalancing?.keepalived ? ['spec', 'network', 'controlPlaneLoadBalancing', 'keepalived'] : ['spec', 'network', 'cplb', 'controlPlaneLoadBalancing', 'keepalived'];
  keepalived?.vrrpInstances?.forEach((vrrp, i) => {
    // A `${MKE_…}` placeholder is filled at apply time: its length says nothing.
    if (vrrp.authPass.length > 8 && !isSecretPlaceholder(vrrp.authPass)) out.push({ code: 'cplb-auth-pass', severity: 'error', path: [...base, 'vrrpInstances', i, 'authPass'], message: 'authPass must be 8 characters or less (keepalived limit)' });
  });
  // Without a VRRP instance k0s runs no keepalived VIP at all (k0s pkg/apis/k0s/v1beta1/cplb.go: an
  // empty vrrpInstances passes validation), so the cluster has no control-plane address.
  if (cplbEnabled(spec) && !cplbVrrpInstances(spec).length) {
    if (spec.network?.controlPlaneLoadBalancing?.enabled) {
      out.push({ code: 'cplb-no-vip', severity: 'error', path: ['spec', 'network', 'controlPlaneLoadBalancing', 'virtualIPs'], message: 'control-plane load balancing is enabled but names no virtual IP: k0s would run keepalived without one', hint: 'write virtualIPs: ["<VIP>/<netmask>"] (e.g. 172.16.0.100/16) and point apiServer.externalAddress at that VIP' });
    } else {
      out.push({ code: 'required', severity: 'error', path: ['spec', 'network', 'cplb'], message: 'control-plane load balancing needs keepalived.vrrpInstances with virtualIPs and authPass' });
    }
  }
  // Workers and k0sctl's kubeconfig reach the API at api.externalAddress, else at one controller (k0s
  // v1.35.4 pkg/apis/k0s/v1beta1/api.go APIAddressURL, used for join tokens; k0sctl v0.32.2
  // pkg/apis/k0sctl.k0sproject.io/v1beta1/cluster/spec.go KubeAPIURL): without the VIP there, CPLB gives them no HA.
  const vips = cplbVrrpInstances(spec).flatMap((v) => v.virtualIPs.map((ip) => ip.replace(/\/\d+$/, '')));
  const external = externalAddress(spec);
  if (vips.length && (external === undefined || (isIp(external) && !vips.includes(external)))) {
    out.push({
      code: 'cplb-external-address',
      severity: 'warning',
      path: ['spec', 'apiServer', 'externalAddress'],
      // k0sctl's kubeconfig falls back to the first keepalived virtualServers ipAddress (spec.go clusterExternalAddress).
      message: external === undefined ? `control-plane load balancing has virtual IP ${vips[0]}, but apiServer.externalAddress is not set: workers${keepalived?.virtualServers?.some((v) => v.ipAddress) ? '' : ' and the kubeconfig'} reach the API at one controller` : `${external} is not one of the control-plane load balancer's virtual IPs (${vips.join(', ')}): workers and the kubeconfig reach the API there, not at the VIP`,
      hint: `set apiServer.externalAddress: ${vips[0]} (or a DNS name that resolves to it)`,
    });
  }
  // k0s docs/cplb.md (v1.31.1 … v1.35.4): "Keepalived's VirtualServers are not supported with controller + worker".
  const kubeletControllers = spec.hosts.filter((h) => h.role === 'controller+worker' || h.role === 'single').length;
  if (cplbEnabled(spec) && keepalived?.virtualServers?.length && kubeletControllers > 0) {
    out.push({ code: 'cplb-virtual-servers', severity: 'error', path: [...base, 'virtualServers'], message: `keepalived virtualServers (IPVS load balancing) are not supported by k0s on controller+worker nodes, and ${kubeletControllers} controller${kubeletControllers === 1 ? ' runs' : 's run'} workloads`, hint: 'drop virtualServers: k0s then load-balances the API through its userspace reverse proxy on every controller' });
  }
  return out;
}

export function nodePortRules(spec: MkeSpec, release: MkeRelease): RuleFinding[] {
  const out: RuleFinding[] = [];
  const rangeText = spec.network?.nodePortRange;
  const range = parsePortRange(rangeText ?? '32768-35535');
  if (!range || range[0] < 1 || range[1] > 65535 || range[0] >= range[1]) {
    out.push({ code: 'node-port-range', severity: 'error', path: ['spec', 'network', 'nodePortRange'], message: `${JSON.stringify(rangeText)} is not a valid port range`, hint: 'write it as low-high with 1 ≤ low < high ≤ 65535, e.g. 32768-35535' });
    return out;
  }
  const ports: { port: number; path: Path }[] = [];
  // The MKE gateway's ports come first: it is always on from 4.1.3 and its ports are usually the
  // defaults, absent from the file, so a collision is reported on the other port, which the user wrote.
  if (isAtLeast(release, '4.1.3')) {
    for (const key of ['http', 'https'] as const) {
      const p = spec.gatewayMKEIngress?.nodePorts?.[key] ?? (key === 'http' ? 33000 : 33001);
      ports.push({ port: p, path: ['spec', 'gatewayMKEIngress', 'nodePorts', key] });
    }
  }
  const ingress = spec.ingressController;
  if (ingress?.enabled) {
    for (const key of ['http', 'https'] as const) {
      const p = ingress.nodePorts?.[key];
      if (p !== undefined) ports.push({ port: p, path: ['spec', 'ingressController', 'nodePorts', key] });
    }
    for (const kind of ['tcp', 'udp'] as const) {
      for (const [k, v] of Object.entries(ingress.nodePorts?.[kind] ?? {})) {
        if (typeof v === 'number') ports.push({ port: v, path: ['spec', 'ingressController', 'nodePorts', kind, k] });
      }
    }
  }
  const minio = spec.backup?.enabled ? spec.backup.storage_provider?.in_cluster_options?.nodeport : undefined;
  if (minio !== undefined) ports.push({ port: minio, path: ['spec', 'backup', 'storage_provider', 'in_cluster_options', 'nodeport'] });
  const seen = new Map<number, Path>();
  for (const { port, path } of ports) {
    if (port < range[0] || port > range[1]) {
      // A default gateway port (33000/33001) is outside a range the user narrowed: the range is what they wrote.
      const implicit = path[1] === 'gatewayMKEIngress' && port === (path[3] === 'http' ? 33000 : 33001);
      out.push({
        code: 'node-port-range',
        severity: 'error',
        path: implicit ? ['spec', 'network', 'nodePortRange'] : path,
        message: `node port ${port}${implicit ? ` (spec.${path.slice(1).join('.')}, the MKE gateway's default)` : ''} is outside network.nodePortRange ${range[0]}-${range[1]}`,
        hint: `pick a port in ${range[0]}-${range[1]} or widen network.nodePortRange`,
      });
    }
    const first = seen.get(port);
    if (first) out.push({ code: 'node-port-collision', severity: 'error', path, message: `node port ${port} is already used by ${first.join('.')}`, hint: 'give every NodePort its own number' });
    else seen.set(port, path);
  }
  return out;
}

export function registryRules(spec: MkeSpec): RuleFinding[] {
  const out: RuleFinding[] = [];
  const chart = spec.registries?.chartRegistry?.url;
  if (chart !== undefined) {
    if (!chart.startsWith('oci://')) out.push({ code: 'registry-url', severity: 'error', path: ['spec', 'registries', 'chartRegistry', 'url'], message: 'the chart registry must be an OCI registry (oci://…)', hint: 'write it as oci://registry.example.com/mke' });
    else if (chart.endsWith('/')) out.push({ code: 'registry-url', severity: 'error', path: ['spec', 'registries', 'chartRegistry', 'url'], message: 'the chart registry URL must not end with /', hint: 'drop the trailing slash' });
  }
  const image = spec.registries?.imageRegistry?.url;
  if (image !== undefined && (image.endsWith('/') || /^[a-z]+:\/\//.test(image))) {
    out.push({ code: 'registry-url', severity: 'error', path: ['spec', 'registries', 'imageRegistry', 'url'], message: 'the image registry is a host/path without scheme or trailing slash', hint: 'write it as registry.example.com/mke' });
  }
  return out;
}

export function serviceRules(spec: MkeSpec, release: MkeRelease): RuleFinding[] {
  const out: RuleFinding[] = [];
  if (spec.nodeLocalDNS?.enabled) {
    const provider = enabledProviders(spec)[0]?.provider;
    const mode = spec.network?.kubeProxy?.mode ?? 'iptables';
    const ebpf = (cniExtraConfig(spec).linuxDataplane ?? '').toUpperCase() === 'BPF';
    // MKE ships NodeLocalDNS from 4.1.3 on: the `spec.nodeLocalDNS` section first appears in the MKE 4k
    // 4.1.3 docs (docs.mirantis.com/mke4k/4.1.3/configuration/nodelocaldns), and no earlier release lists it.
    if (!isAtLeast(release, '4.1.3')) out.push({ code: 'node-local-dns', severity: 'error', path: ['spec', 'nodeLocalDNS', 'enabled'], message: `NodeLocalDNS is new in MKE 4.1.3; MKE ${release} does not ship it`, hint: 'turn NodeLocalDNS off or upgrade to MKE 4.1.3 or newer' });
    else if (provider !== 'calico') out.push({ code: 'node-local-dns', severity: 'error', path: ['spec', 'nodeLocalDNS', 'enabled'], message: 'NodeLocalDNS needs the Calico CNI', hint: 'enable the calico provider or turn NodeLocalDNS off' });
    else if (mode !== 'iptables' && !(ebpf && isAtLeast(release, '4.2.0'))) out.push({ code: 'node-local-dns', severity: 'error', path: ['spec', 'nodeLocalDNS', 'enabled'], message: `NodeLocalDNS needs kube-proxy in iptables mode (found ${mode})`, hint: 'set network.kubeProxy.mode: iptables (or use Calico eBPF on 4.2)' });
  }
  return out;
}
