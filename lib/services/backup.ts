/**
 * Backup (MKE 4k docs, docs.mirantis.com): Velero in `mke`, with MinIO in the cluster
 * (`storage_provider.type: InCluster`) or an external S3 bucket, and an optional schedule. Bundled
 * through 4.1.1. The S3 credentials are a Secret the user creates (a local credentials file never
 * reaches the output). Value keys are inferred from the upstream velero and Bitnami minio charts.
 */
import { Construct } from 'constructs';
import type { Diagnostic } from '../config/diagnostics';
import type { MkeSpec } from '../config/types';
import type { Prerequisite } from '../prerequisites';
import { defaultIngressRoute, httpRoute, INGRESS_NGINX_CLASS, IngressRoute } from './ingress-route';
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
  /**
   * StorageClass for a persistent MinIO volume (a PersistentVolumeClaim per MinIO pod). k0s installs
   * no storage provisioner, so without one the claim would stay Pending and MinIO would never start.
   * @default - no volume claim: MinIO keeps its data in an `emptyDir`, as MKE does ("MinIO is not
   *   currently backed by persistent storage", MKE 4k docs, backup-restore/in-cluster); backups are
   *   lost when the MinIO pod is deleted or moves
   */
  readonly minioStorageClass?: string;
  /**
   * Velero's object-store plugin image (an init container that copies the plugin into Velero's
   * `plugins` volume). The velero chart needs at least one (velero values.yaml `initContainers`).
   * @default 'velero/velero-plugin-for-aws:v1.9.0' (the plugin for Velero 1.13, chart 6.0.0)
   */
  readonly pluginImage?: string;
  /**
   * Address users reach the cluster at; the MinIO console is served at `https://<address>/minio/`.
   * @see mke4.yaml `apiServer.externalAddress`
   * @default 'mke.local'
   */
  readonly externalAddress?: string;
  /**
   * How the MinIO console is exposed: an Ingress of this class, or an HTTPRoute on the MKE gateway.
   * @default - the MKE Envoy gateway from 4.1.3, ingress-nginx (class `nginx`) before
   */
  readonly ingress?: IngressRoute;
}

/**
 * The S3 object-store plugin for Velero 1.13 (velero chart 6.0.0, appVersion 1.13.0): the chart's
 * own example pairs it with `velero/velero-plugin-for-aws:v1.9.0` (vmware-tanzu/helm-charts
 * charts/velero/values.yaml `initContainers`, "At least one plugin provider image is required").
 */
export const DEFAULT_VELERO_PLUGIN_IMAGE = 'velero/velero-plugin-for-aws:v1.9.0';

/** Path of the MinIO console behind the MKE ingress. */
export const MINIO_CONSOLE_PATH = '/minio';

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
    // The plugin copies itself into the `plugins` volume the chart mounts at /plugins
    // (velero templates/deployment.yaml; the values.yaml example mounts it at /target).
    initContainers: [
      {
        name: 'velero-plugin-for-aws',
        image: p.pluginImage ?? DEFAULT_VELERO_PLUGIN_IMAGE,
        imagePullPolicy: 'IfNotPresent',
        volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
      },
    ],
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

/**
 * The velero chart's CRD upgrade job, off for chart versions before 12.0.0. There it is a pre-install
 * and pre-upgrade hook whose init container runs `/bin/sh -c 'cp \`which sh\` /tmp && cp \`which kubectl\` /tmp'`
 * in `kubectl.image.repository` tagged with the cluster's `major.minor` (vmware-tanzu/helm-charts
 * velero-6.0.0 charts/velero/templates/upgrade-crds/upgrade-crds.yaml, _helpers.tpl
 * "chart.KubernetesVersion"), so the image needs a shell and a glibc `sh` the velero image can run:
 * docker.io/bitnami/kubectl, which Bitnami no longer publishes (bitnami/containers#83267), and
 * docker.io/bitnamilegacy/kubectl holds no tag for a Kubernetes minor released after the 2025 move
 * (1.35 on MKE 4.2); registry.k8s.io/kubectl has no shell. A hook that never pulls its image fails
 * the Helm install. Without the job Helm still creates the chart's CRDs from `crds/` on install
 * (Sveltos addon-controller controllers/handlers_helm.go: `installClient.SkipCRDs` is false unless
 * the profile's helm options set it; kcm 1.1.0–1.3.1 sets none) — all the job adds is updating them
 * on a chart upgrade. Chart 12.0.0 runs the job with the velero image itself
 * (`velero install --crds-only --apply`, no kubectl image), so it stays on there.
 */
export function veleroCrdJobValues(chartVersion: string): Record<string, unknown> {
  const major = Number(chartVersion.replace(/^v/, '').split('.')[0]);
  return Number.isFinite(major) && major < 12 ? { upgradeCRDs: false } : {};
}

/**
 * mke4.yaml `in_cluster_options` → Bitnami minio values (bitnami/charts bitnami/minio values.yaml,
 * 14.1.2 and 14.10.5): the console is on unless `disableWebUI` (there is no `console.*` key);
 * `enable_ui` also exposes it at `/minio/`. Behind ingress-nginx the console Ingress
 * (templates/ingress.yaml, backend port `minio-console`) carries the class and a host-less rule
 * (`extraRules`; the default `hostname: minio.local` matches no real request), with the prefix
 * rewritten away; MinIO learns its public URL from `MINIO_BROWSER_REDIRECT_URL`. On the MKE gateway
 * the route is an HTTPRoute (`minioObjects`) and the chart's Ingress stays off.
 * `persistence.enabled` (default true in the chart) asks for a PersistentVolumeClaim of the default
 * StorageClass (`storageClass: ""`), which a k0s cluster does not have: the claim stays Pending and so
 * does MinIO. Off unless `minioStorageClass` names a class; the chart then mounts an `emptyDir`
 * (templates/standalone/deployment.yaml and distributed/statefulset.yaml, volume `data`).
 */
