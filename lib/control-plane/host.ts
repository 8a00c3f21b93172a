/**
 * What the control plane needs from the cluster it is built into. `MkeCluster` passes itself, so
 * the control plane sits below the cluster and never imports it.
 */
import type { Chart } from 'cdk8s';
import type { Diagnostic } from '../config/diagnostics';
import type { MkeRelease } from '../config/releases';
import type { MkeSpec } from '../config/types';
import type { Delivery, ManifestFile } from '../output/layout';

/** A cluster the control plane and system services are added to (an `MkeCluster`). */
export interface ControlPlaneHost {
  /** Cluster name: the `MkeConfig`'s `metadata.name`. */
  readonly clusterName: string;
  readonly release: MkeRelease;
  readonly spec: MkeSpec;
  readonly delivery: Delivery;
  /** Warnings found while building; the control plane adds its own. */
  readonly warnings: Diagnostic[];
  /** The chart behind one manifest file (created on first use). */
  chart(file: ManifestFile): Chart;
  /** Records a secret placeholder used in the output. */
  useSecret(variable: string, field: string): void;
}
