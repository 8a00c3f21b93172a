/**
 * Synth-time behaviour checks: the k0sctl.yaml we write, held against how k0s, k0sctl and
 * kube-apiserver behave at run time (`./runtime-facts.ts`), not only against their schemas.
 * - a kube-apiserver flag that names a file: the file is uploaded to every controller through
 *   k0sctl `files[]` and readable by the user kube-apiserver runs as; for a file the component writes,
 *   its directory is created writable for that user;
 * - an upload does not change the mode of a shared system directory, and two uploads agree on the
 *   mode of a directory they share;
 * - a node selector in bootstrap chart values matches the labels some node gets;
 * - a bootstrap chart has a node it tolerates (not only tainted controller+worker nodes);
 * - an `oci://` Helm repository entry only where the k0s version accepts one.
 * Paths are k0sctl.yaml paths (`spec.k0s.config.spec.api.extraArgs.audit-policy-file`).
 */
import { posix } from 'node:path';
import { parse } from 'yaml';
import type { Diagnostic } from '../config/diagnostics';
import {
  ANY_VALUE,
  API_SERVER_FILE_FLAGS,
  CHARTS_TOLERATING_ALL_TAINTS,
  COMPONENT_IDENTITY,
  controlPlaneTaint,
  factsCover,
  K0S_MANAGED_FILE_FLAGS,
  K0S_VERSIONS_READ,
  k0sAcceptsOciRepository,
  LabelValue,
  nodeLabels,
  ProcessIdentity,
  SYSTEM_DIR_MODES,
  untaintedLinuxNode,
  UPLOADS_RUN_BEFORE_K0S_INSTALL,
} from './runtime-facts';
import type { K0sClusterConfigSpec, K0sctlHost, K0sctlUploadFile } from './types';

const API_ARGS = 'spec.k0s.config.spec.api.extraArgs';
const DEFAULT_DIR_PERM = '0755';

/** The octal permission bits of a k0sctl perm string (`"0644"` → 0o644). */
function bits(perm: string): number {
  return parseInt(perm, 8) & 0o777;
}

/** Whether `who` has `want` (4 read, 2 write, 1 execute) on an object with this owner, group and mode. */
export function permits(who: ProcessIdentity, owner: string, group: string, mode: number, want: number): boolean {
  if (owner === who.user) return ((mode >> 6) & want) === want;
  if (group === who.group) return ((mode >> 3) & want) === want;
  return (mode & want) === want;
}

/** Owner and group of an upload: root unless `user`/`group` are set (k0sctl uploads through sudo). */
function ownership(file: K0sctlUploadFile): { owner: string; group: string } {
  return { owner: file.user ?? 'root', group: file.group ?? 'root' };
}

function uploadsInto(host: K0sctlHost, dir: string): K0sctlUploadFile[] {
  return (host.files ?? []).filter((f) => posix.dirname(f.dst) === dir);
}

