/**
 * Backup (mke4-services.md §3 rows 13–14): Velero in `mke`, with MinIO in the cluster
 * (`storage_provider.type: InCluster`) or an external S3 bucket, and an optional schedule. Bundled
 * through 4.1.1. The S3 credentials are a Secret the user creates (a local credentials file never
 * reaches the output). Value keys are inferred from the upstream velero and Bitnami minio charts.
 */
import { Construct } from 'constructs';
import type { MkeSpec } from '../config/types';
import type { Prerequisite } from '../prerequisites';
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

  /** The credentials Secrets the charts read (`existingSecret`); mke-operator creates them in operator mode. */
  prerequisites(): Prerequisite[] {
    const namespace = this.namespaceOr('mke');
    const velero = this.props.credentialsSecretName ?? 'velero-credentials';
    const out: Prerequisite[] = [
      {
        kind: 'Secret',
        namespace,
        name: velero,
        why: 'velero values credentials.existingSecret',
        // velero chart values.yaml: "The key must be named `cloud`", an AWS-style credentials file for the S3 plugin.
        how: `kubectl -n ${namespace} create secret generic ${velero} --from-file=cloud=<credentials file: [default] aws_access_key_id=… aws_secret_access_key=…>`,
      },
    ];
    if (inCluster(this.props)) {
      const minio = this.props.storageProvider?.in_cluster_options?.admin_credentials_secret ?? 'minio-credentials';
      out.push({
        kind: 'Secret',
        namespace,
        name: minio,
        why: 'minio values auth.existingSecret',
        // bitnami minio values.yaml: the secret holds `root-user` and `root-password`.
        how: `kubectl -n ${namespace} create secret generic ${minio} --from-literal=root-user=<user> --from-literal=root-password=<password>`,
      });
    }
    return out;
  }
}
