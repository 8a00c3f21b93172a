/**
 * NodeLocalDNS (4.1.3+, MKE 4k docs): a caching DNS DaemonSet in `kube-system`
 * (`node-local-dns`, as in MKE 3). The chart is unpublished (catalog: unverified); value keys are
 * inferred. Needs Calico and kube-proxy iptables mode (rules check that).
 */
import { Construct } from 'constructs';
import * as ipaddr from 'ipaddr.js';
import type { Diagnostic } from '../config/diagnostics';
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
   * Service CIDR of the cluster.
   * @deprecated not written: the chart reaches the cluster DNS through the `kube-dns` Service name.
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

/** The node-local DNS address MKE uses (the well-known NodeLocal DNSCache link-local address). */
export const NODE_LOCAL_DNS_IP = '169.254.20.10';

/**
 * mke4.yaml `nodeLocalDNS` → values. MKE's chart is not public; the keys are those of the public
 * chart with the same layout, lablabs/k8s-nodelocaldns-helm charts/node-local-dns/values.yaml (2.1.0):
 * `config.localDnsIp` (the `-localip` flag and the Corefile `bind`) and `resources`. That chart finds
 * the cluster DNS through `image.args.upstreamSvc: kube-dns`, the name of k0s's CoreDNS Service,
 * so no address is passed. `nodeLocalConfigPersist` has no key there and is not written (see
 * `k0rdentWarnings`).
 */
export function nodeLocalDnsValues(p: NodeLocalDnsProps): Record<string, unknown> {
  const requests = { cpu: '25m', memory: '5Mi', ...(plain(p.resources?.requests) as Record<string, unknown> | undefined) };
  const limits = plain(p.resources?.limits) as Record<string, unknown> | undefined;
  return compact({
    config: { localDnsIp: NODE_LOCAL_DNS_IP },
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

  /** `nodeLocalConfigPersist` has no counterpart in the public chart's values. */
  k0rdentWarnings(): Diagnostic[] {
    if (!this.props.nodeLocalConfigPersist) return [];
    return [
      {
        code: 'delivery-unsupported',
        severity: 'warning',
        path: 'spec.nodeLocalDNS.nodeLocalConfigPersist',
        message: 'k0rdent delivery cannot set nodeLocalConfigPersist: the public node-local-dns chart has no value for it',
        hint: 'set it through the chart of your registry with the service `extraValues`, or use operator delivery',
      },
    ];
  }

  toReleases(): ServiceRelease[] {
    return [{ name: 'node-local-dns', namespace: this.namespaceOr('kube-system'), chart: this.chartFor('node-local-dns'), values: this.withExtraValues(nodeLocalDnsValues(this.props)), dependsOn: [] }];
  }
}
