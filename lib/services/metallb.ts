/**
 * MetalLB (MKE 4k docs, docs.mirantis.com): chart `metallb` in `metallb-system`. 4.2 switches it on with
 * `metallb.enabled`; 4.0/4.1 files carry it as an `addons[]` chart (handled by `Addon`). IP pools
 * and advertisements are user objects: add them with `addIpAddressPool` & co.
 */
import { Construct } from 'constructs';
import { isAtLeast } from '../config/releases';
import { BgpAdvertisement, BgpAdvertisementProps, BgpPeer, BgpPeerProps, IpAddressPool, IpAddressPoolProps, L2Advertisement, L2AdvertisementProps } from './metallb-objects';
import { ServiceRelease, SystemService, SystemServiceProps } from './system-service';
import { k0sControllerTolerations } from './tolerations';

export interface MetalLbProps extends SystemServiceProps {
  /**
   * Let the MetalLB controller run on manager nodes (the toleration MKE's default values set).
   * @default true
   */
  readonly tolerateManagers?: boolean;
  /**
   * Run the speaker with FRR (needed for BFD and some BGP features).
   * @default false
   */
  readonly frr?: boolean;
}

/**
 * MKE's documented default values: controller tolerates managers, FRR off [doc]. The documented
 * toleration names the k0s 1.32 taint key `node-role.kubernetes.io/master`; k0s 1.33+ (MKE 4.2)
 * taints `node-role.kubernetes.io/control-plane`, so both keys are tolerated (`./tolerations`),
 * as the chart's own speaker does (metallb charts/metallb/templates/speaker.yaml `tolerateMaster`).
 */
export function metalLbValues(p: MetalLbProps): Record<string, unknown> {
  const values: Record<string, unknown> = { speaker: { frr: { enabled: p.frr ?? false } } };
  if (p.tolerateManagers ?? true) {
    values.controller = { tolerations: k0sControllerTolerations() };
  }
  return values;
}

/**
 * MetalLB (https://metallb.io), chart `metallb` in `metallb-system`: LoadBalancer addresses on bare
 * metal. Address pools and advertisements are typed objects added with `addIpAddressPool` & co.;
 * they land in `extras/50-extras.yaml`, applied after MetalLB's CRDs exist.
 *
 * @example
 * const lb = new MetalLb(cluster, 'metallb');
 * lb.addIpAddressPool('pool', { addresses: ['192.0.2.10-192.0.2.20'] });
 * lb.addL2Advertisement('l2', { ipAddressPools: ['pool'] });
 */
export class MetalLb extends SystemService {
  readonly props: MetalLbProps;

  constructor(scope: Construct, id: string, props: MetalLbProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  /** The namespace MetalLB runs in (and reads its pools from). */
  get namespace(): string {
    return this.namespaceOr('metallb-system');
  }

  toMkeConfig(): Record<string, unknown> {
    if (isAtLeast(this.release, '4.2.0')) return { metallb: { enabled: true } };
    // Before 4.2 MetalLB is an addons[] chart (merged by name with the file's own entries).
    const chart = this.chartFor('metallb');
    return {
      addons: [
        {
          name: 'metallb',
          kind: 'chart',
          enabled: true,
          dryRun: false,
          namespace: this.namespace,
          chart: { name: chart.name, repo: chart.repository ?? 'https://metallb.github.io/metallb', version: chart.version, values: metalLbValues(this.props) },
        },
      ],
    };
  }

  toReleases(): ServiceRelease[] {
    return [{ name: 'metallb', namespace: this.namespace, chart: this.chartFor('metallb'), values: this.withExtraValues(metalLbValues(this.props)), dependsOn: [] }];
  }

  addIpAddressPool(id: string, props: IpAddressPoolProps): IpAddressPool {
    return new IpAddressPool(this, id, { namespace: this.namespace, ...props });
  }

  addL2Advertisement(id: string, props: L2AdvertisementProps = {}): L2Advertisement {
    return new L2Advertisement(this, id, { namespace: this.namespace, ...props });
  }

  addBgpPeer(id: string, props: BgpPeerProps): BgpPeer {
    return new BgpPeer(this, id, { namespace: this.namespace, ...props });
  }

  addBgpAdvertisement(id: string, props: BgpAdvertisementProps): BgpAdvertisement {
    return new BgpAdvertisement(this, id, { namespace: this.namespace, ...props });
  }
}
