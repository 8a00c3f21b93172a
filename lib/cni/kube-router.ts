/** `KubeRouter`: k0s' built-in kube-router provider (MKE `provider: kuberouter`). */
import { Construct } from 'constructs';
import type { K0sHelmChart, K0sHelmRepository, StringMap } from '../k0s-shapes';
import type { CniNetwork, ICni } from './cni';

export interface KubeRouterProps {
  /**
   * Pod network (IPv4 CIDR).
   * @default '10.244.0.0/16'
   */
  readonly podCidr?: string;
  /**
   * Extra kube-router flags, name → value (MKE extraConfig keys other than `cidrV4`, e.g. `v: "5"`).
   * @default {}
   */
  readonly extraArgs?: StringMap;
}

/** kube-router's part of k0s `spec.network`; extra MKE keys become kube-router flags (sorted). */
export function toKubeRouterNetwork(props: KubeRouterProps): CniNetwork {
  const podCIDR = props.podCidr ?? '10.244.0.0/16';
  const args = props.extraArgs ?? {};
  const keys = Object.keys(args).sort();
  if (!keys.length) return { provider: 'kuberouter', podCIDR };
  const extraArgs: Record<string, string> = {};
  for (const k of keys) extraArgs[k] = args[k];
  return { provider: 'kuberouter', podCIDR, kuberouter: { extraArgs } };
}

export class KubeRouter extends Construct implements ICni {
  readonly podCidr: string;
  readonly extraArgs: StringMap;

  constructor(scope: Construct, id: string, props: KubeRouterProps = {}) {
    super(scope, id);
    this.podCidr = props.podCidr ?? '10.244.0.0/16';
    this.extraArgs = props.extraArgs ?? {};
  }

  k0sNetwork(): CniNetwork {
    return toKubeRouterNetwork({ podCidr: this.podCidr, extraArgs: this.extraArgs });
  }

  helmRepositories(): K0sHelmRepository[] {
    return [];
  }

  helmCharts(): K0sHelmChart[] {
    return [];
  }
}
