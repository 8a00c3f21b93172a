/**
 * Node Feature Discovery (MKE 4k docs, docs.mirantis.com): always on, in `mke`; mke4.yaml exposes no
 * parameters, so the chart runs with its defaults except where k0s needs otherwise.
 */
import { Construct } from 'constructs';
import { ServiceRelease, SystemService, SystemServiceProps } from './system-service';
import { k0sControllerTolerations } from './tolerations';

export type NodeFeatureDiscoveryProps = SystemServiceProps;

/**
 * node-feature-discovery chart values for k0s: `worker.tolerations` for the taint k0s puts on
 * `controller+worker` nodes (`./tolerations`). The chart's worker DaemonSet tolerates nothing by
 * default (kubernetes-sigs/node-feature-discovery deployment/helm/node-feature-discovery/values.yaml
 * `worker.tolerations: []`, 0.16–0.18; only `master.tolerations` names the control-plane taints), so
 * those nodes got no feature labels — and the GPU operator, which finds GPU nodes by NFD's PCI labels
 * (NVIDIA/gpu-operator controllers/state_manager.go `gpuNodeLabels`,
 * `feature.node.kubernetes.io/pci-10de.present`), never set up a GPU on a `controller+worker` node.
 */
export function nodeFeatureDiscoveryValues(): Record<string, unknown> {
  return { worker: { tolerations: k0sControllerTolerations() } };
}

/**
 * Node Feature Discovery (https://kubernetes-sigs.github.io/node-feature-discovery): labels nodes with
 * their hardware features. Always on, in `mke`, with the chart's defaults.
 *
 * @example
 * cluster.findService(NodeFeatureDiscovery)!.toReleases(); // release 'node-feature-discovery'
 */
export class NodeFeatureDiscovery extends SystemService {
  constructor(scope: Construct, id: string, props: NodeFeatureDiscoveryProps = {}) {
    super(scope, id, props);
  }

  /** No mke4.yaml section: the operator always installs it. */
  toMkeConfig(): Record<string, unknown> {
    return {};
  }

  toReleases(): ServiceRelease[] {
    return [{ name: 'node-feature-discovery', namespace: this.namespaceOr('mke'), chart: this.chartFor('node-feature-discovery'), values: this.withExtraValues(nodeFeatureDiscoveryValues()), dependsOn: [] }];
  }
}