function fileChecks(hosts: readonly K0sctlHost[], spec: K0sClusterConfigSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const args = spec.api?.extraArgs ?? {};
  const apiserver = COMPONENT_IDENTITY['kube-apiserver'];
  for (const flag of Object.keys(args)) {
    const use = API_SERVER_FILE_FLAGS[flag];
    const value = args[flag];
    if (!use || !value || value === '-' || K0S_MANAGED_FILE_FLAGS.has(flag)) continue;
    const path = `${API_ARGS}.${flag}`;
    hosts.forEach((host, i) => {
      if (host.role === 'worker') return;
      const at = `spec.hosts[${i}]`;
      if (use === 'read') {
        const file = (host.files ?? []).find((f) => f.dst === value);
        if (!file) {
          out.push({ code: 'host-file-missing', severity: 'warning', path, message: `kube-apiserver --${flag}=${value}: nothing in k0sctl.yaml uploads this file to controller ${at}; kube-apiserver exits at start when it is missing or unreadable`, hint: `place it on every controller, readable by the user kube-apiserver (e.g. mode 0644), before k0s starts` });
          return;
        }
        const { owner, group } = ownership(file);
        const dirMode = bits(file.dirPerm ?? DEFAULT_DIR_PERM);
        // k0sctl chowns the directory like the file (phase/uploadfiles.go ensureDir).
        if (!permits(apiserver, owner, group, bits(file.perm), 4) || !permits(apiserver, owner, group, dirMode, 1)) {
          out.push({ code: 'host-file-unreadable', severity: 'error', path: `${at}.files`, message: `${file.dst} is uploaded ${owner}:${group} ${file.perm} (directory ${file.dirPerm ?? DEFAULT_DIR_PERM}); kube-apiserver runs as user ${apiserver.user}, group ${apiserver.group}, and cannot read it (--${flag})`, hint: 'upload it with perm "0644" (k0sctl chowns only when user/group are set)' });
        }
      } else {
        const dir = posix.dirname(value);
        const made = uploadsInto(host, dir);
        if (!made.length) {
          out.push({ code: 'host-file-missing', severity: 'warning', path, message: `kube-apiserver --${flag}=${value}: nothing in k0sctl.yaml creates ${dir} on controller ${at}; kube-apiserver (user ${apiserver.user}) exits at start when it cannot create the file`, hint: `create ${dir} on every controller, writable by the user kube-apiserver or group root, before k0s starts` });
          return;
        }
        const writable = made.every((f) => permits(apiserver, f.user ?? 'root', f.group ?? 'root', bits(f.dirPerm ?? DEFAULT_DIR_PERM), 3));
        if (!writable) {
          out.push({ code: 'host-file-unreadable', severity: 'error', path: `${at}.files`, message: `${dir} is created with dirPerm ${made.map((f) => f.dirPerm ?? DEFAULT_DIR_PERM).join('/')}; kube-apiserver runs as user ${apiserver.user}, group ${apiserver.group}, and cannot create ${posix.basename(value)} there (--${flag})`, hint: 'create the directory with dirPerm "0770" (group root)' });
        }
      }
    });
  }
  return out;
}

/** Uploads never change the mode of a shared system directory, and agree on their directory's mode. */
function directoryChecks(hosts: readonly K0sctlHost[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  hosts.forEach((host, i) => {
    const modes = new Map<string, { perm: string; owner: string; name: string }>();
    (host.files ?? []).forEach((file, j) => {
      const dir = posix.dirname(file.dst);
      const perm = file.dirPerm ?? DEFAULT_DIR_PERM;
      const owner = file.user || file.group ? `${file.user ?? ''}:${file.group ?? ''}` : '';
      const system = SYSTEM_DIR_MODES[dir];
      if (system !== undefined && bits(system) !== bits(perm)) {
        out.push({ code: 'host-dir-mode', severity: 'error', path: `spec.hosts[${i}].files[${j}].dst`, message: `k0sctl sets the mode of ${dir} to ${perm} when it uploads ${file.dst} (it is ${system})`, hint: `upload into a directory of its own` });
      }
      const seen = modes.get(dir);
      if (seen && (seen.perm !== perm || seen.owner !== owner)) {
        out.push({ code: 'host-dir-mode', severity: 'error', path: `spec.hosts[${i}].files[${j}].dirPerm`, message: `${file.name} and ${seen.name} are uploaded into ${dir} with different directory modes or owners (${perm}${owner ? ` ${owner}` : ''} vs ${seen.perm}${seen.owner ? ` ${seen.owner}` : ''}); k0sctl applies them one after the other`, hint: 'give both the same dirPerm, user and group, or use separate directories' });
      } else if (!seen) modes.set(dir, { perm, owner, name: file.name });
      // k0s creates its users in `k0s install`, after k0sctl's upload phase: chowning to one fails on the first apply.
      const k0sUsers = new Set<string>(Object.values(COMPONENT_IDENTITY).filter((c) => c.createdByK0s).map((c) => c.user));
      if (UPLOADS_RUN_BEFORE_K0S_INSTALL && ((file.user && k0sUsers.has(file.user)) || (file.group && k0sUsers.has(file.group)))) {
        out.push({ code: 'host-file-unreadable', severity: 'error', path: `spec.hosts[${i}].files[${j}]`, message: `${file.dst} is chowned to ${file.user ?? ''}:${file.group ?? ''}, a user k0s creates only during \`k0s install\`, which k0sctl runs after uploading files: the first apply fails`, hint: 'leave user/group unset and give the file a mode its reader can use (e.g. "0644")' });
      }
    });
  });
  return out;
}

/** The key/value pairs of a selector map, or undefined when the value is not a selector. */
function selectorOf(value: unknown): [string, string][] | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length || !entries.every(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))) return undefined;
  return entries.map(([k, v]) => [k, String(v)]);
}

