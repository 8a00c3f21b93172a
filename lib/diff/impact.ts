/**
 * What a change means for a running cluster (k0sctl#308, k0s#6408: re-applying is not a full update). One
 * table, checked in order; the first rule that answers wins. Words only, never a value that could
 * be a secret (versions and booleans only).
 */
import type { Delivery } from '../cluster';
import { compareReleases, MkeRelease, releaseInfo, toRelease } from '../config/releases';
import type { Change } from './tree-diff';

type Rule = (change: Change, path: string, delivery: Delivery) => string | undefined;

const HOST = String.raw`^spec\.hosts\[[^\]]+\]`;

const CANNOT_CHANGE = 'cannot change on a running cluster';
// k0s re-creates the certificates it manages each time a controller starts, with the API address
// and SANs of the config in effect (k0s pkg/certificate/manager.go `regenerateCert`), and the admin
// kubeconfig names the API address (k0s pkg/apis/k0s/v1beta1/api.go `APIAddressURL`).
const API_ADDRESS = 'API certificates are re-issued with the new address when k0s restarts on each controller; kubeconfigs that name the old address must be fetched again (`k0sctl kubeconfig`)';
const API_SANS = 'API server certificate is re-issued with the new SANs when k0s restarts on each controller; clients that use a removed name fail TLS';
const HELM_UPGRADE = 'Helm upgrade';
const RESTARTS = 'needs node restarts';

function minor(release: MkeRelease): number {
  return Number(release.split('.')[1]);
}

/** Upgrade, downgrade or skip of `spec.version`. */
export function versionImpact(oldVersion: unknown, newVersion: unknown): string | undefined {
  const from = typeof oldVersion === 'string' ? toRelease(oldVersion) : undefined;
  const to = typeof newVersion === 'string' ? toRelease(newVersion) : undefined;
  if (!from || !to) return undefined;
  const k0s = `k0s ${releaseInfo(from).k0sVersion} → ${releaseInfo(to).k0sVersion}`;
  if (compareReleases(to, from) < 0) return `unsupported: downgrade from MKE ${from} to ${to} (k0sctl refuses to downgrade k0s)`;
  if (minor(to) - minor(from) > 1) return `unsupported: MKE ${from} → ${to} skips 4.${minor(from) + 1}; upgrade one minor release at a time`;
  return `upgrade MKE ${from} → ${to} (${k0s})`;
}

function serviceName(path: string): string {
  return path.replace(/^spec\./, '').replace(/\.enabled$/, '');
}

const RULES: readonly Rule[] = [
  (c, p) => (new RegExp(`${HOST}$`).test(p) && c.kind === 'added' ? 'k0sctl apply installs k0s on the node and joins it' : undefined),
  (c, p) =>
    new RegExp(`${HOST}$`).test(p) && c.kind === 'removed'
      ? 'k0sctl apply does not remove the node by itself: apply with `reset: true` on it in k0sctl.yaml first'
      : undefined,
  (_c, p) => (new RegExp(`${HOST}\\.role$`).test(p) ? 'role change: reset the node and join it again' : undefined),
  (_c, p) => (new RegExp(`${HOST}\\.installFlags`).test(p) ? 'k0sctl reinstalls k0s on the node (restart)' : undefined),
  (_c, p) => (new RegExp(`${HOST}\\.(kubeletRootDir|dataDir|privateAddress|privateInterface)$`).test(p) ? RESTARTS : undefined),
  (c, p) => (p === 'spec.version' ? versionImpact(c.old, c.new) : undefined),
  (_c, p) =>
    /^spec\.network\.providers(\[[^\]]+\])?(\.enabled)?$/.test(p) || (p.startsWith('spec.network.providers') && p.endsWith('.provider'))
      ? `CNI provider ${CANNOT_CHANGE}`
      : undefined,
  (_c, p) => (/^spec\.network\.providers\[[^\]]+\]\.extraConfig\.(cidrV4|clusterCIDRIPv4)$/.test(p) ? `pod CIDR ${CANNOT_CHANGE}` : undefined),
  (_c, p) => (p === 'spec.network.serviceCIDR' ? `service CIDR ${CANNOT_CHANGE}` : undefined),
  (_c, p) => (p === 'spec.apiServer.externalAddress' ? API_ADDRESS : undefined),
  (_c, p) => (/^spec\.apiServer\.sans(\[|$)/.test(p) ? API_SANS : undefined),
  (_c, p) => (p.startsWith('spec.registries') ? `registries ${CANNOT_CHANGE}` : undefined),
  (_c, p) => (/^spec\.kubelet(\.|$)/.test(p) ? `${RESTARTS} (kubelet and worker profiles)` : undefined),
  (_c, p) => (/^spec\.network\.(cplb|controlPlaneLoadBalancing|nllb)(\.|\[|$)/.test(p) ? `${RESTARTS} (load balancing)` : undefined),
  (c, p, delivery) => {
    if (!/\.enabled$/.test(p) || typeof c.new !== 'boolean' || typeof c.old !== 'boolean') return undefined;
    const how = delivery === 'k0rdent' ? 'its ServiceTemplate is attached to or detached from the MultiClusterService' : 'mke-operator installs or removes it';
    return `service ${serviceName(p)} ${c.new ? 'enabled' : 'disabled'} (${how})`;
  },
  (c, p) => (/^spec\.services\[[^\]]+\]$/.test(p) && c.kind !== 'changed' ? `service ${c.kind}` : undefined),
];

