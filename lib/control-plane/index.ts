/**
 * Wires the control plane and the system services into an `MkeCluster` for its delivery mode:
 * MKE 4.0 gets nothing but a warning; 4.1+ gets the `Management kcm` object and,
 * by mode, either the MkeConfig for mke-operator or the k0rdent sources, templates and
 * MultiClusterService. Never both.
 */
import { chartRegistry, imageRegistry } from '../config/accessors';
import type { Diagnostic } from '../config/diagnostics';
import { releaseInfo } from '../config/releases';
import { systemServicesFromSpec } from '../services';
import type { SystemService } from '../services/system-service';
import type { ControlPlaneHost } from './host';
import { K0rdentServices } from './k0rdent-services';
import { K0rdentManagement } from './management';
import { MkeOperator } from './mke-operator';

/** What addControlPlane built for a cluster. */
export interface ControlPlane {
  readonly services: SystemService[];
  readonly operator?: MkeOperator;
  readonly k0rdent?: K0rdentServices;
  /** `Management kcm`. */
  readonly management?: K0rdentManagement;
}

const planes = new WeakMap<ControlPlaneHost, ControlPlane>();

export function addControlPlane(cluster: ControlPlaneHost): void {
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
            imageRegistry: spec.airgap?.enabled ? imageRegistry(spec) : undefined,
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
  cluster.warnings.push(...k0rdentModeWarnings(cluster));
  planes.set(cluster, plane);
  for (const service of services) plane.operator?.addService(service);
  for (const service of services) plane.k0rdent?.addService(service);
  if (plane.k0rdent) cluster.warnings.push(...plane.k0rdent.warnings());

  const k0rdent = spec.k0rdent;
  // In manifests/ (stage 1): the MkeConfig in services/ needs the mke-operator provider it lists.
  const management = new K0rdentManagement(cluster.chart('15-management'), 'management', {
    release: cluster.release,
    mkeOperator: cluster.delivery !== 'k0rdent',
    providers: k0rdent?.enabled === false ? [] : (k0rdent?.providers ?? []).map((p) => ({ name: p.name, config: p.config })),
  });
  planes.set(cluster, { ...plane, management });
}

/**
 * What the cluster's kcm will not do with the spec as written:
 * - kcm ≥ 1.3 (MKE 4.2) no longer hands the chart registry's CA to Sveltos: the ServiceSet adapter
 *   builds `RegistryCredentialsConfig` from `secretRef` and `insecure` only (k0rdent/kcm v1.3.1
 *   internal/controller/adapters/sveltos/serviceset_controller.go `generateRegistryCredentialsConfig`;
 *   v1.2.0 internal/sveltos/profile.go still set `CASecretRef` from the HelmRepository's `certSecretRef`).
 *   So Flux validates the chart with the CA, and the Helm install on the cluster fails TLS verification.
 */
function k0rdentModeWarnings(cluster: ControlPlaneHost): Diagnostic[] {
  const out: Diagnostic[] = [];
  const info = releaseInfo(cluster.release);
  if (info.k0rdentCrdSet === 'v1.3.1' && cluster.spec.registries?.chartRegistry?.caData) {
    out.push({
      code: 'registry-ca-ignored',
      severity: 'warning',
      path: 'spec.registries.chartRegistry.caData',
      message: `MKE ${cluster.release} (kcm ${info.kcmVersion}) does not pass the chart registry's CA to Sveltos, which installs the charts: installs from this registry fail certificate verification`,
      hint: 'serve the chart registry with a certificate from a CA the management cluster already trusts, or mirror the charts to such a registry',
    });
  }
  if (cluster.delivery !== 'k0rdent') return out;
  // Sections only mke-operator reads: no chart value carries them in k0rdent delivery.
  const certificates = cluster.spec.certificates;
  if (certificates && (certificates.enabled || certificates.cert || certificates.ca || certificates.key)) {
    out.push({
      code: 'k0rdent-dropped-section',
      severity: 'warning',
      path: 'spec.certificates',
      message: 'k0rdent delivery does not render spec.certificates (the TLS certificate mke-operator installs for the MKE UI and ingress); it is dropped',
      hint: 'use operator delivery, or create the TLS Secret yourself (see prerequisites) and leave spec.certificates out',
    });
  }
  if (cluster.spec.componentScheduling && cluster.spec.componentScheduling.enabled !== false) {
    out.push({
      code: 'k0rdent-dropped-section',
      severity: 'warning',
      path: 'spec.componentScheduling',
      message: 'k0rdent delivery does not apply spec.componentScheduling (topology spread constraints mke-operator adds to system deployments); it is dropped',
      hint: 'use operator delivery, or set topologySpreadConstraints through each service\'s extraValues; set componentScheduling.enabled: false to acknowledge',
    });
  }
  return out;
}

/** The control plane addControlPlane built for a cluster (undefined for MKE 4.0). */
export function controlPlaneOf(cluster: ControlPlaneHost): ControlPlane | undefined {
  return planes.get(cluster);
}

/**
 * Adds a service built in TypeScript to a cluster, in its delivery mode: its MkeConfig section
 * (operator) or its templates and MCS entries (k0rdent). Warnings go to `cluster.warnings`.
 */
export function addSystemService(cluster: ControlPlaneHost, service: SystemService): void {
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
export { K0rdentManagement, managementProviders, releaseDefaultProviders, PRUNE_DISABLED } from './management';
export type { K0rdentManagementProps, K0rdentProvider } from './management';
export { orderServices } from './dependency-graph';
export type { GraphNode, GraphProblem, OrderedServices } from './dependency-graph';
export { helmRepositoryObjects, repositorySlug, MANAGED_LABEL, REGISTRY_SOURCE_NAME } from './flux-sources';
export type { ChartRegistry } from './flux-sources';
export type { ControlPlaneHost } from './host';