/** Every `nodeSelector` / `controlPlaneNodeSelector` map in a values tree, with its dotted path. */
function selectorsIn(value: unknown, path: string, out: { path: string; selector: [string, string][] }[]): void {
  if (!value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => selectorsIn(v, `${path}[${i}]`, out));
    return;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    if (/^(nodeSelector|controlPlaneNodeSelector)$/.test(key)) {
      const selector = selectorOf(child);
      if (selector) out.push({ path: at, selector });
    } else selectorsIn(child, at, out);
  }
}

function matches(labels: ReadonlyMap<string, LabelValue>, selector: readonly [string, string][]): boolean {
  return selector.every(([k, v]) => {
    const have = labels.get(k);
    return have === ANY_VALUE || have === v;
  });
}

/**
 * Chart values as parsed, by text (read only): the checks run when a cluster is built and again when
 * it is rendered, on the same values. A few texts are kept, the oldest dropped first.
 */
const parsed = new Map<string, unknown>();
function parsedValues(text: string): unknown {
  if (parsed.has(text)) return parsed.get(text);
  const value: unknown = parse(text);
  if (parsed.size >= 16) parsed.delete(parsed.keys().next().value as string);
  parsed.set(text, value);
  return value;
}

/** Node selectors in bootstrap chart values must match the labels some node gets. */
function selectorChecks(hosts: readonly K0sctlHost[], spec: K0sClusterConfigSpec): Diagnostic[] {
  const nodes = hosts.map((h) => nodeLabels(h.role, h.installFlags ?? [], h.winRM !== undefined)).filter((l): l is ReadonlyMap<string, LabelValue> => l !== undefined);
  const out: Diagnostic[] = [];
  (spec.extensions?.helm?.charts ?? []).forEach((chart, i) => {
    if (!chart.values) return;
    let values: unknown;
    try {
      values = parsedValues(chart.values);
    } catch {
      return; // not ours to judge here: k0s reports unparsable values
    }
    const found: { path: string; selector: [string, string][] }[] = [];
    selectorsIn(values, '', found);
    for (const { path, selector } of found) {
      if (nodes.some((labels) => matches(labels, selector))) continue;
      const wanted = selector.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
      out.push({
        code: 'node-selector-no-match',
        severity: 'error',
        path: `spec.k0s.config.spec.extensions.helm.charts[${i}].values`,
        message: `${chart.name}: ${path} selects ${wanted}, but no node gets that label (k0s labels controller+worker and single nodes node-role.kubernetes.io/control-plane="true"; workers get no role label); its pods would stay Pending`,
        hint: 'select a label k0s or an install flag --labels sets on some host',
      });
    }
  });
  return out;
}

