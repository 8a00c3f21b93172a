/**
 * Wires the control plane and the system services into an `MkeCluster` for its delivery mode.
 * (First cut: the 4.0 warning; operator and k0rdent modes land with the services issue.)
 */
import type { MkeCluster } from '../cluster';

export function addControlPlane(cluster: MkeCluster): void {
  if (cluster.release.startsWith('4.0')) {
    cluster.warnings.push({
      code: 'mke40-services',
      severity: 'warning',
      path: 'spec',
      message: `MKE ${cluster.release} (Blueprint Operator) system services are not synthesized; only k0sctl.yaml is written`,
      hint: 'upgrade the file with `mke4k init --mke-version 4.2.0` and a diff',
    });
  }
}
