/**
 * Monitoring (MKE 4k docs, docs.mirantis.com): kube-prometheus-stack as release `monitoring` in
 * `mke` (object names `monitoring-grafana`, `prometheus-operated`), Grafana inside it, and the
 * cAdvisor DaemonSet when `enableCAdvisor` is on. Value keys are inferred from the upstream charts.
 */
import { Construct } from 'constructs';
import { isAtLeast } from '../config/releases';
import type { MkeSpec } from '../config/types';
import { defaultIngressRoute, httpRoute, IngressRoute } from './ingress-route';
import { ChartOverride, compact, plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';
import { k0sControllerTolerations } from './tolerations';

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
  /**
   * How Grafana's `/grafana` is exposed: an Ingress of this class, or an HTTPRoute on the MKE gateway.
   * @default - the MKE Envoy gateway from 4.1.3, ingress-nginx (class `nginx`) before
   */
  readonly ingress?: IngressRoute;
}

/** Helm release name of kube-prometheus-stack; its Prometheus selects ServiceMonitors labelled `release: <this>`. */
export const MONITORING_RELEASE = 'monitoring';
/** The label k0s sets on controller+worker nodes (`true`; k0s pkg/component/controller/noderole.go). */
const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

/** Path of Grafana behind the MKE ingress. */
export const GRAFANA_PATH = '/grafana';

/**
 * k0s runs its own containerd with the socket at /run/k0s/containerd.sock (k0s docs/runtime.md) and
 * its state under /var/lib/k0s (k0s data dir default).
 */
export const K0S_CONTAINERD_SOCKET = '/run/k0s/containerd.sock';

/**
 * cadvisor chart values for k0s (ckotzbauer/helm-charts charts/cadvisor, 2.4.x):
 * - `container.additionalArgs`: the chart's defaults without `--docker_only` (k0s has no Docker), plus
 *   `--containerd` at k0s's socket, seen through the chart's `/var/run` host mount;
 * - `container.hostPaths`: the chart's mounts with containerd's state dir instead of /var/lib/docker;
 * - `tolerations` for the k0s controller taint (`./tolerations`): the chart sets none
 *   (templates/daemonset.yaml), so the DaemonSet skipped `controller+worker` nodes, whose container
 *   metrics then vanished with kubelet's cAdvisor job switched off;
 * - `metrics.enabled` makes the ServiceMonitor (templates/servicemonitor.yaml), whose labels include
 *   `commonLabels`; kube-prometheus-stack's Prometheus only selects `release: <its release>`
 *   (templates/prometheus/prometheus.yaml, `serviceMonitorSelectorNilUsesHelmValues: true`);
 * - relabelings give the series the labels kube-prometheus-stack's rules and dashboards read from
 *   kubelet's cAdvisor (`job="kubelet", metrics_path="/metrics/cadvisor"`, namespace/pod/container;
 *   rules-1.14/k8s.rules.container_cpu_usage_seconds_total.yaml), as the chart's values.yaml suggests.
 */
