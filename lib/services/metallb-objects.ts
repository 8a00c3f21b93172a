/**
 * Typed MetalLB objects users add beside the MetalLB service (MKE does not manage IP pools,
 * MKE 4k docs). They need MetalLB's CRDs, so MkeCluster puts them in 50-extras.
 * Fields follow the metallb.io v1beta1 / v1beta2 APIs; each class is the typed L1 class of its kind
 * (imports/metallb.io.ts) with props in our naming.
 */
import { Construct } from 'constructs';
import * as metallb from '../../imports/metallb.io';
import { SUBSTITUTE_DISABLED } from './system-service';

/** Common metadata of the MetalLB objects. */
export interface MetalLbObjectProps {
  /**
   * Object name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace (MetalLB only reads its own namespace).
   * @default 'metallb-system'
   */
  readonly namespace?: string;
}

export interface IpAddressPoolProps extends MetalLbObjectProps {
  /** Address ranges or CIDRs, e.g. `192.0.2.10-192.0.2.20` or `198.51.100.0/28`. */
  readonly addresses: readonly string[];
  /**
   * Assign addresses from this pool automatically.
   * @default true
   */
  readonly autoAssign?: boolean;
  /**
   * Skip `.0` and `.255` addresses.
   * @default false
   */
  readonly avoidBuggyIPs?: boolean;
}

export interface L2AdvertisementProps extends MetalLbObjectProps {
  /**
   * Pools announced; empty = all pools.
   * @default - all pools
   */
  readonly ipAddressPools?: readonly string[];
  /**
   * Interfaces to announce from.
   * @default - all interfaces
   */
  readonly interfaces?: readonly string[];
}

export interface BgpPeerProps extends MetalLbObjectProps {
  /** Peer address. */
  readonly peerAddress: string;
  /** Peer AS number. */
  readonly peerASN: number;
  /** Our AS number. */
  readonly myASN: number;
  /**
   * Peer port.
   * @default 179
   */
  readonly peerPort?: number;
  /**
   * Hold time, a Go duration.
   * @default - MetalLB default (90s)
   */
  readonly holdTime?: string;
}

export interface BgpAdvertisementProps extends MetalLbObjectProps {
  /**
   * Pools announced.
   * @default - all pools
   */
  readonly ipAddressPools?: readonly string[];
  /**
   * BGP communities attached to the announcements.
   * @default - none
   */
  readonly communities?: readonly string[];
  /**
   * Prefix length of the announcements (IPv4).
   * @default 32
   */
  readonly aggregationLength?: number;
}

function meta(id: string, props: MetalLbObjectProps) {
  return { name: props.name ?? id, namespace: props.namespace ?? 'metallb-system', annotations: { ...SUBSTITUTE_DISABLED } };
}

function list(values: readonly string[] | undefined): string[] | undefined {
  return values === undefined ? undefined : [...values];
}

export class IpAddressPool extends metallb.IpAddressPool {
  constructor(scope: Construct, id: string, props: IpAddressPoolProps) {
    super(scope, id, {
      metadata: meta(id, props),
      spec: { addresses: [...props.addresses], autoAssign: props.autoAssign, avoidBuggyIPs: props.avoidBuggyIPs },
    });
  }
}

export class L2Advertisement extends metallb.L2Advertisement {
  constructor(scope: Construct, id: string, props: L2AdvertisementProps = {}) {
    super(scope, id, {
      metadata: meta(id, props),
      spec: { ipAddressPools: list(props.ipAddressPools), interfaces: list(props.interfaces) },
    });
  }
}

export class BgpPeer extends metallb.BgpPeer {
  constructor(scope: Construct, id: string, props: BgpPeerProps) {
    super(scope, id, {
      metadata: meta(id, props),
      // The L1 names are camelCase (`peerAsn`); its toJson writes MetalLB's `peerASN`/`myASN`.
      spec: { peerAddress: props.peerAddress, peerAsn: props.peerASN, myAsn: props.myASN, peerPort: props.peerPort, holdTime: props.holdTime },
    });
  }
}

export class BgpAdvertisement extends metallb.BgpAdvertisement {
  constructor(scope: Construct, id: string, props: BgpAdvertisementProps = {}) {
    super(scope, id, {
      metadata: meta(id, props),
      spec: { ipAddressPools: list(props.ipAddressPools), communities: list(props.communities), aggregationLength: props.aggregationLength },
    });
  }
}
