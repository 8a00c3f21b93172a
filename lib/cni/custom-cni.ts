/**
 * `CustomCni`: k0s deploys no CNI (`network.provider: custom`); the user brings one (e.g. Cilium as a
 * user service). k0s still needs the pod CIDR for node CIDR allocation.
 */
import { Construct } from 'constructs';
import type { K0sHelmChart, K0sHelmRepository } from '../k0s-shapes';
import type { CniNetwork, ICni } from './cni';

export interface CustomCniProps {
  /**
   * Pod network the user's CNI uses.
   * @default '10.244.0.0/16'
   */
  readonly podCidr?: string;
}

export class CustomCni extends Construct implements ICni {
  readonly podCidr: string;

  constructor(scope: Construct, id: string, props: CustomCniProps = {}) {
    super(scope, id);
    this.podCidr = props.podCidr ?? '10.244.0.0/16';
  }

  k0sNetwork(): CniNetwork {
    return { provider: 'custom', podCIDR: this.podCidr };
  }

  helmRepositories(): K0sHelmRepository[] {
    return [];
  }

  helmCharts(): K0sHelmChart[] {
    return [];
  }
}
