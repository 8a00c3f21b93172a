/**
 * Synth-time warnings about what k0sctl.yaml does differently from MKE's own installer, or what
 * depends on where k0sctl runs: each names the mke4.yaml field and what to do.
 */
import { posix } from 'node:path';
import { enabledProviders } from '../config/accessors';
import type { Diagnostic } from '../config/diagnostics';
import type { ChartCoordinates, MkeRelease } from '../config/releases';
import { releaseInfo } from '../config/releases';
import type { MkeHostSpec, MkeSpec } from '../config/types';
import { controllersNeedNoTaints } from './hosts';
import { hasMkeProfiles } from './worker-profiles';

/**
 * `apiServer.encryptionProvider`: MKE's installer writes an EncryptionConfiguration (with a key it
 * generates) and points kube-apiserver at it; k0sctl cannot create that file, and kube-apiserver exits
 * at start when the flag names a missing file — so the flag is not written, and Secrets are stored
 * unencrypted in etcd unless the user places the file and sets the flag. Every MKE release's defaults
 * set the field, so the warning stays until the user sets the flag or writes `encryptionProvider: ""`.
 */
export function encryptionProviderWarning(spec: MkeSpec): Diagnostic | undefined {
  const file = spec.apiServer?.encryptionProvider;
  if (!file || spec.apiServer?.extraArgs?.['encryption-provider-config'] !== undefined) return undefined;
  return {
    code: 'encryption-provider-dropped',
    severity: 'warning',
    path: 'spec.apiServer.encryptionProvider',
    message: `not written to k0sctl.yaml: ${file} holds an encryption key that MKE's installer generates and k0sctl cannot create, and kube-apiserver exits at start when --encryption-provider-config names a missing file; without it Secrets are stored unencrypted in etcd`,
    hint: `place an EncryptionConfiguration at ${file} on every controller (readable by the user kube-apiserver) and set apiServer.extraArgs["encryption-provider-config"]: ${file}; or write encryptionProvider: "" to go without encryption at rest knowingly`,
  };
}

/** Host connection blocks that carry an ssh key path (the host's own and its bastion's). */
function keyPaths(host: MkeHostSpec): { path: string; keyPath: string }[] {
  const out: { path: string; keyPath: string }[] = [];
  const visit = (ssh: { keyPath?: string; bastion?: unknown } | undefined, at: string) => {
    if (!ssh) return;
    if (ssh.keyPath !== undefined) out.push({ path: `${at}.keyPath`, keyPath: ssh.keyPath });
    if (ssh.bastion && typeof ssh.bastion === 'object') visit(ssh.bastion as { keyPath?: string; bastion?: unknown }, `${at}.bastion`);
  };
  visit(host.ssh as { keyPath?: string; bastion?: unknown } | undefined, 'ssh');
  if (host.winRM?.bastion) visit(host.winRM.bastion as { keyPath?: string; bastion?: unknown }, 'winRM.bastion');
  return out;
}

/** Whether a key path is relative: k0sctl (rig) expands only `~`, so anything else not absolute is relative to k0sctl's working directory. */
export function isRelativeKeyPath(keyPath: string): boolean {
  return !posix.isAbsolute(keyPath) && !/^~(\/|$)/.test(keyPath) && !/^[A-Za-z]:[\\/]/.test(keyPath);
}

/**
 * Relative `ssh.keyPath` values: k0sctl hands them to its SSH client as they are (rig expands only
 * `~`, rig protocol/ssh/config.go), so they resolve against the directory k0sctl runs in — not the
 * directory of k0sctl.yaml (k0sctl resolves only `files[].src` against it: pkg/apis/…/cluster/spec.go).
 * They are written unchanged (an absolute path would tie the output to one machine).
 */
