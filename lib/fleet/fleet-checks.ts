/**
 * The fleet's cross-reference checks, run once over the whole fleet at synth time (so 500 child
 * clusters cost one pass, not 500²): the management release, providers, credentials, template
 * references, duplicate objects and selectors that reach no child cluster.
 */
import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { MkeCluster } from '../cluster';
import type { Diagnostic } from '../config/diagnostics';
import { ChildCluster } from './child-cluster';
import type { Credential } from './credential';
import { FLEET_CODES } from './diagnostics';
import { k0rdentApiFor } from './k0rdent-api';
import { selectorMatches } from './label-selector';
import { parse } from 'yaml';
import { clusterTemplateChart, kcmCatalogFor, shippedVersionsOf } from '../config/kcm-release';
import { releaseInfo } from '../config/releases';
import type { FleetService } from './service-entry';
import type { FleetServiceSet } from './fleet-service-set';
import type { FleetServiceTemplate } from './fleet-service-template';

/** What the checks read of a `Fleet`: the Fleet passes itself (so this file does not import fleet.ts). */
export interface CheckedFleet extends IConstruct {
  readonly management: MkeCluster;
  readonly externalTemplates: readonly string[];
  readonly externalCredentials: readonly string[];
  readonly externalClusterTemplates: readonly string[];
  clusters(): ChildCluster[];
  credentials(): Credential[];
  serviceTemplates(): FleetServiceTemplate[];
  serviceSets(): FleetServiceSet[];
}

/** Every cross-reference problem of a fleet. */
export function checkFleet(live: CheckedFleet): Diagnostic[] {
  const fleet = withMembersOnce(live);
  const mgmt = fleet.management;
  if (!k0rdentApiFor(mgmt.release)) {
    return [
      {
        code: FLEET_CODES.unsupportedRelease,
        severity: 'error',
        path: fleet.node.path,
        message: `management cluster ${mgmt.clusterName} runs MKE ${mgmt.release}, which has no k0rdent; a fleet needs MKE 4.1.0 or newer`,
        hint: 'upgrade the management cluster (`mke4k init --mke-version 4.2.0`)',
      },
    ];
  }
  return [
    ...checkK0rdentEnabled(fleet),
    ...checkProviders(fleet),
    ...checkClusterTemplates(fleet),
    ...checkCredentials(fleet),
    ...checkTemplates(fleet),
    ...checkWrapperValues(fleet),
    ...checkDuplicates(fleet),
    ...checkSelectors(fleet),
  ];
}

/**
 * The fleet as the checks see it: each list of members (a walk over the whole fleet, thousands of
 * constructs with many child clusters) taken once for all the checks instead of once per check.
 */
function withMembersOnce(fleet: CheckedFleet): CheckedFleet {
  const once = <T>(list: () => T[]): (() => T[]) => {
    let kept: T[] | undefined;
    return () => (kept ??= list());
  };
  return Object.assign(Object.create(fleet) as CheckedFleet, {
    clusters: once(() => fleet.clusters()),
    credentials: once(() => fleet.credentials()),
    serviceTemplates: once(() => fleet.serviceTemplates()),
    serviceSets: once(() => fleet.serviceSets()),
  });
}

function checkK0rdentEnabled(fleet: CheckedFleet): Diagnostic[] {
  if (fleet.management.spec.k0rdent?.enabled !== false) return [];
  return [
    {
      code: FLEET_CODES.providerNotEnabled,
      severity: 'error',
      path: fleet.node.path,
      message: `management cluster ${fleet.management.clusterName} has spec.k0rdent.enabled: false; a fleet needs k0rdent`,
      hint: 'set spec.k0rdent.enabled: true on the management cluster',
    },
  ];
}

/**
 * The management cluster's `Management kcm` enables every provider the fleet's templates need
 * (Fleet.requiredProviders), so nothing is missing; a child whose provider cannot be told is reported.
 */
function checkProviders(fleet: CheckedFleet): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const child of fleet.clusters()) {
    if (child.provider !== undefined || fleet.externalClusterTemplates.includes(child.template)) continue;
    out.push({
      code: FLEET_CODES.providerNotEnabled,
      severity: 'warning',
      path: child.node.path,
      message: `cannot tell the infrastructure provider of child cluster ${child.clusterName} (template ${child.template}); its k0rdent provider is not enabled for it`,
      hint: 'set `provider` on the ChildCluster',
    });
  }
  return out;
}