/** Whether a values tree holds a toleration for every NoSchedule taint (`operator: Exists` without a key) or for `key`. */
function toleratesIn(value: unknown, key: string): boolean {
  if (!value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => toleratesIn(v, key));
  for (const [k, child] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'tolerations' && Array.isArray(child)) {
      const ok = child.some((t) => {
        if (!t || typeof t !== 'object') return false;
        const tol = t as Record<string, unknown>;
        const effectOk = tol.effect === undefined || tol.effect === 'NoSchedule';
        return effectOk && ((tol.operator === 'Exists' && tol.key === undefined) || tol.key === key);
      });
      if (ok) return true;
    } else if (toleratesIn(child, key)) return true;
  }
  return false;
}

/**
 * Bootstrap charts need a node their pods tolerate: when every node that runs a Linux kubelet is a
 * tainted controller+worker (no worker, no `single`, no `noTaints`), a chart that does not tolerate
 * the control-plane taint (kcm: `tolerations: []`) never schedules, and nothing MKE installs after it
 * either.
 */
function schedulingChecks(hosts: readonly K0sctlHost[], spec: K0sClusterConfigSpec, k0sVersion: string): Diagnostic[] {
  if (!hosts.some((h) => h.role !== 'controller')) return [];
  if (hosts.some((h) => untaintedLinuxNode(h.role, h.installFlags ?? [], h.noTaints === true, h.winRM !== undefined))) return [];
  const taint = controlPlaneTaint(k0sVersion);
  const key = taint.split(':')[0];
  const out: Diagnostic[] = [];
  (spec.extensions?.helm?.charts ?? []).forEach((chart, i) => {
    const base = chart.chartname.split('/').pop() ?? chart.chartname;
    if (CHARTS_TOLERATING_ALL_TAINTS.has(chart.name) || CHARTS_TOLERATING_ALL_TAINTS.has(base)) return;
    let values: unknown;
    try {
      values = chart.values ? parse(chart.values) : undefined;
    } catch {
      values = undefined;
    }
    if (toleratesIn(values, key)) return;
    out.push({
      code: 'no-schedulable-node',
      severity: 'error',
      path: `spec.k0s.config.spec.extensions.helm.charts[${i}]`,
      message: `${chart.name}: every node that runs workloads is a controller+worker with k0s' ${taint} taint, and the chart's pods do not tolerate it: they would stay Pending, and nothing MKE installs after them would run`,
      hint: 'add a worker host, or set noTaints: true on the controller+worker hosts',
    });
  });
  return out;
}

function repositoryChecks(spec: K0sClusterConfigSpec, k0sVersion: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  (spec.extensions?.helm?.repositories ?? []).forEach((repo, i) => {
    if (repo.url.startsWith('oci://') && !k0sAcceptsOciRepository(k0sVersion)) {
      out.push({ code: 'helm-oci-repository', severity: 'error', path: `spec.k0s.config.spec.extensions.helm.repositories[${i}].url`, message: `k0s ${k0sVersion} treats every repositories[] entry as a classic Helm repository and fails on every reconcile for ${repo.url} (OCI entries work from k0s v1.32.6)`, hint: 'drop the entry: an oci:// chartname needs no repository' });
    }
  });
  return out;
}

/** Every behaviour check on one k0sctl cluster. */
export function checkBootstrap(hosts: readonly K0sctlHost[], spec: K0sClusterConfigSpec, k0sVersion: string): Diagnostic[] {
  const coverage: Diagnostic[] = factsCover(k0sVersion)
    ? []
    : [{ code: 'k0s-facts-unverified', severity: 'warning', path: 'spec.k0s.version', message: `the run-time checks of k0sctl.yaml use facts read from k0s ${K0S_VERSIONS_READ.join(', ')}; ${k0sVersion} is not among them`, hint: 'check kube-apiserver file permissions and node labels against that k0s release' }];
  return [...coverage, ...fileChecks(hosts, spec), ...directoryChecks(hosts), ...selectorChecks(hosts, spec), ...schedulingChecks(hosts, spec, k0sVersion), ...repositoryChecks(spec, k0sVersion)];
}
