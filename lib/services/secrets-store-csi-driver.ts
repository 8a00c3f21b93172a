/**
 * Secrets Store CSI driver (MKE 4.2 `spec.secretsStoreCSIDriver`, MKE 4k docs): mounts secrets
 * from external stores as volumes. MKE publishes no chart table for 4.2, so the catalog entry
 * (upstream chart `secrets-store-csi-driver`) is unverified; the Helm value names below are those of
 * the upstream chart (kubernetes-sigs/secrets-store-csi-driver `charts/…/values.yaml`) matched to
 * the mke4.yaml keys — inferred, since mke-operator's rendering is not public.
 */
import { Construct } from 'constructs';
import type { Diagnostic } from '../config/diagnostics';
import { compact, ServiceRelease, SystemService, SystemServiceProps } from './system-service';

/** Release name and namespace: the upstream chart's usual install (MKE's are unpublished) [inf]. */
export const SECRETS_STORE_CSI_RELEASE = 'secrets-store-csi-driver';

export interface SecretsStoreCsiDriverProps extends SystemServiceProps {
  /**
   * Whether the driver's pods mount a service account token.
   * @see mke4.yaml `secretsStoreCSIDriver.automountServiceAccountToken`
   * @default true
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Run the driver DaemonSet on Linux nodes.
   * @see mke4.yaml `secretsStoreCSIDriver.linux.enabled`
   * @default true
   */
  readonly linux?: boolean;
  /**
   * Run the driver DaemonSet on Windows nodes.
   * @see mke4.yaml `secretsStoreCSIDriver.windows.enabled`
   * @default false
   */
  readonly windows?: boolean;
  /**
   * Largest gRPC response, in bytes, the driver accepts from a provider plugin.
   * @see mke4.yaml `secretsStoreCSIDriver.maxCallRecvMsgSize`
   * @default 4194304
   */
  readonly maxCallRecvMsgSize?: number;
  /**
   * Also sync mounted content into Kubernetes Secrets (installs the RBAC that needs).
   * @see mke4.yaml `secretsStoreCSIDriver.syncSecret`
   * @default false
   */
  readonly syncSecret?: boolean;
  /**
   * The kubelet root dir of the Linux nodes, where the driver registers its socket and mounts
   * volumes; a wrong path leaves every volume unmounted (as for Calico).
   * @default - the chart's default, `/var/lib/kubelet`
   */
  readonly kubeletRootDir?: string;
}

/**
 * mke4.yaml `secretsStoreCSIDriver` → chart values. Mappings [inf]: `linux.enabled`,
 * `windows.enabled`, `maxCallRecvMsgSize`, `syncSecret.enabled` are upstream value names;
 * `automountServiceAccountToken` is not a value of the upstream chart (kubernetes-sigs/
 * secrets-store-csi-driver charts/secrets-store-csi-driver/values.yaml 1.5.4), which Helm would
 * ignore, so it is not written: pods mount the token (the Kubernetes default), and `false` is
 * reported by `k0rdentWarnings`; `linux.kubeletRootDir` comes from
 * `kubelet.kubeletRootDir`, not from this section. Only what is set is written.
 */
export function secretsStoreCsiDriverValues(p: SecretsStoreCsiDriverProps): Record<string, unknown> {
  return compact({
    linux: p.linux !== undefined || p.kubeletRootDir !== undefined ? compact({ enabled: p.linux, kubeletRootDir: p.kubeletRootDir }) : undefined,
    windows: p.windows !== undefined ? { enabled: p.windows } : undefined,
    maxCallRecvMsgSize: p.maxCallRecvMsgSize,
    syncSecret: p.syncSecret !== undefined ? { enabled: p.syncSecret } : undefined,
  });
}

/**
 * The Secrets Store CSI driver (https://secrets-store-csi-driver.sigs.k8s.io): mounts secrets from
 * external stores (Vault, cloud key stores) as volumes; MKE 4.2's `spec.secretsStoreCSIDriver`.
 *
 * @example
 * new SecretsStoreCsiDriver(cluster, 'csi', { syncSecret: true });
 */
export class SecretsStoreCsiDriver extends SystemService {
  readonly props: SecretsStoreCsiDriverProps;

  constructor(scope: Construct, id: string, props: SecretsStoreCsiDriverProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  /** The mke4.yaml section itself; the kubelet root dir is not part of it. */
  toMkeConfig(): Record<string, unknown> {
    const p = this.props;
    return {
      secretsStoreCSIDriver: compact({
        enabled: true,
        automountServiceAccountToken: p.automountServiceAccountToken,
        linux: p.linux !== undefined ? { enabled: p.linux } : undefined,
        windows: p.windows !== undefined ? { enabled: p.windows } : undefined,
        maxCallRecvMsgSize: p.maxCallRecvMsgSize,
        syncSecret: p.syncSecret,
      }),
    };
  }

  /** Nothing before MKE 4.2 (no chart in the catalog) unless a `chart` override is given. */
  toReleases(): ServiceRelease[] {
    if (!this.shipped()) return [];
    return [
      {
        name: SECRETS_STORE_CSI_RELEASE,
        namespace: this.namespaceOr('kube-system'),
        chart: this.chartFor('secrets-store-csi-driver'),
        values: this.withExtraValues(secretsStoreCsiDriverValues(this.props)),
        dependsOn: [],
      },
    ];
  }

  k0rdentWarnings(): Diagnostic[] {
    if (this.shipped()) {
      if (this.props.automountServiceAccountToken !== false) return [];
      return [
        {
          code: 'delivery-unsupported',
          severity: 'warning',
          path: 'spec.secretsStoreCSIDriver.automountServiceAccountToken',
          message: 'k0rdent delivery cannot turn off automountServiceAccountToken: the upstream secrets-store-csi-driver chart has no value for it',
          hint: 'use operator delivery, or a chart that supports it through the service `chart` override and `extraValues`',
        },
      ];
    }
    return [
      {
        code: 'delivery-unsupported',
        severity: 'warning',
        path: 'spec.secretsStoreCSIDriver',
        message: `MKE ${this.release} ships no Secrets Store CSI driver chart (MKE 4.2 and later do); k0rdent delivery skips it`,
        hint: 'upgrade to MKE 4.2, or give the service a `chart: {name, version, repository}` override',
      },
    ];
  }

  private shipped(): boolean {
    return this.base.chart !== undefined || this.catalogHas('secrets-store-csi-driver');
  }
}
