/**
 * Pure MKE → k0s translations for the control-plane sections of the ClusterConfig: `api`,
 * `storage`, `controllerManager`, `scheduler`, `telemetry`, `images`. Called at synth time and
 * tested directly (STYLE habit 4).
 */
import { cplbVrrpInstances, dataDir, externalAddress, imageRegistry } from '../config/accessors';
import type { MkeSpec } from '../config/types';
import { posix } from 'node:path';
import type { K0sApi, K0sStorage, StringMap } from './types';

/** Sorted copy of a string map without empty values: stable output whatever the input order. */
export function sortedArgs(args: Record<string, string | undefined>): StringMap | undefined {
  const keys = Object.keys(args).filter((k) => args[k] !== undefined).sort();
  if (!keys.length) return undefined;
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = args[k] as string;
  return out;
}

/** The plain IPs of the control-plane load balancer's virtual IPs (`10.0.0.100/24` → `10.0.0.100`). */
export function cplbVirtualIps(spec: MkeSpec): string[] {
  const out: string[] = [];
  for (const vrrp of cplbVrrpInstances(spec)) for (const vip of vrrp.virtualIPs) out.push(vip.replace(/\/\d+$/, ''));
  return out;
}

/** Where the EventRateLimit admission configuration is uploaded on controllers. */
export function admissionConfigPath(spec: MkeSpec): string {
  return `${dataDir(spec)}/mke-admission-control.yaml`;
}

/**
 * Where the audit policy is uploaded on controllers: `audit.policyFile`, else (MKE 4.1.0–4.1.1 have no
 * such field) a file in the data dir — without `--audit-policy-file` kube-apiserver records no events.
 */
export function auditPolicyPath(spec: MkeSpec): string {
  return spec.apiServer?.audit?.policyFile ?? `${dataDir(spec)}/mke4_audit_policy.yaml`;
}

/** The directory kube-apiserver writes audit logs to (`undefined` for `-`, standard output). */
export function auditLogDir(spec: MkeSpec): string | undefined {
  const path = spec.apiServer?.audit?.logPath;
  if (!path || path === '-') return undefined;
  return posix.dirname(path);
}

/**
 * The audit policy for `audit.level` (default `Metadata`): one rule for every request
 * (audit.k8s.io/v1 `Policy`; levels None, Metadata, Request, RequestResponse).
 */
export function auditPolicy(level: string | undefined): string {
  return ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', `- level: ${level ?? 'Metadata'}`, ''].join('\n');
}

/**
 * `spec.api`: the external address (bare host: k0sctl builds its kubeconfig URL from it), SANs
 * (external address, user SANs and CPLB VIPs, so every controller's certificate covers them —
 * k0sctl#1100), and kube-apiserver flags from `apiServer` and `network.nodePortRange`.
 */
export function toK0sApi(spec: MkeSpec): K0sApi | undefined {
  const api = spec.apiServer;
  const address = externalAddress(spec);
  const sans = [...new Set([...(address ? [address] : []), ...(api?.sans ?? []), ...cplbVirtualIps(spec)])];
  const args: Record<string, string | undefined> = {};
  const audit = api?.audit;
  if (audit?.enabled) {
    args['audit-log-path'] = audit.logPath;
    args['audit-policy-file'] = auditPolicyPath(spec);
    args['audit-log-maxage'] = audit.maxAge?.toString();
    args['audit-log-maxbackup'] = audit.maxBackup?.toString();
    args['audit-log-maxsize'] = audit.maxSize?.toString();
  }
  if (api?.eventRateLimit?.enabled) {
    // extraArgs replace k0s' own value of a flag, so NodeRestriction (k0s' default) is kept explicitly.
    args['enable-admission-plugins'] = 'NodeRestriction,EventRateLimit';
    args['admission-control-config-file'] = admissionConfigPath(spec);
  }
  args['request-timeout'] = api?.requestTimeout;
  // apiServer.encryptionProvider is not passed on: MKE's installer writes that file (it holds an
  // encryption key), k0sctl does not, and kube-apiserver refuses to start when the flag names a
  // missing file. Users who place the file themselves set apiServer.extraArgs; synth says so
  // (warning encryption-provider-dropped).
  args['service-node-port-range'] = spec.network?.nodePortRange;
  Object.assign(args, api?.extraArgs ?? {});
  const extraArgs = sortedArgs(args);
  if (!address && !sans.length && !extraArgs) return undefined;
  return {
    ...(address ? { externalAddress: address } : {}),
    ...(sans.length ? { sans } : {}),
    ...(extraArgs ? { extraArgs } : {}),
  };
}

