/**
 * Cross-field rules on `spec.hosts[]`. Every host is checked, also when there is only one (k0sctl
 * skips its per-host checks for a single host; we do not copy that).
 */
import { isAtLeast, MkeRelease } from './releases';
import { MKE_ROLES } from './schema-hosts';
import type { RuleFinding } from './rule-finding';
import type { MkeSpec } from './types';

export function isControllerRole(role: string): boolean {
  return role === 'controller+worker' || role === 'single';
}

export function hostRules(spec: MkeSpec): RuleFinding[] {
  const out: RuleFinding[] = [];
  const hosts = spec.hosts;
  if (hosts.length === 0) {
    out.push({ code: 'no-hosts', severity: 'error', path: ['spec', 'hosts'], message: 'at least one host is required', hint: 'add a host with role controller+worker' });
    return out;
  }
  const seenIdentity = new Map<string, number>();
  const seenHostname = new Map<string, number>();
  const seenPrivate = new Map<string, number>();
  let controllers = 0;
  hosts.forEach((host, i) => {
    const at = (...rest: (string | number)[]) => ['spec', 'hosts', i, ...rest];
    // Until this rule has run, a role is any string (the zod model checks only that); `MkeSpec` types it
    // as the MKE roles because a spec with any other role never leaves validation.
    const role: string = host.role;
    if (role === 'controller') {
      out.push({ code: 'role-controller', severity: 'error', path: at('role'), message: '`controller` is a k0sctl role, not an MKE role', hint: 'use `controller+worker` (MKE managers always run workloads)' });
    } else if (!(MKE_ROLES as readonly string[]).includes(role)) {
      out.push({ code: 'invalid-enum', severity: 'error', path: at('role'), message: `must be one of ${MKE_ROLES.map((r) => JSON.stringify(r)).join(', ')}` });
    }
    if (isControllerRole(role) || role === 'controller') controllers++;
    if (role === 'single' && hosts.length > 1) {
      out.push({ code: 'single-not-alone', severity: 'error', path: at('role'), message: `role single must be the only host, but there are ${hosts.length} hosts`, hint: 'use controller+worker and worker roles for a multi-node cluster' });
    }
    if (host.noTaints && role !== 'controller+worker') {
      out.push({ code: 'no-taints-role', severity: 'error', path: at('noTaints'), message: 'noTaints can only be true for role controller+worker', hint: 'remove noTaints from this host' });
    }
    const connections = (['ssh', 'winRM', 'localhost'] as const).filter((k) => host[k] !== undefined);
    if (connections.length === 0) {
      out.push({ code: 'required', severity: 'error', path: at(), message: 'needs a connection block: ssh, winRM or localhost', hint: 'add `ssh: {address: …, user: …, keyPath: …}`' });
    } else if (connections.length > 1) {
      out.push({ code: 'invalid-value', severity: 'error', path: at(connections[1]), message: `only one connection block is allowed, found ${connections.join(' and ')}` });
    }
    if (host.winRM && role !== 'worker') {
      out.push({ code: 'invalid-value', severity: 'error', path: at('role'), message: 'Windows (winRM) hosts can only be workers' });
    }
    const conn = host.ssh ?? host.winRM;
    const identity = host.localhost ? 'localhost' : conn ? `${conn.address}:${conn.port ?? (host.ssh ? 22 : 5985)}` : undefined;
    if (identity) {
      const first = seenIdentity.get(identity);
      if (first !== undefined) {
        out.push({ code: 'duplicate-host-address', severity: 'error', path: at(host.localhost ? 'localhost' : host.ssh ? 'ssh' : 'winRM', ...(host.localhost ? [] : ['address'])), message: `${identity} is already used by spec.hosts[${first}]`, hint: 'every host needs its own address (or port)' });
      } else seenIdentity.set(identity, i);
    }
    if (host.hostname) {
      const name = host.hostname.toLowerCase();
      const first = seenHostname.get(name);
      if (first !== undefined) out.push({ code: 'duplicate-hostname', severity: 'error', path: at('hostname'), message: `hostname ${host.hostname} is already used by spec.hosts[${first}]`, hint: 'node names must be unique' });
      else seenHostname.set(name, i);
    }
    if (host.privateAddress) {
      const first = seenPrivate.get(host.privateAddress);
      if (first !== undefined) out.push({ code: 'duplicate-private-address', severity: 'error', path: at('privateAddress'), message: `privateAddress ${host.privateAddress} is already used by spec.hosts[${first}]` });
      else seenPrivate.set(host.privateAddress, i);
    }
    let profiles = 0;
    (host.installFlags ?? []).forEach((flag, j) => {
      if (!balancedQuotes(flag)) out.push({ code: 'install-flag-quotes', severity: 'error', path: at('installFlags', j), message: 'unbalanced quotes in install flag', hint: 'close every \' and " you open' });
      if (/^--profile(=|$)/.test(flag)) {
        profiles++;
        if (profiles === 2) out.push({ code: 'install-flag-profile', severity: 'error', path: at('installFlags', j), message: 'more than one --profile flag on one host', hint: 'a worker runs exactly one worker profile' });
      }
    });
  });
  if (controllers === 0) {
    out.push({ code: 'no-controller', severity: 'error', path: ['spec', 'hosts'], message: 'no host has a controller role', hint: 'give at least one host role controller+worker (or a lone host role single)' });
  } else if (controllers > 1 && controllers % 2 === 0) {
    out.push({ code: 'even-controller-count', severity: 'warning', path: ['spec', 'hosts'], message: `${controllers} controllers: an even count tolerates no more failures than ${controllers - 1} (etcd quorum)`, hint: `use ${controllers - 1} or ${controllers + 1} controller+worker hosts` });
  }
  return out;
}

