/**
 * MKE `spec.hosts[]` → k0sctl `spec.hosts[]`: connection, role, addresses, directories and the
 * `k0s install` flags MKE needs, in canonical `--flag=value` form (k0sctl#801: k0sctl compares them
 * with what k0s reports and reinstalls on any difference).
 */
import { posix } from 'node:path';
import * as ipaddr from 'ipaddr.js';
import { cplbEnabled, dataDir } from '../config/accessors';
import { isIp } from '../config/schema-common';
import { replaceSecretsAt } from '../config/secrets';
import type { MkeHostSpec, MkeSpec } from '../config/types';
import { k0sSupports } from './k0s-version';
import { admissionConfigPath, auditLogDir, auditPolicy, auditPolicyPath, eventRateLimitAdmissionConfig } from './to-k0s-control-plane';
import type { K0sctlHost, K0sctlRole, K0sctlSsh, K0sctlUploadFile } from './types';
import { untaintedLinuxNode } from './runtime-facts';
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

const KUBELET_EXTRA_ARGS = '--kubelet-extra-args';

/** The kubelet flags inside a `--kubelet-extra-args=` value (quotes around the value dropped, split on whitespace as k0s does). */
function kubeletFlagsOf(flag: string): string[] {
  const value = flag.slice(flag.indexOf('=') + 1).trim();
  const unquoted = /^(["'])(.*)\1$/s.exec(value);
  return (unquoted ? unquoted[2].replace(/\\(["\\$`])/g, '$1') : value).split(/\s+/).filter(Boolean);
}

/**
 * The user's flags first (canonical), then each MKE flag whose name the user has not set. One
 * exception: `--kubelet-extra-args` from the host's installFlags and from `kubelet.extraArgs` are
 * merged into one flag (the host's kubelet flags win by name) — k0sctl passes only one of each
 * flag to `k0s install` (k0sctl cluster/flags.go `AddOrReplace`/`Include`), so keeping the host's
 * alone would drop `kubelet.extraArgs` on that host without a word.
 */
export function mergeInstallFlags(user: readonly string[], mke: readonly string[]): string[] {
  const out = user.map(canonicalInstallFlag);
  const names = new Set(out.map(installFlagName));
  for (const flag of mke) {
    const name = installFlagName(flag);
    if (!names.has(name)) out.push(flag);
    else if (name === KUBELET_EXTRA_ARGS) {
      const at = out.findIndex((f) => installFlagName(f) === KUBELET_EXTRA_ARGS);
      const own = kubeletFlagsOf(out[at]);
      const ownNames = new Set(own.map((f) => f.split('=')[0]));
      const added = kubeletFlagsOf(flag).filter((f) => !ownNames.has(f.split('=')[0]));
      if (added.length) out[at] = `${KUBELET_EXTRA_ARGS}=${flagValue([...own, ...added].join(' '))}`;
    }
  }
  return out;
}

/**
 * Quotes a flag value holding anything beyond plain flag characters (a space between kubelet flags,
 * `<` in an eviction threshold) so k0sctl passes it as one argument and no shell reads it. The
 * rules (`unsafe-flag`) keep quotes, `$`, backticks and backslashes out of kubelet values, so
 * double quotes are enough.
 */
function flagValue(value: string): string {
  return /^[A-Za-z0-9._:/,=+@%-]*$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

/**
 * Flags MKE adds to every host of a role. Windows workers get no `--profile`: k0s builds every named
 * worker profile from its Linux defaults (cgroupsPerQOS on, the Linux pause image) and only its own
 * `default-windows` profile from Windows ones (k0s v1.35.4
 * pkg/component/controller/workerconfig/reconciler.go `buildConfigMaps`), which a Windows worker
 * runs when no profile is named (pkg/config/cli.go); a Windows kubelet refuses cgroupsPerQOS.
 */
export function mkeInstallFlags(spec: MkeSpec, role: K0sctlRole, windows = false): string[] {
  const flags: string[] = [];
  const profile = hasMkeProfiles(spec) && !windows ? profileForRole(role) : undefined;
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

/** Name of the file that keeps the audit log directory in place (it is never rotated away). */
export const AUDIT_DIR_MARKER = 'README.mke4k';

/**
 * Files every controller needs for the kube-apiserver flags we set (k0sctl `files[]`, uploaded
 * before k0s is installed or started):
 * - the EventRateLimit AdmissionConfiguration and the audit policy, mode 0644: kube-apiserver runs as
 *   the user `kube-apiserver` and reads them at start (it exits when it cannot). Not chowned: k0s
 *   creates that user only in `k0s install`, after k0sctl's upload phase, so a `user:` would fail the
 *   first apply (k0sctl action/apply.go phase order; k0s pkg/install/users_linux.go). Neither file
 *   holds a secret.
 * - the audit log directory, created by uploading a marker file into it with `dirPerm: "0770"`:
 *   kube-apiserver creates its log file there (kubernetes staging/src/k8s.io/apiserver/pkg/server/
 *   options/audit.go `ensureLogFile`) and cannot create it in a root-owned 0755 directory. It runs
 *   with group root (k0s pkg/supervisor/detachattr_unix.go: `Credential{Uid, Gid}` with the GID never
 *   looked up, pkg/component/controller/apiserver.go), so a root:root 0770 directory is writable by
 *   it and by nobody else who is not root. k0s has no setting for this (its CIS notes leave audit
 *   configuration to the user: docs/cis_benchmark.md), and a k0sctl hook runs too late: `install`
 *   hooks on the first controller run after k0s has started and kube-apiserver must be up
 *   (k0sctl phase/initialize_k0s.go). The rules refuse a log directory shared with other software.
 */
export function controllerFiles(spec: MkeSpec): K0sctlUploadFile[] {
  const files: K0sctlUploadFile[] = [];
  if (spec.apiServer?.eventRateLimit?.enabled) {
    files.push({ name: 'mke-admission-control', data: eventRateLimitAdmissionConfig(), dst: admissionConfigPath(spec), perm: '0644' });
  }
  const audit = spec.apiServer?.audit;
  if (audit?.enabled) {
    const dir = auditLogDir(spec);
    // k0sctl sets the upload directory's mode on every upload: a policy kept in the log directory gets the same mode.
    const policyInLogDir = dir !== undefined && posix.dirname(auditPolicyPath(spec)) === dir;
    files.push({ name: 'mke-audit-policy', data: auditPolicy(audit.level), dst: auditPolicyPath(spec), perm: '0644', ...(policyInLogDir ? { dirPerm: '0770' } : {}) });
    if (dir) {
      const data = `kube-apiserver writes its audit logs here (${audit.logPath}). k0sctl keeps this directory root:root 0770: kube-apiserver runs as user kube-apiserver with group root.\n`;
      files.push({ name: 'mke-audit-log-dir', data, dst: posix.join(dir, AUDIT_DIR_MARKER), perm: '0644', dirPerm: '0770' });
    }
  }
  return files;
}

/** A path as one shell word (single quotes; a `'` inside closed, escaped and reopened). */
function shellWord(path: string): string {
  return /^[A-Za-z0-9._/+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `apply.before` hook that sets the mode of the files uploaded as inline `data`. k0sctl gives
 * such a file its `perm` only when it creates it: for an existing file it truncates and rewrites the
 * content but never chmods it (k0sctl v0.32.2 phase/uploadfiles.go `uploadData` calls
 * `applyFileMetadata` with an empty perm; rig v2.1.1 remotefs/posixfs.go `openExisting` only
 * truncates). A file left `0600` by an earlier apply or another installer would stay unreadable for
 * kube-apiserver. `apply.before` hooks run on every apply (dry runs only list them), after the upload
 * phase and before k0s is installed or upgraded (k0sctl v0.32.2 action/apply.go phase order;
 * phase/run_hooks.go, phase/generic_phase.go `runHooks`), through `Host.Exec` — not `Host.Sudo()` —
 * so as the SSH user, not elevated (cluster/host.go `RunHooks`). The fallback elevates the way k0sctl
 * does for its own commands: rig v2.1.1 sudo/defaultprovider.go tries uid 0, then `sudo -n`, then
 * `doas -n` (sudo/sudo.go, sudo/doas.go).
 */
export function filePermHook(files: readonly K0sctlUploadFile[]): string | undefined {
  const byPerm = new Map<string, string[]>();
  for (const f of files) byPerm.set(f.perm, [...(byPerm.get(f.perm) ?? []), shellWord(f.dst)]);
  const parts = [...byPerm.entries()].map(([perm, paths]) => `chmod ${perm} ${paths.join(' ')}`);
  if (!parts.length) return undefined;
  const all = parts.join(' && ');
  const quoted = `'${all.replace(/'/g, `'\\''`)}'`;
  return `{ ${all}; } 2>/dev/null || if sudo -n true 2>/dev/null; then sudo -n sh -c ${quoted}; else doas -n sh -c ${quoted}; fi`;
}

/** Told each secret placeholder written: variable name and the mke4.yaml field it fills. */
export type OnSecret = (variable: string, field: string) => void;

/**
 * The WinRM password and environment values holding credentials (proxy URLs with a password) as
 * `${MKE_…}` placeholders: k0sctl expands `${VAR}` in its configuration from the environment
 * (k0sctl cmd/flags.go, envsubst of the config file), so the value never sits in k0sctl.yaml.
 */
function hostSecrets(host: MkeHostSpec, index: number, onSecret?: OnSecret): Pick<MkeHostSpec, 'winRM' | 'environment'> {
  // At the host's real index, so the variable names the right host.
  return replaceSecretsAt(['hosts', index], { winRM: host.winRM, environment: host.environment }, onSecret);
}

/**
 * Whether the controller+worker hosts must be written with `noTaints: true`: when no host gives an
 * untainted Linux node (no worker, no `single`; the mkectl init default is one controller+worker),
 * k0s taints every node (cmd/controller/controller.go `startWorker`: `node-role.kubernetes.io/control-plane:NoSchedule`
 * in v1.35.4, `node-role.kubernetes.io/master:NoSchedule` in v1.32.8; k0sctl v0.32.2 cluster/host.go
 * `K0sInstallFlags` passes `--no-taints=true` for `noTaints` on role controller+worker) and pods that do not tolerate
 * it — kcm's (`tolerations: []`, k0rdent/kcm templates/provider/kcm/values.yaml), every MKE service —
 * would never schedule.
 */
export function controllersNeedNoTaints(spec: MkeSpec): boolean {
  return (
    spec.hosts.some((h) => h.role === 'controller+worker') &&
    !spec.hosts.some((h) => untaintedLinuxNode(h.role as K0sctlRole, (h.installFlags ?? []).map(canonicalInstallFlag), h.noTaints === true, h.winRM !== undefined))
  );
}

/**
 * One host, translated. `k0sVersion` gates `kubeletRootDir` (k0sctl rejects it below 1.32.1).
 * `untaintControllers` (default: `controllersNeedNoTaints(spec)`) writes `noTaints: true` on controller+worker hosts.
 */
export function toK0sctlHost(spec: MkeSpec, host: MkeHostSpec, k0sVersion: string, index = 0, onSecret?: OnSecret, untaintControllers = controllersNeedNoTaints(spec)): K0sctlHost {
  const secrets = hostSecrets(host, index, onSecret);
  const role = host.role as K0sctlRole;
  const privateAddress = host.privateAddress ?? (cplbEnabled(spec) ? knownPrivateAddress(host) : undefined);
  const hostDataDir = host.dataDir ?? dataDir(spec);
  const kubeletRootDir = host.kubeletRootDir ?? spec.kubelet?.kubeletRootDir;
  const installFlags = mergeInstallFlags(host.installFlags ?? [], mkeInstallFlags(spec, role, host.winRM !== undefined));
  const isController = role !== 'worker';
  const files = isController ? controllerFiles(spec) : [];
  const hook = filePermHook(files);
  return {
    role,
    ...(host.ssh ? { ssh: toSsh(host.ssh) } : {}),
    ...(secrets.winRM ? { winRM: { ...secrets.winRM, ...(secrets.winRM.bastion ? { bastion: toSsh(secrets.winRM.bastion) } : {}) } } : {}),
    ...(host.localhost ? { localhost: { enabled: host.localhost.enabled } } : {}),
    ...(host.privateInterface ? { privateInterface: host.privateInterface } : {}),
    ...(privateAddress ? { privateAddress } : {}),
    ...(host.hostname ? { hostname: host.hostname } : {}),
    ...(hostDataDir !== DEFAULT_DATA_DIR ? { dataDir: hostDataDir } : {}),
    ...(kubeletRootDir && k0sSupports(k0sVersion, 'kubeletRootDir') ? { kubeletRootDir } : {}),
    ...(secrets.environment && Object.keys(secrets.environment).length ? { environment: secrets.environment } : {}),
    ...(installFlags.length ? { installFlags } : {}),
    ...(host.noTaints || (untaintControllers && role === 'controller+worker') ? { noTaints: true } : {}),
    // Airgap: by default each host downloads k0s from GitHub itself (k0sctl v0.32.2
    // pkg/apis/k0sctl.k0sproject.io/v1beta1/cluster/binary_providers.go: NewGitHub unless uploadBinary,
    // k0sBinaryPath or k0sDownloadURL); with uploadBinary k0sctl uploads it from its own cache.
    ...(spec.airgap?.enabled ? { uploadBinary: true } : {}),
    ...(hook ? { hooks: { apply: { before: [hook] } } } : {}),
    ...(files.length ? { files } : {}),
  };
}

export function toK0sctlHosts(spec: MkeSpec, k0sVersion: string, onSecret?: OnSecret): K0sctlHost[] {
  const untaint = controllersNeedNoTaints(spec);
  return spec.hosts.map((h, i) => toK0sctlHost(spec, h, k0sVersion, i, onSecret, untaint));
}
