/**
 * NodeLocalDNS (4.1.3+, MKE 4k docs): a caching DNS DaemonSet in `kube-system`
 * (`node-local-dns`, as in MKE 3). The chart is unpublished (catalog: unverified); value keys are
 * inferred. Needs Calico and kube-proxy iptables mode (rules check that).
 */
import { Construct } from 'constructs';
import * as ipaddr from 'ipaddr.js';
import type { MkeSpec } from '../config/types';
import { compact, plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';

type NodeLocalDnsSection = NonNullable<MkeSpec['nodeLocalDNS']>;

export interface NodeLocalDnsProps extends SystemServiceProps {
  /**
   * Keep the node-local configuration across restarts. @see mke4.yaml `nodeLocalDNS.nodeLocalConfigPersist`
   * @default false
   */
  readonly nodeLocalConfigPersist?: boolean;
  /**
   * DaemonSet resources. @see mke4.yaml `nodeLocalDNS.resources`
   * @default - requests cpu 25m, memory 5Mi (MKE docs)
   */
  readonly resources?: NodeLocalDnsSection['resources'];
  /**
   * Service CIDR; the cluster DNS address (its 10th address, k0s' CoreDNS Service) is the upstream.
   * @default '10.96.0.0/16'
   */
  readonly serviceCidr?: string;
}

/** The k0s CoreDNS Service address: the 10th address of the service CIDR (`10.96.0.10`). */
export function clusterDnsAddress(serviceCidr: string): string {
  const [network] = ipaddr.parseCIDR(serviceCidr);
  const bytes = network.toByteArray();
  bytes[bytes.length - 1] += 10;
  return ipaddr.fromByteArray(bytes).toString();
}

/** mke4.yaml `nodeLocalDNS` → values [inf]. */
export function nodeLocalDnsValues(p: NodeLocalDnsProps): Record<string, unknown> {
  const requests = { cpu: '25m', memory: '5Mi', ...(plain(p.resources?.requests) as Record<string, unknown> | undefined) };
  const limits = plain(p.resources?.limits) as Record<string, unknown> | undefined;
  return compact({
    config: { localDnsIp: '169.254.20.10', clusterDnsIp: clusterDnsAddress(p.serviceCidr ?? '10.96.0.0/16'), persist: p.nodeLocalConfigPersist ?? false },
    resources: { requests, limits: limits && Object.keys(limits).length ? limits : undefined },
  });
}

/**
 * NodeLocal DNSCache (https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/): a caching
 * DNS DaemonSet `node-local-dns` in `kube-system` (MKE 4.1.3+). Needs Calico and kube-proxy in
 * iptables mode.
 *
 * @example
 * new NodeLocalDns(cluster, 'node-local-dns', { serviceCidr: '10.96.0.0/16' });
 */
export class NodeLocalDns extends SystemService {
  readonly props: NodeLocalDnsProps;

  constructor(scope: Construct, id: string, props: NodeLocalDnsProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  toMkeConfig(): Record<string, unknown> {
    return { nodeLocalDNS: compact({ enabled: true, nodeLocalConfigPersist: this.props.nodeLocalConfigPersist, resources: plain(this.props.resources) }) };
  }

  toReleases(): ServiceRelease[] {
    return [{ name: 'node-local-dns', namespace: this.namespaceOr('kube-system'), chart: this.chartFor('node-local-dns'), values: this.withExtraValues(nodeLocalDnsValues(this.props)), dependsOn: [] }];
  }
}
