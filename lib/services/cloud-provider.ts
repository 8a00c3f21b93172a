/**
 * AWS cloud controller manager (MKE 4k docs, docs.mirantis.com): `cloudProvider.enabled` with
 * `provider: aws`, in `kube-system`. `provider: external` means bring your own CCM: nothing is
 * installed. Values inferred: run on control-plane nodes.
 */
import { Construct } from 'constructs';
import { ServiceRelease, SystemService, SystemServiceProps } from './system-service';
import { k0sControllerTolerations } from './tolerations';

export interface CloudProviderProps extends SystemServiceProps {
  /**
   * `aws` installs the AWS CCM; `external` installs nothing (your own CCM).
   * @see mke4.yaml `cloudProvider.provider`
   * @default 'aws'
   */
  readonly provider?: 'aws' | 'external';
}

/**
 * [inf] The CCM runs on control-plane nodes (k0s labels them `node-role.kubernetes.io/control-plane=true`)
 * and tolerates their taints: the k0s controller taint under both of its keys (`./tolerations`; MKE
 * 4.2's k0s 1.35 taints `node-role.kubernetes.io/control-plane`, which a `master`-only list leaves the
 * CCM Pending on, and every node then keeps `uninitialized`), and the uninitialized-node taint
 * (kubernetes/cloud-provider-aws charts/aws-cloud-controller-manager/values.yaml `tolerations`,
 * which these values replace).
 */
export function awsCloudControllerValues(): Record<string, unknown> {
  return {
    nodeSelector: { 'node-role.kubernetes.io/control-plane': 'true' },
    tolerations: [...k0sControllerTolerations(), { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' }],
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