/** The impact of one spec change, when known. */
export function impactOf(change: Change, delivery: Delivery = 'operator'): string | undefined {
  for (const rule of RULES) {
    const impact = rule(change, change.path, delivery);
    if (impact) return impact;
  }
  return undefined;
}

/** Impacts of rendered-file changes (folder diffs): the k0sctl.yaml fields a re-apply does not update (k0sctl#308, k0s#6408). */
export function fileImpactOf(change: Change): string | undefined {
  const m = /^k0sctl\.yaml\[[^\]]*\]\.(.*)$/.exec(change.path);
  if (!m) return manifestImpactOf(change);
  const p = m[1];
  if (/^spec\.hosts\[[^\]]+\]$/.test(p)) return impactOf({ ...change, path: p });
  if (p === 'spec.k0s.version') return 'k0s version change (k0sctl refuses a downgrade)';
  if (/^spec\.k0s\.config\.spec\.network\.(provider|podCIDR|serviceCIDR)$/.test(p)) return CANNOT_CHANGE;
  if (/^spec\.k0s\.config\.spec\.(workerProfiles|network\.(controlPlaneLoadBalancing|nodeLocalLoadBalancing))/.test(p)) return RESTARTS;
  if (p === 'spec.k0s.config.spec.api.externalAddress') return API_ADDRESS;
  if (/^spec\.k0s\.config\.spec\.api\.sans(\[|$)/.test(p)) return API_SANS;
  if (/^spec\.k0s\.config\.spec\.extensions\.helm\.charts\[[^\]]+\]/.test(p)) return `${HELM_UPGRADE}: k0s applies the chart change on the controllers`;
  return manifestImpactOf(change);
}

/** Impacts of manifest changes: what mke-operator or k0rdent does when Flux applies them. */
function manifestImpactOf(change: Change): string | undefined {
  const m = /^manifests\/[^[]+\[([A-Za-z]+)\/[^\]]*\](?:\.(.*))?$/.exec(change.path);
  if (!m) return undefined;
  const [, kind, p = ''] = m;
  if (kind === 'MkeConfig' && p.startsWith('spec.') && !p.startsWith('spec.hosts')) return `mke-operator reconciles it (${HELM_UPGRADE} of the services it renders)`;
  if (kind === 'ServiceTemplate' && change.kind !== 'changed' && p === '') return change.kind === 'added' ? 'k0rdent gets a new chart version to install' : 'Flux prunes the old ServiceTemplate';
  if (kind === 'MultiClusterService' && p.startsWith('spec.serviceSpec')) return `k0rdent rolls the services out (${HELM_UPGRADE})`;
  return undefined;
}