export function relativeKeyPathWarnings(spec: MkeSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  spec.hosts.forEach((host, i) => {
    for (const { path, keyPath } of keyPaths(host)) {
      if (!isRelativeKeyPath(keyPath)) continue;
      out.push({
        code: 'ssh-key-path-relative',
        severity: 'warning',
        path: `spec.hosts[${i}].${path}`,
        message: `${keyPath} is relative: k0sctl resolves it against the directory it runs in, not against k0sctl.yaml`,
        hint: 'run `k0sctl apply` from the directory the path is relative to (k0sctl.yaml says so in its header), or use an absolute or ~/ path',
      });
    }
  });
  return out;
}

/** The relative key paths of a spec, for the k0sctl.yaml header. */
export function relativeKeyPaths(spec: MkeSpec): string[] {
  return [...new Set(spec.hosts.flatMap((h) => keyPaths(h).map((k) => k.keyPath)).filter(isRelativeKeyPath))];
}

/** `unverified-chart` for the CNI chart of k0sctl.yaml, when the catalog cannot confirm its coordinates. */
export function unverifiedCniChartWarning(release: MkeRelease, chart: ChartCoordinates | undefined = releaseInfo(release).charts['tigera-operator'], path = 'spec.network.providers'): Diagnostic | undefined {
  if (!chart || chart.verified) return undefined;
  return {
    code: 'unverified-chart',
    severity: 'warning',
    path,
    message: `MKE ${release}: no public source confirms the CNI chart coordinates written to k0sctl.yaml: ${chart.name}:${chart.version} (${chart.source})`,
    hint: 'check them against your chart registry before `k0sctl apply`',
  };
}

/**
 * Windows workers run k0s' `default-windows` worker profile, not `mke-default-worker` (see
 * `mkeInstallFlags`): the `kubelet` settings that become the MKE profiles do not reach them.
 */
export function windowsProfileNotes(spec: MkeSpec): Diagnostic[] {
  if (!hasMkeProfiles(spec)) return [];
  const out: Diagnostic[] = [];
  spec.hosts.forEach((host, i) => {
    if (!host.winRM || (host.installFlags ?? []).some((f) => /^--profile[= ]/.test(f.trim()))) return;
    out.push({
      code: 'windows-kubelet-profile',
      severity: 'warning',
      path: `spec.hosts[${i}].winRM`,
      message: "this Windows worker runs k0s' default-windows worker profile: the kubelet settings (maxPods, kubeReserved, podPidsLimit, …) of mke-default-worker are not applied to it, because k0s builds named profiles from its Linux defaults (cgroupsPerQOS, Linux pause image), which a Windows kubelet refuses",
      hint: 'set the kubelet flags this node needs with installFlags --kubelet-extra-args=…',
    });
  });
  return out;
}

/** Says that the controller+worker hosts are written with `noTaints: true` (see `controllersNeedNoTaints`). */
export function noTaintsNote(spec: MkeSpec): Diagnostic | undefined {
  if (!controllersNeedNoTaints(spec)) return undefined;
  const index = spec.hosts.findIndex((h) => h.role === 'controller+worker' && !h.noTaints);
  if (index < 0) return undefined;
  return {
    code: 'no-taints-added',
    severity: 'warning',
    path: `spec.hosts[${index}].role`,
    message: "no worker host: k0sctl.yaml gives every controller+worker host noTaints: true, because k0s would otherwise taint every node NoSchedule and kcm and MKE's services (which do not tolerate the taint) could never run",
    hint: 'add worker hosts to keep workloads off the control plane, or write noTaints: true yourself to silence this',
  };
}

/** Every synth-time note about the bootstrap output of an MKE spec. */
export function bootstrapNotes(spec: MkeSpec, release: MkeRelease, cniIsCalicoChart: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const encryption = encryptionProviderWarning(spec);
  if (encryption) out.push(encryption);
  out.push(...relativeKeyPathWarnings(spec));
  out.push(...windowsProfileNotes(spec));
  const untainted = noTaintsNote(spec);
  if (untainted) out.push(untainted);
  const provider = enabledProviders(spec)[0];
  const chart = cniIsCalicoChart ? unverifiedCniChartWarning(release, undefined, provider ? `spec.network.providers[${provider.index}]` : undefined) : undefined;
  if (chart) out.push(chart);
  return out;
}