/**
 * Every child's ClusterTemplate must be one the management cluster's kcm ships (kcm's
 * ClusterDeployment webhook refuses a missing or invalid template): facts from k0rdent/kcm
 * templates/cluster/* per release tag (lib/config/kcm-catalog.ts). A known template family with a
 * version kcm does not ship is an error; a name kcm does not know at all (e.g. MKE's own templates)
 * a warning, unless the Fleet lists it in `externalClusterTemplates`.
 */
function checkClusterTemplates(fleet: CheckedFleet): Diagnostic[] {
  const kcm = releaseInfo(fleet.management.release).kcmVersion;
  const entry = kcm ? kcmCatalogFor(kcm) : undefined;
  if (!kcm || !entry) return [];
  const source = entry.exact ? `kcm ${kcm}` : `kcm ${kcm} (templates read at the nearest tag, ${entry.tag})`;
  const out: Diagnostic[] = [];
  for (const child of fleet.clusters()) {
    const template = child.template;
    if (entry.catalog.clusterTemplates[template] || fleet.externalClusterTemplates.includes(template)) continue;
    const chart = clusterTemplateChart(template);
    const shipped = chart ? shippedVersionsOf(entry.catalog, chart) : [];
    out.push({
      code: FLEET_CODES.clusterTemplateUnknown,
      severity: shipped.length ? 'error' : 'warning',
      path: child.node.path,
      message: shipped.length
        ? `child cluster ${child.clusterName} uses ClusterTemplate ${template}, which MKE ${fleet.management.release}'s ${source} does not ship; it ships ${shipped.join(', ')}`
        : `child cluster ${child.clusterName} uses ClusterTemplate ${template}, which MKE ${fleet.management.release}'s ${source} does not ship; it must exist on the management cluster`,
      hint: shipped.length
        ? `use template: ${shipped[shipped.length - 1]}, or list ${template} in the Fleet's externalClusterTemplates if you install it yourself`
        : `list ${template} in the Fleet's externalClusterTemplates once it exists (kubectl -n k0rdent get clustertemplates)`,
    });
  }
  return out;
}

/**
 * k0rdent catalog charts are wrappers: the real chart is a dependency (e.g. k0rdent/catalog
 * apps/ingress-nginx/charts/ingress-nginx-4.13.2/Chart.yaml `dependencies: [{name: ingress-nginx}]`),
 * and Helm passes a sub-chart only the values under its name. Values beside it are ignored.
 */
function checkWrapperValues(fleet: CheckedFleet): Diagnostic[] {
  const wrappers = new Map<string, string>();
  for (const t of fleet.serviceTemplates()) if (t.wraps) wrappers.set(t.templateName, t.wraps);
  const out: Diagnostic[] = [];
  const check = (services: readonly FleetService[], path: string, owner: string) => {
    for (const service of services) {
      const wrapped = wrappers.get(service.template);
      if (!wrapped || service.values === undefined) continue;
      const keys = typeof service.values === 'string' ? topLevelKeys(service.values) : Object.keys(service.values);
      const stray = keys.filter((k) => k !== wrapped && k !== 'global');
      if (!stray.length) continue;
      out.push({
        code: FLEET_CODES.wrapperValues,
        severity: 'warning',
        path,
        message: `${owner} service ${service.name}: ServiceTemplate ${service.template} is a wrapper of chart ${wrapped}, so values ${stray.join(', ')} outside \`${wrapped}:\` are ignored`,
        hint: `nest the values under \`${wrapped}:\``,
      });
    }
  };
  for (const child of fleet.clusters()) check(child.serviceList, child.node.path, `child cluster ${child.clusterName}`);
  for (const set of fleet.serviceSets()) check(set.serviceList, set.node.path, `service set ${set.setName}`);
  return out;
}

/** Top-level keys of a values YAML string (Sveltos templates may make it invalid YAML: then none). */
function topLevelKeys(values: string): string[] {
  try {
    const parsed: unknown = parse(values);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? Object.keys(parsed) : [];
  } catch {
    return [];
  }
}

