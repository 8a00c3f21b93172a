/**
 * What k0sctl checks on `spec.hosts` and `spec.k0s` (k0sctl `phase/validate_hosts.go`, `pkg/apis/k0sctl.k0sproject.io/v1beta1`), applied to every host —
 * also to a lone one, where k0sctl skips its per-host checks (STYLE habit 8). Messages are keyed by
 * the k0sctl path (`spec.hosts[1].role`), for construct validation.
 */
import { balancedQuotes } from '../config/rules-hosts';
import { isHostname, isIp } from '../config/schema-common';
import { isK0sVersion, k0sAtLeast, k0sSupports } from './k0s-version';
import type { K0sctlHost, K0sctlSsh } from './types';

const ROLES = ['controller', 'controller+worker', 'worker', 'single'];

function validPort(port: number | undefined): boolean {
  return port === undefined || (Number.isInteger(port) && port >= 1 && port <= 65535);
}

function sshProblems(ssh: K0sctlSsh, at: string): string[] {
  const out: string[] = [];
  if (!ssh.address) out.push(`${at}.address: address is required`);
  else if (!isIp(ssh.address) && !isHostname(ssh.address)) out.push(`${at}.address: ${JSON.stringify(ssh.address)} is not an IP address or host name`);
  if (!validPort(ssh.port)) out.push(`${at}.port: port must be between 1 and 65535`);
  if (ssh.bastion) out.push(...sshProblems(ssh.bastion, `${at}.bastion`));
  return out;
}

/** Connection identity as k0sctl compares hosts (`addr:port`). */
export function hostIdentity(host: K0sctlHost): string | undefined {
  if (host.localhost) return 'localhost';
  if (host.ssh) return `ssh:${host.ssh.address}:${host.ssh.port ?? 22}`;
  if (host.winRM) return `winrm:${host.winRM.address}:${host.winRM.port ?? (host.winRM.useHTTPS ? 5986 : 5985)}`;
  return undefined;
}

export function validateK0sctlHosts(hosts: readonly K0sctlHost[], k0sVersion: string): string[] {
  const out: string[] = [];
  if (!hosts.length) return ['spec.hosts: at least one host required'];
  if (!hosts.some((h) => h.role !== 'worker' && ROLES.includes(h.role))) out.push('spec.hosts: no hosts with a controller role defined');
  const seen = { identity: new Map<string, number>(), address: new Map<string, number>(), hostname: new Map<string, number>() };
  const unique = (kind: keyof typeof seen, key: string | undefined, i: number, at: string) => {
    if (key === undefined) return;
    const first = seen[kind].get(key);
    if (first !== undefined) out.push(`${at}: ${key} is not unique (also spec.hosts[${first}])`);
    else seen[kind].set(key, i);
  };
  hosts.forEach((host, i) => {
    const at = `spec.hosts[${i}]`;
    if (!ROLES.includes(host.role)) out.push(`${at}.role: unknown role ${JSON.stringify(host.role)}`);
    if (host.role === 'single' && hosts.length > 1) out.push(`${at}.role: ${hosts.length} hosts defined but includes a host with role 'single'`);
    const blocks = (['ssh', 'winRM', 'localhost'] as const).filter((k) => host[k] !== undefined);
    if (blocks.length !== 1) out.push(`${at}: needs exactly one of ssh, winRM, localhost (found ${blocks.length ? blocks.join(', ') : 'none'})`);
    if (host.ssh) out.push(...sshProblems(host.ssh, `${at}.ssh`));
    if (host.winRM) {
      const w = host.winRM;
      if (!w.address) out.push(`${at}.winRM.address: address is required`);
      if (!validPort(w.port)) out.push(`${at}.winRM.port: port must be between 1 and 65535`);
      if (!!w.certPath !== !!w.keyPath) out.push(`${at}.winRM: certPath and keyPath must both be set`);
      if (!w.certPath && !w.password) out.push(`${at}.winRM: user and password must both be set for password authentication`);
      if (w.bastion) out.push(...sshProblems(w.bastion, `${at}.winRM.bastion`));
      if (host.role !== 'worker') out.push(`${at}.role: windows is not supported on k0s controller nodes`);
      if (!k0sSupports(k0sVersion, 'windowsWorkers')) out.push(`${at}.winRM: windows workers require k0s version >= 1.34.0`);
    }
    if (host.privateAddress !== undefined && !isIp(host.privateAddress)) out.push(`${at}.privateAddress: must be a valid IP address`);
    if (host.noTaints && host.role !== 'controller+worker') out.push(`${at}.noTaints: noTaints can only be true for controller+worker role`);
    if (host.kubeletRootDir && !k0sSupports(k0sVersion, 'kubeletRootDir')) out.push(`${at}.kubeletRootDir: kubeletRootDir is not supported in k0s version ${k0sVersion}`);
    let profiles = 0;
    (host.installFlags ?? []).forEach((flag, j) => {
      if (!balancedQuotes(flag)) out.push(`${at}.installFlags[${j}]: unbalanced quotes in ${flag}`);
      if (/^--profile(=|$)/.test(flag) && ++profiles === 2) out.push(`${at}.installFlags[${j}]: more than one --profile flag`);
    });
    // k0sctl pkg/apis/…/cluster/uploadfile.go permToString: octal digits only, owner digit ≥ 4 (for perm and dirPerm).
    const badPerm = (perm: string) => !/^0?[0-7]{3,4}$/.test(perm) || Number(perm[perm.length - 3]) < 4;
    for (const file of host.files ?? []) {
      if (badPerm(file.perm)) out.push(`${at}.files: ${file.name}: invalid perm ${file.perm}`);
      if (file.dirPerm !== undefined && badPerm(file.dirPerm)) out.push(`${at}.files: ${file.name}: invalid dirPerm ${file.dirPerm}`);
    }
    unique('identity', hostIdentity(host), i, `${at} connection`);
    unique('address', host.privateAddress, i, `${at}.privateAddress`);
    unique('hostname', host.hostname?.toLowerCase(), i, `${at}.hostname`);
  });
  return out;
}

/** `spec.k0s.version`: the format k0sctl parses, at least 0.11.0-rc1; `dynamicConfig` needs 1.22.2+k0s.2. */
export function validateK0sVersion(version: string, dynamicConfig: boolean): string[] {
  if (!isK0sVersion(version)) return [`spec.k0s.version: ${JSON.stringify(version)} is not a k0s version such as v1.32.3+k0s.0`];
  const out: string[] = [];
  if (!k0sAtLeast(version, '0.11.0-rc1')) out.push('spec.k0s.version: minimum supported k0s version is 0.11.0-rc1');
  if (dynamicConfig && !k0sAtLeast(version, '1.22.2')) out.push('spec.k0s.dynamicConfig: dynamic config only available since k0s version 1.22.2+k0s.2');
  return out;
}