/** k0sctl: every `'` and `"` opened must be closed (backslash-escaped quotes do not count). */
export function balancedQuotes(flag: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < flag.length; i++) {
    const c = flag[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
  }
  return quote === undefined;
}

/**
 * Worker profiles k0s or MKE define without the user: k0s' built-ins and the MKE manager/worker pair,
 * named as mkectl names them (MKE 4k docs, kubelet configuration: `mke-default-manager`,
 * `mke-default-worker`), so a cluster mkectl installed keeps its profiles.
 */
const BUILT_IN_PROFILES = ['default', 'default-windows', 'mke-default-manager', 'mke-default-worker'];

/**
 * Host rules that depend on the release's k0s version or on other sections: kubeletRootDir needs
 * k0s ≥ 1.32.1 (not MKE 4.0), Windows workers k0s ≥ 1.34 (MKE 4.2), and a `--profile=` flag must
 * name a profile that exists.
 */
export function hostReleaseRules(spec: MkeSpec, release: MkeRelease): RuleFinding[] {
  const out: RuleFinding[] = [];
  const k0sHasKubeletRootDir = isAtLeast(release, '4.1.0');
  if (!k0sHasKubeletRootDir && spec.kubelet?.kubeletRootDir !== undefined) {
    out.push({ code: 'kubelet-root-dir', severity: 'error', path: ['spec', 'kubelet', 'kubeletRootDir'], message: `MKE ${release} installs k0s older than 1.32.1, which cannot move the kubelet root dir`, hint: 'remove kubeletRootDir or upgrade to MKE 4.1.2 or newer' });
  }
  const custom = (spec.kubelet?.customProfiles ?? []).map((p) => p.name);
  (spec.kubelet?.customProfiles ?? []).forEach((p, i) => {
    if (BUILT_IN_PROFILES.includes(p.name)) out.push({ code: 'invalid-name', severity: 'error', path: ['spec', 'kubelet', 'customProfiles', i, 'name'], message: `worker profile name ${p.name} is reserved`, hint: 'pick another name' });
  });
  spec.hosts.forEach((host, i) => {
    if (!k0sHasKubeletRootDir && host.kubeletRootDir !== undefined) {
      out.push({ code: 'kubelet-root-dir', severity: 'error', path: ['spec', 'hosts', i, 'kubeletRootDir'], message: `MKE ${release} installs k0s older than 1.32.1, which cannot move the kubelet root dir`, hint: 'remove kubeletRootDir' });
    }
    if (host.winRM && !isAtLeast(release, '4.2.0')) {
      out.push({ code: 'invalid-value', severity: 'error', path: ['spec', 'hosts', i, 'winRM'], message: `Windows workers need k0s 1.34 or newer; MKE ${release} installs an older k0s`, hint: 'use MKE 4.2 for Windows workers' });
    }
    (host.installFlags ?? []).forEach((flag, j) => {
      const m = /^--profile[= ](.+)$/.exec(flag.trim());
      if (m && !BUILT_IN_PROFILES.includes(m[1]) && !custom.includes(m[1])) {
        out.push({ code: 'invalid-value', severity: 'error', path: ['spec', 'hosts', i, 'installFlags', j], message: `--profile=${m[1]} names no worker profile`, hint: `define it in kubelet.customProfiles or use one of ${[...BUILT_IN_PROFILES, ...custom].join(', ')}` });
      }
    });
  });
  return out;
}