function checkCredentials(fleet: CheckedFleet): Diagnostic[] {
  const credentials = fleet.credentials();
  const known = new Map(credentials.map((c) => [c.credentialName, c]));
  const external = new Set(fleet.externalCredentials);
  const out: Diagnostic[] = [];
  for (const child of fleet.clusters()) {
    const name = child.credentialName;
    if (name === undefined) continue; // reported by the ChildCluster itself
    const credential = known.get(name);
    if (!credential && !external.has(name)) {
      out.push({
        code: FLEET_CODES.credentialMissing,
        severity: 'error',
        path: child.node.path,
        message: `child cluster ${child.clusterName} uses credential ${name}, which the fleet does not declare`,
        hint: `declare it (e.g. new AwsCredential(fleet, '${name}', { identityName: … })) or list it in the Fleet's externalCredentials`,
      });
      continue;
    }
    // A credential kept in another child's folder disappears when that child is removed.
    const owner = credential?.node.scopes.find((s) => ChildCluster.isChildCluster(s));
    if (owner && owner !== child) {
      out.push({
        code: FLEET_CODES.credentialMissing,
        severity: 'warning',
        path: child.node.path,
        message: `child cluster ${child.clusterName} uses credential ${name}, which lives in the folder of another child cluster`,
        hint: 'declare shared credentials on the Fleet (they then go to the management cluster manifests)',
      });
    }
  }
  return out;
}

/** Names of the ServiceTemplates a service may use: the fleet's, the management cluster's, external ones. */
export function availableTemplates(fleet: CheckedFleet): Set<string> {
  const names = new Set<string>(fleet.externalTemplates);
  for (const t of fleet.serviceTemplates()) names.add(t.templateName);
  for (const c of fleet.management.node.findAll()) if (c instanceof ApiObject && c.kind === 'ServiceTemplate') names.add(c.name);
  return names;
}

function checkTemplates(fleet: CheckedFleet): Diagnostic[] {
  const available = availableTemplates(fleet);
  const out: Diagnostic[] = [];
  const check = (services: readonly FleetService[], path: string, owner: string) => {
    services.forEach((service, i) => {
      if (available.has(service.template)) return;
      out.push({
        code: FLEET_CODES.templateMissing,
        severity: 'error',
        path,
        message: `${owner} services[${i}] (${service.name}) uses ServiceTemplate ${service.template}, which neither the fleet nor management cluster ${fleet.management.clusterName} declares`,
        hint: `add a FleetServiceTemplate named ${service.template}, or list it in the Fleet's externalTemplates${available.size ? ` (known: ${preview([...available].sort())})` : ''}`,
      });
    });
  };
  for (const child of fleet.clusters()) check(child.serviceList, child.node.path, `child cluster ${child.clusterName}`);
  for (const set of fleet.serviceSets()) check(set.serviceList, set.node.path, `service set ${set.setName}`);
  return out;
}

/** Two objects of one kind and name on the management cluster overwrite each other. */
function checkDuplicates(fleet: CheckedFleet): Diagnostic[] {
  const seen = new Map<string, ApiObject>();
  const out: Diagnostic[] = [];
  const objects = new Set<ApiObject>();
  for (const c of [...fleet.management.node.findAll(), ...fleet.node.findAll()]) if (c instanceof ApiObject) objects.add(c);
  for (const o of objects) {
    if (o.kind === 'ClusterDeployment') continue; // same name = same cluster name: the writer reports `duplicate-cluster`
    const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.name}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, o);
      continue;
    }
    out.push({
      code: FLEET_CODES.duplicateObject,
      severity: 'error',
      path: o.node.scope?.node.path ?? o.node.path,
      message: `two ${o.kind} objects are named ${o.name}${o.metadata.namespace ? ` in namespace ${o.metadata.namespace}` : ''} (${first.node.path} and ${o.node.path})`,
      hint: 'give each its own name',
    });
  }
  return out;
}

function checkSelectors(fleet: CheckedFleet): Diagnostic[] {
  const clusters = fleet.clusters();
  const out: Diagnostic[] = [];
  for (const set of fleet.serviceSets()) {
    if (clusters.some((c) => selectorMatches(set.selector, c.labels))) continue;
    out.push({
      code: FLEET_CODES.selectorNoMatch,
      severity: 'warning',
      path: set.node.path,
      message: `service set ${set.setName} selects no child cluster of the fleet`,
      hint: 'check the selector against the ChildClusters\' labels (clusters created outside this program may still match)',
    });
  }
  return out;
}

function preview(names: readonly string[], max = 5): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
