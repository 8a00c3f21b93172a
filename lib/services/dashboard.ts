/**
 * MKE 4k Dashboard (MKE 4k docs, docs.mirantis.com): always on, in `mke`. The chart is Mirantis-only and
 * unpublished (the catalog marks it unverified); nothing user-facing is configurable.
 */
import { Construct } from 'constructs';
import type { MkeSpec } from '../config/types';
import { compact, plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';

type UiSection = NonNullable<MkeSpec['ui']>;

export interface DashboardProps extends SystemServiceProps {
  /**
   * UI pod resources. @see mke4.yaml `ui.resources` (4.2)
   * @default - chart defaults
   */
  readonly resources?: UiSection['resources'];
  /**
   * UI pod tolerations. @see mke4.yaml `ui.tolerations` (4.2)
   * @default - none
   */
  readonly tolerations?: UiSection['tolerations'];
}

/**
 * The MKE 4k web UI, in namespace `mke`. Always on: an `MkeCluster` creates it from `spec.ui`.
 *
 * @example
 * const ui = cluster.findService(Dashboard)!;
 * ui.toReleases(); // the chart k0rdent mode installs
 */
export class Dashboard extends SystemService {
  readonly props: DashboardProps;

  constructor(scope: Construct, id: string, props: DashboardProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  toMkeConfig(): Record<string, unknown> {
    const ui = compact({ resources: plain(this.props.resources), tolerations: plain(this.props.tolerations) });
    return Object.keys(ui).length ? { ui } : {};
  }

  toReleases(): ServiceRelease[] {
    // [inf] chart value keys of the unpublished chart.
    const values = compact({ resources: plain(this.props.resources), tolerations: plain(this.props.tolerations) });
    return [{ name: 'dashboard', namespace: this.namespaceOr('mke'), chart: this.chartFor('dashboard'), values: this.withExtraValues(values), dependsOn: [] }];
  }
}