export function cadvisorValues(release = MONITORING_RELEASE): Record<string, unknown> {
  return {
    container: {
      additionalArgs: [
        '--housekeeping_interval=10s',
        '--max_housekeeping_interval=15s',
        '--event_storage_event_limit=default=0',
        '--event_storage_age_limit=default=0',
        '--disable_metrics=percpu,process,sched,tcp,udp',
        `--containerd=/var${K0S_CONTAINERD_SOCKET}`,
      ],
      hostPaths: [
        { name: 'rootfs', path: '/', mount: '/rootfs', readOnly: true },
        { name: 'varrun', path: '/var/run', readOnly: true },
        { name: 'sys', path: '/sys', readOnly: true },
        { name: 'containerd', path: '/var/lib/k0s/containerd', readOnly: true },
        { name: 'disk', path: '/dev/disk', readOnly: true },
      ],
    },
    tolerations: k0sControllerTolerations(),
    commonLabels: { release },
    metrics: {
      enabled: true,
      relabelings: [
        { action: 'replace', targetLabel: 'job', replacement: 'kubelet' },
        { action: 'replace', targetLabel: 'metrics_path', replacement: '/metrics/cadvisor' },
        { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' },
      ],
      metricRelabelings: [
        { sourceLabels: ['container_label_io_kubernetes_pod_namespace'], targetLabel: 'namespace' },
        { sourceLabels: ['container_label_io_kubernetes_pod_name'], targetLabel: 'pod' },
        { sourceLabels: ['container_label_io_kubernetes_container_name'], targetLabel: 'container' },
      ],
    },
  };
}

/**
 * mke4.yaml `monitoring` → kube-prometheus-stack values [inf]: enableGrafana → grafana.enabled;
 * grafana.ingress.enabled → grafana.ingress (path `/grafana`); prometheus.nodeSelector/resources →
 * prometheus.prometheusSpec.* (with the k0s controller tolerations when the selector picks
 * control-plane nodes); enableCAdvisor → kubelet.serviceMonitor.cAdvisor false (the cadvisor
 * DaemonSet's ServiceMonitor, selected and relabelled by `cadvisorValues`, takes over).
 */
export function kubePrometheusStackValues(p: MonitoringProps, release: Parameters<typeof isAtLeast>[0]): Record<string, unknown> {
  const grafana = p.enableGrafana ?? !isAtLeast(release, '4.1.3');
  const route = p.ingress ?? defaultIngressRoute(release);
  // Grafana's ingress (grafana sub-chart, grafana/helm-charts charts/grafana/templates/ingress.yaml
  // 7.3.x and 10.1.4): `ingressClassName`, or none when the MKE gateway routes it (`k0rdentObjects`).
  // kube-prometheus-stack sets `grafana.ingress.hosts: []`, so the rule has no host.
  const grafanaIngress = p.grafanaIngress && route.kind === 'ingress' ? { ingress: { enabled: true, ingressClassName: route.className, path: GRAFANA_PATH } } : {};
  const subPath = p.grafanaIngress ? { 'grafana.ini': { server: { root_url: `%(protocol)s://%(domain)s${GRAFANA_PATH}`, serve_from_sub_path: true } } } : {};
  const prom = p.prometheus ?? {};
  const nodeSelector = plain(prom.nodeSelector) as Record<string, string> | undefined;
  const resources = plain(prom.resources) as Record<string, unknown> | undefined;
  return compact({
    grafana: grafana ? { enabled: true, ...grafanaIngress, ...subPath } : { enabled: false },
    prometheus: {
      prometheusSpec: compact({
        nodeSelector: nodeSelector && Object.keys(nodeSelector).length ? nodeSelector : undefined,
        // A selector on k0s's control-plane label matches only controller+worker nodes, which carry
        // the k0s controller taint: without its toleration the Prometheus pod stays Pending
        // (kube-prometheus-stack templates/prometheus/prometheus.yaml renders prometheusSpec.tolerations).
        tolerations: nodeSelector && CONTROL_PLANE_LABEL in nodeSelector ? k0sControllerTolerations() : undefined,
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
    this.props = { ...props, ingress: props.ingress ?? defaultIngressRoute(this.release) };
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
      { name: MONITORING_RELEASE, namespace, chart: this.chartFor('kube-prometheus-stack'), values: this.withExtraValues(kubePrometheusStackValues(this.props, this.release)), dependsOn: [] },
    ];
    if (this.props.enableCAdvisor) {
      // cAdvisor's ServiceMonitor needs the Prometheus operator's CRDs.
      out.push({ name: 'cadvisor', namespace, chart: this.resolveChart('cadvisor', this.props.cadvisorChart), values: cadvisorValues(), dependsOn: [MONITORING_RELEASE] });
    }
    return out;
  }

  /**
   * Grafana's HTTPRoute on the MKE gateway (4.1.3+): Service `monitoring-grafana` (`<release>-grafana`)
   * port 80 (grafana/helm-charts charts/grafana/values.yaml `service.port`).
   */
  k0rdentObjects(): Record<string, unknown>[] {
    const p = this.props;
    const route = p.ingress;
    const grafana = p.enableGrafana ?? !isAtLeast(this.release, '4.1.3');
    if (!grafana || !p.grafanaIngress || route?.kind !== 'gateway') return [];
    return [httpRoute(route, { name: `${MONITORING_RELEASE}-grafana`, namespace: this.namespaceOr('mke'), path: GRAFANA_PATH, service: `${MONITORING_RELEASE}-grafana`, port: 80 })];
  }
}
