/**
 * AWS cloud controller manager (MKE 4k docs, docs.mirantis.com): `cloudProvider.enabled` with
 * `provider: aws`, in `kube-system`. `provider: external` means bring your own CCM: nothing is
 * installed. Values inferred: run on control-plane nodes.
 */
import { Construct } from 'constructs';
import { ServiceRelease, SystemService, SystemServiceProps } from './system-service';

export interface CloudProviderProps extends SystemServiceProps {
  /**
   * `aws` installs the AWS CCM; `external` installs nothing (your own CCM).
   * @see mke4.yaml `cloudProvider.provider`
   * @default 'aws'
   */
  readonly provider?: 'aws' | 'external';
}

/** [inf] The CCM runs on control-plane nodes and tolerates their taints. */
export function awsCloudControllerValues(): Record<string, unknown> {
  return {
    nodeSelector: { 'node-role.kubernetes.io/control-plane': 'true' },
    tolerations: [
      { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' },
    ],
  };
}

/**
 * The AWS cloud controller manager (https://github.com/kubernetes/cloud-provider-aws) in
 * `kube-system`, on control-plane nodes. `provider: 'external'` means you bring your own: nothing is
 * installed.
 *
 * @example
 * new CloudProvider(cluster, 'cloud-provider', { provider: 'aws' });
 */
export class CloudProvider extends SystemService {
  readonly provider: 'aws' | 'external';

  constructor(scope: Construct, id: string, props: CloudProviderProps = {}) {
    super(scope, id, props);
    this.provider = props.provider ?? 'aws';
  }

  toMkeConfig(): Record<string, unknown> {
    return { cloudProvider: { enabled: true, provider: this.provider } };
  }

  toReleases(): ServiceRelease[] {
    if (this.provider !== 'aws') return [];
    return [{ name: 'aws-cloud-controller-manager', namespace: this.namespaceOr('kube-system'), chart: this.chartFor('aws-cloud-controller-manager'), values: this.withExtraValues(awsCloudControllerValues()), dependsOn: [] }];
  }
}