export function minioValues(p: BackupProps): Record<string, unknown> {
  const opts = p.storageProvider?.in_cluster_options ?? {};
  const ui = opts.enable_ui ?? true;
  const route = p.ingress ?? { kind: 'ingress', className: INGRESS_NGINX_CLASS };
  const viaIngress = ui && route.kind === 'ingress';
  return compact({
    mode: opts.distributed ? 'distributed' : 'standalone',
    auth: { existingSecret: opts.admin_credentials_secret ?? 'minio-credentials' },
    defaultBuckets: 'velero',
    disableWebUI: !ui,
    extraEnvVars: ui ? [{ name: 'MINIO_BROWSER_REDIRECT_URL', value: `https://${p.externalAddress || 'mke.local'}${MINIO_CONSOLE_PATH}/` }] : undefined,
    ingress: viaIngress
      ? {
          enabled: true,
          ingressClassName: route.className,
          hostname: '',
          annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' },
          extraRules: [
            {
              http: {
                paths: [{ path: `${MINIO_CONSOLE_PATH}(/|$)(.*)`, pathType: 'ImplementationSpecific', backend: { service: { name: 'minio', port: { name: 'minio-console' } } } }],
              },
            },
          ],
        }
      : undefined,
    service: opts.nodeport !== undefined ? { type: 'NodePort', nodePorts: { api: opts.nodeport } } : undefined,
    persistence: p.minioStorageClass ? { enabled: true, storageClass: p.minioStorageClass } : { enabled: false },
  });
}

/** The MinIO console's HTTPRoute on the MKE gateway (4.1.3+), to Service `minio` port 9001 (console). */
export function minioObjects(p: BackupProps, namespace: string): Record<string, unknown>[] {
  const route = p.ingress;
  if (!inCluster(p) || !(p.storageProvider?.in_cluster_options?.enable_ui ?? true) || route?.kind !== 'gateway') return [];
  return [httpRoute(route, { name: 'minio-console', namespace, path: MINIO_CONSOLE_PATH, service: 'minio', port: 9001, stripPrefix: true })];
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
    this.props = { ...props, ingress: props.ingress ?? defaultIngressRoute(this.release) };
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
    const velero = this.chartFor('velero');
    out.push({
      name: 'velero',
      namespace,
      chart: velero,
      values: this.withExtraValues({ ...veleroValues(this.props, namespace), ...veleroCrdJobValues(velero.version) }),
      dependsOn: inCluster(this.props) ? ['minio'] : [],
    });
    return out;
  }

  /** The credentials Secrets the charts read (`existingSecret`); mke-operator creates them in operator mode. */
  prerequisites(): Prerequisite[] {
    const namespace = this.namespaceOr('mke');
    const velero = this.props.credentialsSecretName ?? 'velero-credentials';
    const minio = this.props.storageProvider?.in_cluster_options?.admin_credentials_secret ?? 'minio-credentials';
    // In the cluster, Velero's S3 plugin signs its requests to MinIO with this file's keys
    // (s3Url above), so they must be MinIO's: its root user and password unless you add a MinIO user.
    const keys = inCluster(this.props)
      ? `aws_access_key_id=<root-user of ${minio}> aws_secret_access_key=<root-password of ${minio}>`
      : 'aws_access_key_id=… aws_secret_access_key=…';
    const out: Prerequisite[] = [
      {
        kind: 'Secret',
        namespace,
        name: velero,
        why: 'velero values credentials.existingSecret',
        // velero chart values.yaml: "The key must be named `cloud`", an AWS-style credentials file for the S3 plugin.
        how: `kubectl -n ${namespace} create secret generic ${velero} --from-file=cloud=<credentials file: [default] ${keys}>`,
      },
    ];
    if (inCluster(this.props)) {
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

  k0rdentObjects(): Record<string, unknown>[] {
    return minioObjects(this.props, this.namespaceOr('mke'));
  }

  /**
   * A velero chart override before 12.0.0 runs without the CRD upgrade job (`veleroCrdJobValues`):
   * Helm creates `crds/` only when a CRD is absent and never updates it (helm.sh/docs/chart_best_practices/custom_resource_definitions),
   * so CRDs left by another chart version stay as they are.
   */
  k0rdentWarnings(): Diagnostic[] {
    const chart = this.chartFor('velero');
    if (chart.source !== 'override' || !('upgradeCRDs' in veleroCrdJobValues(chart.version))) return [];
    return [
      {
        code: 'velero-crds-not-upgraded',
        severity: 'warning',
        path: 'spec.backup',
        message: `velero chart ${chart.version} runs with upgradeCRDs: false (its CRD upgrade job needs a kubectl image with a shell, docker.io/bitnami/kubectl, which Bitnami no longer publishes): Helm installs the chart's CRDs only where none exist, so Velero CRDs of another chart version are not updated`,
        hint: `after moving to chart ${chart.version}, apply its crds/ yourself (helm pull vmware-tanzu/velero --version ${chart.version} --untar && kubectl apply --server-side -f velero/crds/), or use velero chart 12.0.0 or later`,
      },
    ];
  }
}
