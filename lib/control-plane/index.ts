/**
 * Wires the control plane and the system services into an `MkeCluster` for its delivery mode:
 * MKE 4.0 gets nothing but a warning; 4.1+ gets the `Management kcm` object and,
 * by mode, either the MkeConfig for mke-operator or the k0rdent sources, templates and
 * MultiClusterService. Never both.
 */
import type { MkeCluster } from '../cluster';
import { chartRegistry } from '../config/accessors';
import { systemServicesFromSpec } from '../services';
import type { SystemService } from '../services/system-service';
import { K0rdentServices } from './k0rdent-services';
import { K0rdentManagement } from './management';
import { MkeOperator } from './mke-operator';

/** What addControlPlane built for a cluster. */
export interface ControlPlane {
  readonly services: SystemService[];
  readonly operator?: MkeOperator;
  readonly k0rdent?: K0rdentServices;
}

const planes = new WeakMap<MkeCluster, ControlPlane>();

export function addControlPlane(cluster: MkeCluster): void {
  if (cluster.release.startsWith('4.0')) {
    cluster.warnings.push({
      code: 'mke40-services',
      severity: 'warning',
      path: 'spec',
      message: `MKE ${cluster.release} (Blueprint Operator) system services are not synthesized; only k0sctl.yaml is written`,
      hint: 'upgrade the file with `mke4k init --mke-version 4.2.0` and a diff',
    });
    return;
  }
  const spec = cluster.spec;
  // Services live in 50-extras: they emit nothing themselves, and the typed objects users add to
  // them (MetalLB pools, network attachments) need the services' CRDs, so belong there.
  const services = systemServicesFromSpec(cluster.chart('50-extras'), spec, cluster.release);
  const plane: ControlPlane =
    cluster.delivery === 'k0rdent'
      ? {
          services,
          k0rdent: new K0rdentServices(cluster.chart('30-services'), 'k0rdent', {
            release: cluster.release,
            chartRegistry: { ...spec.registries?.chartRegistry, url: chartRegistry(spec) },
            driftDetection: spec.driftDetection,
            charts: {
              namespaces: cluster.chart('00-namespaces'),
              sources: cluster.chart('10-sources'),
              templates: cluster.chart('20-templates'),
              services: cluster.chart('30-services'),
              extras: cluster.chart('50-extras'),
            },
          }),
        }
      : {
          services,
          operator: new MkeOperator(cluster.chart('40-mke-config'), 'mke-operator', {
            name: cluster.clusterName,
            spec,
            onSecret: (variable, field) => cluster.useSecret(variable, field),
            namespaceScope: cluster.chart('00-namespaces'),
          }),
        };
  planes.set(cluster, plane);
  for (const service of services) plane.operator?.addService(service);
  for (const service of services) plane.k0rdent?.addService(service);
  if (plane.k0rdent) cluster.warnings.push(...plane.k0rdent.warnings());

  const k0rdent = spec.k0rdent;
  new K0rdentManagement(cluster.chart('30-services'), 'management', {
    release: cluster.release,
    mkeOperator: cluster.delivery !== 'k0rdent',
    providers: k0rdent?.enabled === false ? [] : (k0rdent?.providers ?? []).map((p) => ({ name: p.name, config: p.config })),
  });
}

/** The control plane addControlPlane built for a cluster (undefined for MKE 4.0). */
export function controlPlaneOf(cluster: MkeCluster): ControlPlane | undefined {
  return planes.get(cluster);
}

/**
 * Adds a service built in TypeScript to a cluster, in its delivery mode: its MkeConfig section
 * (operator) or its templates and MCS entries (k0rdent). Warnings go to `cluster.warnings`.
 */
export function addSystemService(cluster: MkeCluster, service: SystemService): void {
  const plane = planes.get(cluster);
  if (!plane) throw new Error(`MKE ${cluster.release} has no system-service delivery`);
  plane.services.push(service);
  plane.operator?.addService(service);
  if (plane.k0rdent) cluster.warnings.push(...plane.k0rdent.addService(service));
}

export { K0rdentServices, serviceTemplateName, K0RDENT_NAMESPACE, MANAGEMENT_CLUSTER_LABEL } from './k0rdent-services';
export type { K0rdentCharts, K0rdentServicesProps } from './k0rdent-services';
export { MkeOperator, mergeSection, escapeFluxVariables } from './mke-operator';
export type { MkeOperatorProps } from './mke-operator';
export { K0rdentManagement, managementProviders } from './management';
export type { K0rdentManagementProps, K0rdentProvider } from './management';
export { orderServices } from './dependency-graph';
export type { GraphNode, GraphProblem, OrderedServices } from './dependency-graph';
export { helmRepositoryObjects, repositorySlug, MANAGED_LABEL, REGISTRY_SOURCE_NAME } from './flux-sources';
export type { ChartRegistry } from './flux-sources';
