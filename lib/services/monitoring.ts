/**
 * Monitoring (MKE 4k docs, docs.mirantis.com): kube-prometheus-stack as release `monitoring` in
 * `mke` (object names `monitoring-grafana`, `prometheus-operated`), Grafana inside it, and the
 * cAdvisor DaemonSet when `enableCAdvisor` is on. Value keys are inferred from the upstream charts.
 */
import { Construct } from 'constructs';
import { isAtLeast } from '../config/releases';
import type { MkeSpec } from '../config/types';
import { ChartOverride, compact, plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';

type MonitoringSection = NonNullable<MkeSpec['monitoring']>;

export interface MonitoringProps extends SystemServiceProps {
  /**
   * Deploy Grafana. @see mke4.yaml `monitoring.enableGrafana` (dropped from the docs in 4.1.3)
   * @default - true before 4.1.3, false from 4.1.3
   */
  readonly enableGrafana?: boolean;
  /**
   * Expose Grafana through the ingress at `/grafana`. @see mke4.yaml `monitoring.grafana.ingress.enabled`
   * @default false
   */
  readonly grafanaIngress?: boolean;
  /**
   * Run the cAdvisor DaemonSet and stop scraping kubelet's cAdvisor. @see mke4.yaml `monitoring.enableCAdvisor`
   * @default false
   */
  readonly enableCAdvisor?: boolean;
  /**
   * Prometheus settings (`nodeSelector`, `resources`). @see mke4.yaml `monitoring.prometheus`
   * @default - chart defaults
   */
  readonly prometheus?: MonitoringSection['prometheus'];
  /**
   * OpsCare switch (4.0–4.1.0, never shipped as a chart): kept in the MkeConfig only.
   * @default - not set
   */
  readonly enableOpscare?: boolean;
  /**
   * Chart override for cAdvisor.
   * @default - from the release catalog
   */
  readonly cadvisorChart?: ChartOverride;
}

/**
 * mke4.yaml `monitoring` → kube-prometheus-stack values [inf]: enableGrafana → grafana.enabled;
 * grafana.ingress.enabled → grafana.ingress (path `/grafana`); prometheus.nodeSelector/resources →
 * prometheus.prometheusSpec.*; enableCAdvisor → kubelet.serviceMonitor.cAdvisor false.
 */
export function kubePrometheusStackValues(p: MonitoringProps, release: Parameters<typeof isAtLeast>[0]): Record<string, unknown> {
  const grafana = p.enableGrafana ?? !isAtLeast(release, '4.1.3');
  const prom = p.prometheus ?? {};
  const nodeSelector = plain(prom.nodeSelector) as Record<string, string> | undefined;
  const resources = plain(prom.resources) as Record<string, unknown> | undefined;
  return compact({
    grafana: grafana
      ? { enabled: true, ...(p.grafanaIngress ? { ingress: { enabled: true, path: '/grafana' }, 'grafana.ini': { server: { root_url: '%(protocol)s://%(domain)s/grafana', serve_from_sub_path: true } } } : {}) }
      : { enabled: false },
    prometheus: {
      prometheusSpec: compact({
        nodeSelector: nodeSelector && Object.keys(nodeSelector).length ? nodeSelector : undefined,
        resources: resources && Object.keys(resources).length ? resources : undefined,
        routePrefix: '/prometheus',
      }),
    },
    kubelet: p.enableCAdvisor ? { serviceMonitor: { cAdvisor: false } } : undefined,
  });
}

/**
 * Monitoring: kube-prometheus-stack (https://github.com/prometheus-community/helm-charts) as release
 * `monitoring` in `mke`, Grafana inside it, and cAdvisor when `enableCAdvisor` is on. Always on: an
 * `MkeCluster` creates it from `spec.monitoring`.
 *
 * @example
 * const lab = new MkeCluster(app, 'lab', { spec: { ...spec, monitoring: { enableGrafana: true, enableCAdvisor: true } } });
 * lab.findService(Monitoring)!.toReleases(); // kube-prometheus-stack and cadvisor
 */
export class Monitoring extends SystemService {
  readonly props: MonitoringProps;

  constructor(scope: Construct, id: string, props: MonitoringProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  toMkeConfig(): Record<string, unknown> {
    const p = this.props;
    return {
      monitoring: compact({
        enableGrafana: p.enableGrafana,
        enableCAdvisor: p.enableCAdvisor,
        enableOpscare: p.enableOpscare,
        grafana: p.grafanaIngress !== undefined ? { ingress: { enabled: p.grafanaIngress } } : undefined,
        prometheus: plain(p.prometheus),
      }),
    };
  }

  toReleases(): ServiceRelease[] {
    const namespace = this.namespaceOr('mke');
    const out: ServiceRelease[] = [
      { name: 'monitoring', namespace, chart: this.chartFor('kube-prometheus-stack'), values: this.withExtraValues(kubePrometheusStackValues(this.props, this.release)), dependsOn: [] },
    ];
    if (this.props.enableCAdvisor) {
      // cAdvisor's ServiceMonitor needs the Prometheus operator's CRDs.
      out.push({ name: 'cadvisor', namespace, chart: this.resolveChart('cadvisor', this.props.cadvisorChart), values: { metrics: { enabled: true } }, dependsOn: ['monitoring'] });
    }
    return out;
  }
}
