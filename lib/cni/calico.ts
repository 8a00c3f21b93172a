/**
 * `Calico`: the default MKE CNI. MKE 4.1+ installs it with the Tigera operator Helm chart at
 * bootstrap and tells k0s `network.provider: custom`; MKE 4.0 used k0s' built-in `calico` provider.
 */
import { Construct } from 'constructs';
import { DEFAULT_CHART_REGISTRY, NEWEST_RELEASE, releaseInfo } from '../config/releases';
import type { K0sCalico, K0sHelmChart, K0sHelmRepository } from '../k0s-shapes';
import { chartReference, CniChart, CniNetwork, ICni, repositoryFor } from './cni';
import { tigeraValues } from './tigera-values';

/** Helm release name of the Tigera operator chart: stable, never renamed (k0s#4698). */
export const TIGERA_RELEASE_NAME = 'tigera-operator';
/** `order` of the CNI chart: before everything else (k0s ≤ 1.35 applies charts by order). */
export const CNI_CHART_ORDER = 10;

export interface CalicoProps {
  /**
   * Pod network (IPv4 CIDR).
   * @default '192.168.0.0/16'
   */
  readonly podCidr?: string;
  /**
   * Who installs Calico: the Tigera operator chart (MKE 4.1+) or k0s' built-in manifests (MKE 4.0).
   * @default 'tigera-operator'
   */
  readonly installer?: 'tigera-operator' | 'k0s';
  /**
   * Calico data plane (Tigera `installation.calicoNetwork.linuxDataplane`).
   * @default 'Iptables'
   */
  readonly linuxDataplane?: string;
  /**
   * CNI log severity (Tigera `installation.logging.cni.logSeverity`).
   * @default 'Info'
   */
  readonly logLevel?: string;
  /**
   * Complete Tigera operator values, used verbatim instead of the generated ones.
   * @default - generated from podCidr, linuxDataplane, logLevel and kubeletVolumePluginPath
   */
  readonly valuesYaml?: string;
  /**
   * Kubelet root dir in effect, where Calico's flexvolume plugin goes.
   * @default '/var/lib/k0s/kubelet'
   */
  readonly kubeletVolumePluginPath?: string;
  /**
   * Image registry for the Calico images (airgapped clusters).
   * @default - the Tigera operator's own default registry
   */
  readonly imageRegistry?: string;
  /**
   * Pin the Calico control plane (typha, kube-controllers) to controllers (MKE 4.2).
   * @default false
   */
  readonly controlPlaneOnControllers?: boolean;
  /**
   * kube-apiserver's node port range (`32768-35535`) when kube-proxy runs in ipvs mode: written to
   * Felix's `kubeNodePortRanges` (Felix reads it only in ipvs mode).
   * @default - not written (Felix's default 30000:32767)
   */
  readonly ipvsNodePortRange?: string;
  /**
   * The Tigera operator chart.
   * @default - `tigera-operator` of the newest MKE release, from oci://registry.mirantis.com/mke
   */
  readonly chart?: CniChart;
  /**
   * k0s built-in calico settings (only with `installer: 'k0s'`).
   * @default { mode: 'vxlan' }
   * @see https://docs.k0sproject.io/stable/configuration/#specnetworkcalico
   */
  readonly builtIn?: K0sCalico;
}

/** Calico's part of k0s `spec.network`: `custom` with the Tigera chart, `calico` with k0s' manifests. */
export function toCalicoNetwork(props: CalicoProps): CniNetwork {
  const podCIDR = props.podCidr ?? '192.168.0.0/16';
  if (props.installer === 'k0s') return { provider: 'calico', podCIDR, calico: props.builtIn ?? { mode: 'vxlan' } };
  return { provider: 'custom', podCIDR };
}

export class Calico extends Construct implements ICni {
  readonly podCidr: string;
  readonly installer: 'tigera-operator' | 'k0s';
  readonly chart: CniChart;
  private readonly props: CalicoProps;

  constructor(scope: Construct, id: string, props: CalicoProps = {}) {
    super(scope, id);
    this.props = props;
    this.podCidr = props.podCidr ?? '192.168.0.0/16';
    this.installer = props.installer ?? 'tigera-operator';
    const newest = releaseInfo(NEWEST_RELEASE).charts['tigera-operator'];
    this.chart = props.chart ?? { name: 'tigera-operator', version: newest?.version ?? '0.0.0', repository: DEFAULT_CHART_REGISTRY };
  }

  k0sNetwork(): CniNetwork {
    return toCalicoNetwork(this.props);
  }

  helmRepositories(): K0sHelmRepository[] {
    return this.installer === 'k0s' ? [] : [repositoryFor(this.chart)];
  }

  helmCharts(): K0sHelmChart[] {
    if (this.installer === 'k0s') return [];
    return [
      {
        name: TIGERA_RELEASE_NAME,
        chartname: chartReference(this.chart),
        version: this.chart.version,
        namespace: 'tigera-operator',
        values: this.values(),
        order: CNI_CHART_ORDER,
      },
    ];
  }

  /** The Helm values string given to the Tigera operator chart. */
  values(): string {
    if (this.props.valuesYaml !== undefined) return this.props.valuesYaml.endsWith('\n') ? this.props.valuesYaml : `${this.props.valuesYaml}\n`;
    return tigeraValues({
      podCidr: this.podCidr,
      linuxDataplane: this.props.linuxDataplane ?? 'Iptables',
      logLevel: this.props.logLevel ?? 'Info',
      kubeletVolumePluginPath: this.props.kubeletVolumePluginPath ?? '/var/lib/k0s/kubelet',
      imageRegistry: this.props.imageRegistry,
      controlPlaneOnControllers: this.props.controlPlaneOnControllers,
      chartVersion: this.chart.version,
      ipvsNodePortRange: this.props.ipvsNodePortRange,
    });
  }
}