/**
 * The AdmissionConfiguration that EventRateLimit needs (the plugin refuses to start without one);
 * uploaded to controllers through k0sctl `files`. Limits are the upstream example's server-wide ones.
 */
export function eventRateLimitAdmissionConfig(): string {
  return [
    'apiVersion: apiserver.config.k8s.io/v1',
    'kind: AdmissionConfiguration',
    'plugins:',
    '- name: EventRateLimit',
    '  configuration:',
    '    apiVersion: eventratelimit.admission.k8s.io/v1alpha1',
    '    kind: Configuration',
    '    limits:',
    '    - type: Server',
    '      qps: 5000',
    '      burst: 20000',
    '',
  ].join('\n');
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, ki: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mi: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gi: 1024 ** 3, gib: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4, ti: 1024 ** 4, tib: 1024 ** 4 };

/**
 * `2GB` → `"2147483648"`. Binary multiples for every unit spelling, as docker/units (which MKE 3's
 * etcd quota used) reads them. Undefined when the text is not a size.
 */
export function parseByteSize(text: string): string | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = SIZE_UNITS[m[2].toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.round(Number(m[1]) * unit).toString();
}

/** `spec.storage`: always etcd (joinable, so any controller count works), type written explicitly. */
export function toK0sStorage(spec: MkeSpec): K0sStorage {
  const etcd = spec.etcd;
  const extraArgs = sortedArgs({
    'quota-backend-bytes': etcd?.storageQuota ? (parseByteSize(etcd.storageQuota) ?? etcd.storageQuota) : undefined,
    'cipher-suites': etcd?.tlsCipherSuites || undefined,
    ...(etcd?.extraArgs ?? {}),
  });
  return extraArgs ? { type: 'etcd', etcd: { extraArgs } } : { type: 'etcd' };
}

export function toK0sControllerManager(spec: MkeSpec): { extraArgs: StringMap } | undefined {
  const cm = spec.controllerManager;
  const extraArgs = sortedArgs({
    'terminated-pod-gc-threshold': cm?.terminatedPodGCThreshold?.toString(),
    ...(cm?.extraArgs ?? {}),
  });
  return extraArgs ? { extraArgs } : undefined;
}

export function toK0sScheduler(spec: MkeSpec): { extraArgs: StringMap } | undefined {
  const s = spec.scheduler;
  const extraArgs = sortedArgs({
    profiling: s?.profilingEnabled === undefined ? undefined : String(s.profilingEnabled),
    'bind-address': s?.bindToAll ? '0.0.0.0' : undefined,
    ...(s?.extraArgs ?? {}),
  });
  return extraArgs ? { extraArgs } : undefined;
}

/** `spec.telemetry`: written always, because k0s flipped its default in 1.33. */
export function toK0sTelemetry(spec: MkeSpec): { enabled: boolean } {
  return { enabled: spec.tracking?.enabled ?? false };
}

/** `spec.images`: airgapped clusters pull every k0s image from the MKE image registry. */
export function toK0sImages(spec: MkeSpec): { repository: string } | undefined {
  return spec.airgap?.enabled ? { repository: imageRegistry(spec) } : undefined;
}
