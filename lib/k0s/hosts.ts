/**
 * MKE `spec.hosts[]` → k0sctl `spec.hosts[]`: connection, role, addresses, directories and the
 * `k0s install` flags MKE needs, in canonical `--flag=value` form (k0sctl#801: k0sctl compares them
 * with what k0s reports and reinstalls on any difference).
 */
import * as ipaddr from 'ipaddr.js';
import { cplbEnabled, dataDir } from '../config/accessors';
import { isIp } from '../config/schema-common';
import type { MkeHostSpec, MkeSpec } from '../config/types';
import { k0sSupports } from './k0s-version';
import { admissionConfigPath, eventRateLimitAdmissionConfig } from './to-k0s-control-plane';
import type { K0sctlHost, K0sctlRole, K0sctlSsh } from './types';
import { hasMkeProfiles, profileForRole } from './worker-profiles';

/** k0s' default data dir; only a different one is written. */
export const DEFAULT_DATA_DIR = '/var/lib/k0s';

/** `--debug` → `--debug=true`; `--flag value` → `--flag=value`; anything else unchanged. */
export function canonicalInstallFlag(flag: string): string {
  const trimmed = flag.trim();
  if (/^--[A-Za-z0-9][A-Za-z0-9-]*$/.test(trimmed)) return `${trimmed}=true`;
  const spaced = /^(--[A-Za-z0-9][A-Za-z0-9-]*)\s+(\S.*)$/.exec(trimmed);
  if (spaced) return `${spaced[1]}=${spaced[2]}`;
  return trimmed;
}

/** `--profile=x` → `--profile`; short or odd flags are their own name. */
export function installFlagName(flag: string): string {
  return flag.split('=')[0];
}

/** The user's flags first (canonical), then each MKE flag whose name the user has not set. */
export function mergeInstallFlags(user: readonly string[], mke: readonly string[]): string[] {
  const out = user.map(canonicalInstallFlag);
  const names = new Set(out.map(installFlagName));
  for (const flag of mke) if (!names.has(installFlagName(flag))) out.push(flag);
  return out;
}

/** Quotes a flag value containing spaces so k0sctl passes it as one argument. */
function flagValue(value: string): string {
  return /\s/.test(value) ? `"${value.replace(/"/g, '\\"')}"` : value;
}

/** Flags MKE adds to every host of a role. */
export function mkeInstallFlags(spec: MkeSpec, role: K0sctlRole): string[] {
  const flags: string[] = [];
  const profile = hasMkeProfiles(spec) ? profileForRole(role) : undefined;
  if (profile) flags.push(`--profile=${profile}`);
  const kubeletArgs = Object.keys(spec.kubelet?.extraArgs ?? {}).sort().map((k) => `--${k}=${spec.kubelet?.extraArgs?.[k]}`);
  if (kubeletArgs.length && role !== 'controller') flags.push(`--kubelet-extra-args=${flagValue(kubeletArgs.join(' '))}`);
  // The cloud provider's CCM initialises nodes only when kubelet runs with --cloud-provider=external.
  if (spec.cloudProvider?.enabled) flags.push('--enable-cloud-provider=true');
  return flags;
}

function toSsh(ssh: NonNullable<MkeHostSpec['ssh']>): K0sctlSsh {
  return {
    address: ssh.address,
    ...(ssh.user !== undefined ? { user: ssh.user } : {}),
    ...(ssh.port !== undefined ? { port: ssh.port } : {}),
    ...(ssh.keyPath !== undefined ? { keyPath: ssh.keyPath } : {}),
    ...('bastion' in ssh && ssh.bastion ? { bastion: toSsh(ssh.bastion) } : {}),
  };
}

/**
 * The address a host uses for cluster traffic when the file does not say, under control-plane load
 * balancing (k0sctl#1100: k0sctl's own guess may pick the VIP's NIC or a public address). Known only
 * when the SSH address is a non-public IP or is reached through a bastion.
 */
export function knownPrivateAddress(host: MkeHostSpec): string | undefined {
  const address = host.ssh?.address;
  if (!address || !isIp(address)) return undefined;
  if (host.ssh?.bastion) return address;
  return ipaddr.parse(address).range() === 'unicast' ? undefined : address;
}

/** One host, translated. `k0sVersion` gates `kubeletRootDir` (k0sctl rejects it below 1.32.1). */
export function toK0sctlHost(spec: MkeSpec, host: MkeHostSpec, k0sVersion: string): K0sctlHost {
  const role = host.role as K0sctlRole;
  const privateAddress = host.privateAddress ?? (cplbEnabled(spec) ? knownPrivateAddress(host) : undefined);
  const hostDataDir = host.dataDir ?? dataDir(spec);
  const kubeletRootDir = host.kubeletRootDir ?? spec.kubelet?.kubeletRootDir;
  const installFlags = mergeInstallFlags(host.installFlags ?? [], mkeInstallFlags(spec, role));
  const isController = role !== 'worker';
  const files =
    isController && spec.apiServer?.eventRateLimit?.enabled
      ? [{ name: 'mke-admission-control', data: eventRateLimitAdmissionConfig(), dst: admissionConfigPath(spec), perm: '0600' }]
      : [];
  return {
    role,
    ...(host.ssh ? { ssh: toSsh(host.ssh) } : {}),
    ...(host.winRM ? { winRM: { ...host.winRM, ...(host.winRM.bastion ? { bastion: toSsh(host.winRM.bastion) } : {}) } } : {}),
    ...(host.localhost ? { localhost: { enabled: host.localhost.enabled } } : {}),
    ...(host.privateInterface ? { privateInterface: host.privateInterface } : {}),
    ...(privateAddress ? { privateAddress } : {}),
    ...(host.hostname ? { hostname: host.hostname } : {}),
    ...(hostDataDir !== DEFAULT_DATA_DIR ? { dataDir: hostDataDir } : {}),
    ...(kubeletRootDir && k0sSupports(k0sVersion, 'kubeletRootDir') ? { kubeletRootDir } : {}),
    ...(host.environment && Object.keys(host.environment).length ? { environment: host.environment } : {}),
    ...(installFlags.length ? { installFlags } : {}),
    ...(host.noTaints ? { noTaints: true } : {}),
    ...(files.length ? { files } : {}),
  };
}

export function toK0sctlHosts(spec: MkeSpec, k0sVersion: string): K0sctlHost[] {
  return spec.hosts.map((h) => toK0sctlHost(spec, h, k0sVersion));
}
