/**
 * Node Feature Discovery (MKE 4k docs, docs.mirantis.com): always on, in `mke`; mke4.yaml exposes no
 * parameters, so the chart runs with its defaults.
 */
import { Construct } from 'constructs';
import { ServiceRelease, SystemService, SystemServiceProps } from './system-service';

export type NodeFeatureDiscoveryProps = SystemServiceProps;

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
    return [{ name: 'node-feature-discovery', namespace: this.namespaceOr('mke'), chart: this.chartFor('node-feature-discovery'), values: this.withExtraValues({}), dependsOn: [] }];
  }
}
