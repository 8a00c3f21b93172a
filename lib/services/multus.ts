/**
 * Multus (MKE 4k docs, docs.mirantis.com): `network.multus.enabled`, DaemonSet `kube-multus-ds` in
 * `kube-system`, chart unpublished (catalog: unverified). Secondary networks are user objects:
 * `addNetworkAttachment` adds a typed NetworkAttachmentDefinition (k8s.cni.cncf.io/v1).
 */
import { Construct } from 'constructs';
import * as cni from '../../imports/k8s.cni.cncf.io';
import { ServiceRelease, SUBSTITUTE_DISABLED, SystemService, SystemServiceProps } from './system-service';

export type MultusProps = SystemServiceProps;

export interface NetworkAttachmentDefinitionProps {
  /**
   * Object name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace where pods may attach to the network.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * The CNI configuration (a JSON object, written as the JSON string the CRD expects).
   * Omitted: the object refers to a configuration file on the nodes with the same name.
   * @default - none
   */
  readonly config?: Readonly<Record<string, unknown>>;
  /**
   * Resource name annotation (`k8s.v1.cni.cncf.io/resourceName`), e.g. for SR-IOV.
   * @default - none
   */
  readonly resourceName?: string;
}

/** The typed L1 class of the kind (imports/k8s.cni.cncf.io.ts), with props in our naming. */
export class NetworkAttachmentDefinition extends cni.NetworkAttachmentDefinition {
  constructor(scope: Construct, id: string, props: NetworkAttachmentDefinitionProps = {}) {
    super(scope, id, {
      metadata: {
        name: props.name ?? id,
        namespace: props.namespace ?? 'default',
        annotations: { ...SUBSTITUTE_DISABLED, ...(props.resourceName ? { 'k8s.v1.cni.cncf.io/resourceName': props.resourceName } : {}) },
      },
      spec: props.config ? { config: JSON.stringify(props.config) } : {},
    });
  }
}

/**
 * Multus CNI (https://github.com/k8snetworkplumbingwg/multus-cni): several network interfaces per pod,
 * DaemonSet `kube-multus-ds` in `kube-system`. Secondary networks are typed
 * NetworkAttachmentDefinitions added with `addNetworkAttachment`.
 *
 * @example
 * new Multus(cluster, 'multus').addNetworkAttachment('macvlan', {
 *   config: { cniVersion: '0.3.1', type: 'macvlan', master: 'eth1', ipam: { type: 'dhcp' } },
 * });
 */
export class Multus extends SystemService {
  constructor(scope: Construct, id: string, props: MultusProps = {}) {
    super(scope, id, props);
  }

  toMkeConfig(): Record<string, unknown> {
    return { network: { multus: { enabled: true } } };
  }

  toReleases(): ServiceRelease[] {
    return [{ name: 'multus', namespace: this.namespaceOr('kube-system'), chart: this.chartFor('multus'), values: this.withExtraValues({}), dependsOn: [] }];
  }

  addNetworkAttachment(id: string, props: NetworkAttachmentDefinitionProps = {}): NetworkAttachmentDefinition {
    return new NetworkAttachmentDefinition(this, id, props);
  }
}
