/**
 * The system services of an MKE cluster, in the order they are listed (no self-registration):
 * `systemServicesFromSpec` reads a validated spec and creates one construct per enabled service.
 */
import { Construct } from 'constructs';
import { controllers, externalAddress, imageRegistry, kubeletRootDir, serviceCidr } from '../config/accessors';
import { isAtLeast, MkeRelease } from '../config/releases';
import type { MkeSpec } from '../config/types';
import { Addon } from './addon';
import { Authentication } from './authentication';
import { Backup } from './backup';
import { CloudProvider } from './cloud-provider';
import { CoreDnsLameduck } from './coredns-lameduck';
import { Dashboard } from './dashboard';
import { EnvoyGateway } from './envoy-gateway';
import { Gatekeeper } from './gatekeeper';
import { IngressNginx } from './ingress-nginx';
import { MetalLb } from './metallb';
import { Monitoring } from './monitoring';
import { Multus } from './multus';
import { NodeFeatureDiscovery } from './node-feature-discovery';
import { NodeLocalDns } from './node-local-dns';
import { NvidiaGpu } from './nvidia-gpu';
import { SecretsStoreCsiDriver } from './secrets-store-csi-driver';
import type { SystemService } from './system-service';
import { UserService } from './user-service';

/** Creates the service constructs a spec enables, under `scope`, in install order. */
export function systemServicesFromSpec(scope: Construct, spec: MkeSpec, release: MkeRelease): SystemService[] {
  const out: SystemService[] = [];
  const auth = spec.authentication ?? {};
  out.push(
    new Authentication(scope, 'authentication', {
      release,
      replicaCount: auth.replicaCount,
      resources: auth.resources,
      expiry: auth.expiry,
      oidc: auth.oidc,
      ldap: auth.ldap,
      saml: auth.saml,
      externalAddress: externalAddress(spec) ?? controllers(spec)[0]?.ssh?.address,
    }),
  );

  const ingress = spec.ingressController;
  if (ingress?.enabled) {
    const { enabled: _enabled, numReplicas, replicaCount, ...rest } = ingress;
    out.push(new IngressNginx(scope, 'ingress-nginx', { release, ...rest, replicaCount: replicaCount ?? numReplicas }));
  }

  if (isAtLeast(release, '4.1.3')) {
    const envoy = spec.envoyGateway ?? {};
    out.push(
      new EnvoyGateway(scope, 'envoy-gateway', {
        release,
        replicaCount: envoy.replicaCount,
        controllerCount: Math.max(1, controllers(spec).length),
        nodeSelector: envoy.nodeSelector,
        tolerations: envoy.tolerations,
        resources: envoy.resources,
        ingress: spec.gatewayMKEIngress,
        imageRegistry: spec.airgap?.enabled ? imageRegistry(spec) : undefined,
      }),
    );
  }

  if (spec.metallb?.enabled) out.push(new MetalLb(scope, 'metallb', { release }));

  const monitoring = spec.monitoring ?? {};
  out.push(
    new Monitoring(scope, 'monitoring', {
      release,
      enableGrafana: monitoring.enableGrafana,
      enableCAdvisor: monitoring.enableCAdvisor,
      enableOpscare: monitoring.enableOpscare,
      grafanaIngress: monitoring.grafana?.ingress?.enabled,
      prometheus: monitoring.prometheus,
    }),
  );

  if (spec.backup && spec.backup.enabled !== false) {
    out.push(
      new Backup(scope, 'backup', {
        release,
        scheduledBackup: spec.backup.scheduled_backup,
        storageProvider: spec.backup.storage_provider,
        externalAddress: externalAddress(spec) ?? controllers(spec)[0]?.ssh?.address,
      }),
    );
  }

  const opa = spec.policyController?.opaGatekeeper;
  if (opa?.enabled) out.push(new Gatekeeper(scope, 'gatekeeper', { release, exemptNamespaces: opa.exemptNamespaces }));

  out.push(new NodeFeatureDiscovery(scope, 'node-feature-discovery', { release }));

  const gpu = spec.devicePlugins?.nvidiaGPU;
  if (gpu?.enabled) out.push(new NvidiaGpu(scope, 'nvidia-gpu', { release, mig: gpu.mig }));

  if (spec.network?.multus?.enabled) out.push(new Multus(scope, 'multus', { release }));

  if (spec.cloudProvider?.enabled) out.push(new CloudProvider(scope, 'cloud-provider', { release, provider: spec.cloudProvider.provider }));

  const nld = spec.nodeLocalDNS;
  if (nld?.enabled) {
    out.push(new NodeLocalDns(scope, 'node-local-dns', { release, nodeLocalConfigPersist: nld.nodeLocalConfigPersist, resources: nld.resources, serviceCidr: serviceCidr(spec) }));
  }

  const csi = spec.secretsStoreCSIDriver;
  if (csi?.enabled) {
    out.push(
      new SecretsStoreCsiDriver(scope, 'secrets-store-csi-driver', {
        release,
        automountServiceAccountToken: csi.automountServiceAccountToken,
        linux: csi.linux?.enabled,
        windows: csi.windows?.enabled,
        maxCallRecvMsgSize: csi.maxCallRecvMsgSize,
        syncSecret: csi.syncSecret,
        kubeletRootDir: kubeletRootDir(spec, release),
      }),
    );
  }

  const lameduck = spec.dns?.lameduck;
  if (lameduck?.enabled) out.push(new CoreDnsLameduck(scope, 'coredns-lameduck', { release, duration: lameduck.duration }));

  out.push(new Dashboard(scope, 'dashboard', { release, resources: spec.ui?.resources, tolerations: spec.ui?.tolerations }));

  (spec.addons ?? []).forEach((addon, index) => {
    if (addon.enabled === false) return;
    out.push(new Addon(scope, `addon-${index}-${addon.name}`, { release, addon, index }));
  });

  (spec.services ?? []).forEach((s, index) => {
    out.push(new UserService(scope, `service-${index}-${s.name}`, { release, name: s.name, template: s.template, namespace: s.namespace, values: s.values }));
  });
  return out;
}

export { SystemService, SUBSTITUTE_ANNOTATION, SUBSTITUTE_DISABLED } from './system-service';
export type { ChartOverride, ResolvedChart, ServiceRelease, SystemServiceProps } from './system-service';
export * from './addon';
export * from './authentication';
export * from './backup';
export * from './cloud-provider';
export * from './coredns-lameduck';
export * from './dashboard';
export * from './envoy-gateway';
export * from './gatekeeper';
export * from './ingress-nginx';
export * from './ingress-route';
export * from './metallb';
export * from './metallb-objects';
export * from './monitoring';
export * from './multus';
export * from './node-feature-discovery';
export * from './node-local-dns';
export * from './nvidia-gpu';
export * from './secrets-store-csi-driver';
export * from './user-service';
