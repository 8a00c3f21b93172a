/**
 * Backup (MKE 4k docs, docs.mirantis.com): Velero in `mke`, with MinIO in the cluster
 * (`storage_provider.type: InCluster`) or an external S3 bucket, and an optional schedule. Bundled
 * through 4.1.1. The S3 credentials are a Secret the user creates (a local credentials file never
 * reaches the output). Value keys are inferred from the upstream velero and Bitnami minio charts.
 */
import { Construct } from 'constructs';
import type { MkeSpec } from '../config/types';
import { ChartOverride, compact, plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';

type BackupSection = NonNullable<MkeSpec['backup']>;

export interface BackupProps extends SystemServiceProps {
  /**
   * Periodic backups. @see mke4.yaml `backup.scheduled_backup`
   * @default - no schedule
   */
  readonly scheduledBackup?: BackupSection['scheduled_backup'];
  /**
   * Where backups go. @see mke4.yaml `backup.storage_provider`
   * @default - in-cluster MinIO with Secret `minio-credentials` and its console on
   */
  readonly storageProvider?: BackupSection['storage_provider'];
  /**
   * Secret (in the backup namespace) with Velero's S3 credentials file under key `cloud`; the user
   * creates it from the file named by `external_options.credentials_file_path`.
   * @default 'velero-credentials'
   */
  readonly credentialsSecretName?: string;
  /**
   * Chart override for MinIO.
   * @default - from the release catalog
   */
  readonly minioChart?: ChartOverride;
}

/** Cron expression used when scheduled backups are on without a schedule [inf]. */
export const DEFAULT_BACKUP_SCHEDULE = '0 2 * * *';

function inCluster(p: BackupProps): boolean {
  return (p.storageProvider?.type ?? 'InCluster') === 'InCluster';
}

/**
 * mke4.yaml `backup` → velero values [inf]: a BackupStorageLocation `default` on S3 (MinIO's
 * in-cluster Service or the external bucket/region), credentials from `credentialsSecretName`,
 * `schedules.mke-backup` from scheduled_backup.
 */
export function veleroValues(p: BackupProps, namespace: string): Record<string, unknown> {
  const external = p.storageProvider?.external_options ?? {};
  const local = inCluster(p);
  const schedule = p.scheduledBackup?.enabled ? (p.scheduledBackup.schedule ?? DEFAULT_BACKUP_SCHEDULE) : undefined;
  return compact({
    credentials: { useSecret: true, existingSecret: p.credentialsSecretName ?? 'velero-credentials' },
    configuration: {
      backupStorageLocation: [
        {
          name: 'default',
          provider: local ? 'aws' : (external.provider ?? 'aws'),
          bucket: local ? 'velero' : external.bucket,
          config: compact({
            region: local ? 'minio' : external.region,
            profile: local ? undefined : external.credentials_file_profile,
            s3ForcePathStyle: local ? 'true' : undefined,
            s3Url: local ? `http://minio.${namespace}.svc:9000` : undefined,
          }),
        },
      ],
      volumeSnapshotLocation: [],
    },
    snapshotsEnabled: false,
    schedules: schedule ? { 'mke-backup': { schedule, template: { ttl: '720h0m0s' } } } : undefined,
  });
}

/** mke4.yaml `in_cluster_options` → Bitnami minio values [inf]. */
export function minioValues(p: BackupProps): Record<string, unknown> {
  const opts = p.storageProvider?.in_cluster_options ?? {};
  return compact({
    mode: opts.distributed ? 'distributed' : 'standalone',
    auth: { existingSecret: opts.admin_credentials_secret ?? 'minio-credentials' },
    defaultBuckets: 'velero',
    console: { enabled: opts.enable_ui ?? true },
    ingress: opts.enable_ui ?? true ? { enabled: true, path: '/minio/' } : undefined,
    service: opts.nodeport !== undefined ? { type: 'NodePort', nodePorts: { api: opts.nodeport } } : undefined,
  });
}

/**
 * Velero backups (https://velero.io) in namespace `mke`, to MinIO inside the cluster
 * (`storageProvider.type: InCluster`) or to an external S3 bucket, with an optional schedule. The S3
 * credentials are a Secret you create. Shipped by MKE up to 4.1.1.
 *
 * @example
 * // On by default up to 4.1.1: configure it in spec.backup, then look it up
 * const older = new MkeCluster(app, 'older', { spec: { ...spec, version: 'v4.1.1', backup: { scheduled_backup: { enabled: true, schedule: '0 3 * * *' } } } });
 * older.findService(Backup)!.toReleases(); // velero, and minio for the in-cluster store
 */
export class Backup extends SystemService {
  readonly props: BackupProps;

  constructor(scope: Construct, id: string, props: BackupProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  toMkeConfig(): Record<string, unknown> {
    return { backup: compact({ enabled: true, scheduled_backup: plain(this.props.scheduledBackup), storage_provider: plain(this.props.storageProvider) }) };
  }

  toReleases(): ServiceRelease[] {
    const namespace = this.namespaceOr('mke');
    const out: ServiceRelease[] = [];
    if (inCluster(this.props)) {
      out.push({ name: 'minio', namespace, chart: this.resolveChart('minio', this.props.minioChart), values: minioValues(this.props), dependsOn: [] });
    }
    out.push({
      name: 'velero',
      namespace,
      chart: this.chartFor('velero'),
      values: this.withExtraValues(veleroValues(this.props, namespace)),
      dependsOn: inCluster(this.props) ? ['minio'] : [],
    });
    return out;
  }
}
