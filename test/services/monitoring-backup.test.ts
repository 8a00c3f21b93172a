import { Testing } from 'cdk8s';
import { Backup, minioValues, veleroValues } from '../../lib/services/backup';
import { kubePrometheusStackValues, Monitoring } from '../../lib/services/monitoring';

describe('monitoring', () => {
  test('field by field', () => {
    expect(kubePrometheusStackValues({ enableGrafana: true, grafanaIngress: true, enableCAdvisor: true, prometheus: { nodeSelector: { a: 'b' }, resources: { requests: { cpu: '1' } } } }, '4.1.1')).toEqual({
      grafana: { enabled: true, ingress: { enabled: true, ingressClassName: 'nginx', path: '/grafana' }, 'grafana.ini': { server: { root_url: '%(protocol)s://%(domain)s/grafana', serve_from_sub_path: true } } },
      prometheus: { prometheusSpec: { nodeSelector: { a: 'b' }, resources: { requests: { cpu: '1' } }, routePrefix: '/prometheus' } },
      kubelet: { serviceMonitor: { cAdvisor: false } },
    });
  });

  test('Grafana default follows the release (on before 4.1.3, off from 4.1.3)', () => {
    expect((kubePrometheusStackValues({}, '4.1.2') as { grafana: unknown }).grafana).toEqual({ enabled: true });
    expect((kubePrometheusStackValues({}, '4.1.3') as { grafana: unknown }).grafana).toEqual({ enabled: false });
  });

  test('cAdvisor is a second release after monitoring', () => {
    const releases = new Monitoring(Testing.chart(), 'm', { release: '4.1.3', enableCAdvisor: true }).toReleases();
    expect(releases.map((r) => [r.name, r.namespace, r.chart?.name, r.dependsOn])).toEqual([
      ['monitoring', 'mke', 'kube-prometheus-stack', []],
      ['cadvisor', 'mke', 'cadvisor', ['monitoring']],
    ]);
  });
});

describe('backup', () => {
  test('in-cluster MinIO: velero on MinIO, minio first, schedule default', () => {
    const b = new Backup(Testing.chart(), 'b', { release: '4.1.1', scheduledBackup: { enabled: true }, storageProvider: { type: 'InCluster', in_cluster_options: { admin_credentials_secret: 'creds', enable_ui: false, distributed: true } } });
    const [minio, velero] = b.toReleases();
    expect(minio).toMatchObject({ name: 'minio', values: { mode: 'distributed', auth: { existingSecret: 'creds' }, disableWebUI: true } });
    expect(velero.dependsOn).toEqual(['minio']);
    expect(velero.values).toMatchObject({
      credentials: { existingSecret: 'velero-credentials' },
      configuration: { backupStorageLocation: [{ provider: 'aws', bucket: 'velero', config: { s3Url: 'http://minio.mke.svc:9000', s3ForcePathStyle: 'true' } }] },
      schedules: { 'mke-backup': { schedule: '0 2 * * *' } },
    });
  });

  test('external S3: bucket, region, profile; no MinIO', () => {
    const v = veleroValues({ storageProvider: { type: 'External', external_options: { provider: 'aws', bucket: 'bk', region: 'eu-west-1', credentials_file_profile: 'p' } } }, 'mke');
    expect(v).toMatchObject({ configuration: { backupStorageLocation: [{ name: 'default', provider: 'aws', bucket: 'bk', config: { region: 'eu-west-1', profile: 'p' } }] } });
    expect(new Backup(Testing.chart(), 'b', { release: '4.1.1', storageProvider: { type: 'External' } }).toReleases().map((r) => r.name)).toEqual(['velero']);
    expect(minioValues({ storageProvider: { in_cluster_options: { nodeport: 33100 } } })).toMatchObject({ service: { type: 'NodePort', nodePorts: { api: 33100 } } });
  });
});
