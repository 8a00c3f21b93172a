/**
 * Run-time facts about k0s and k0sctl that decide whether a `k0sctl.yaml` gives a working cluster —
 * facts no schema states. Each is read from the upstream source named in the comment next to it
 * (k0sproject/k0s at the tags listed in `K0S_VERSIONS_READ`, k0sproject/k0sctl v0.32.2). The checks
 * in `./behaviour-checks.ts` hold the synthesized output against this table.
 */
import { k0sAtLeast } from './k0s-version';
import type { K0sctlRole } from './types';

/** The k0s releases whose source was read for the facts below (every k0s version MKE 4k ships). */
export const K0S_VERSIONS_READ = ['v1.31.1+k0s.1', 'v1.32.3+k0s.0', 'v1.32.6+k0s.0', 'v1.32.11+k0s.0', 'v1.35.4+k0s.0', 'v1.36.3+k0s.2'] as const;

/** Whether a k0s version is one whose source the facts were read from (same major.minor.patch). */
export function factsCover(k0sVersion: string): boolean {
  const core = (v: string) => v.replace(/^v/, '').replace(/\+.*$/, '');
  return K0S_VERSIONS_READ.some((v) => core(v) === core(k0sVersion));
}

// ---------------------------------------------------------------------------------------------
// Node labels

/** k0s' role label on nodes it runs a kubelet for as part of a controller (k0s pkg/constant/constant.go `K0SNodeRoleLabel`). */
export const K0S_ROLE_LABEL = 'node.k0sproject.io/role';
// The control-plane label and its value live in k0s-shapes.ts (the CNI's Tigera values use them too).
export { CONTROL_PLANE_LABEL, CONTROL_PLANE_LABEL_VALUE } from '../k0s-shapes';
import { CONTROL_PLANE_LABEL, CONTROL_PLANE_LABEL_VALUE } from '../k0s-shapes';

/**
 * The NoSchedule taint k0s puts on controller+worker nodes without `--no-taints` (single nodes get
 * none): `node-role.kubernetes.io/master` up to v1.32 (k0s v1.32.x cmd/controller/controller.go,
 * `path.Join(NodeRoleLabelNamespace, "master")`), `node-role.kubernetes.io/control-plane` from
 * v1.35 (same file, kubeadm's `constants.ControlPlaneTaint`). The Tigera operator's control-plane
 * components tolerate both (tigera/operator pkg/render/common/meta/meta.go `TolerateControlPlane`),
 * so a `controlPlaneNodeSelector` on the label above schedules them.
 */
export function controlPlaneTaint(k0sVersion: string): string {
  return k0sAtLeast(k0sVersion, '1.33.0-0') ? 'node-role.kubernetes.io/control-plane:NoSchedule' : 'node-role.kubernetes.io/master:NoSchedule';
}

/**
 * Whether a host's node can take pods that tolerate no NoSchedule/NoExecute taint: it runs a Linux
 * kubelet, is not a controller+worker without `noTaints` (k0s v1.32.x/v1.35.4
 * cmd/controller/controller.go `startWorker`: the taint above unless `--single` or `--no-taints`),
 * and has no NoSchedule/NoExecute taint from the worker flag `--taints=key=value:effect,…` (k0s
 * pkg/config/cli.go).
 */
export function untaintedLinuxNode(role: K0sctlRole, installFlags: readonly string[], noTaints: boolean, windows = false): boolean {
  if (role === 'controller' || windows) return false;
  const flag = (name: string) => installFlags.find((f) => f === name || f.startsWith(`${name}=`));
  if (role === 'controller+worker') {
    const nt = flag('--no-taints');
    if (!noTaints && !(nt && !/=false$/.test(nt))) return false;
  }
  const taints = flag('--taints');
  const values = taints ? taints.slice(taints.indexOf('=') + 1).replace(/^["']|["']$/g, '').split(',') : [];
  return !values.some((t) => /:(NoSchedule|NoExecute)$/.test(t.trim()));
}

/**
 * Bootstrap charts whose pods tolerate every NoSchedule and NoExecute taint by default, by chart
 * name: tigera-operator (projectcalico/calico charts/tigera-operator/values.yaml `tolerations`:
 * Exists for both effects, every chart version MKE ships). kcm does not: its controller has
 * `tolerations: []` (k0rdent/kcm templates/provider/kcm/values.yaml), like its sub-charts.
 */
export const CHARTS_TOLERATING_ALL_TAINTS: ReadonlySet<string> = new Set(['tigera-operator']);

/** A label whose value depends on the machine (any value matches a selector on it). */
export const ANY_VALUE = Symbol('any value');
export type LabelValue = string | typeof ANY_VALUE;

/**
 * The labels a host's node gets, or `undefined` when the host runs no kubelet (role `controller`:
 * k0s starts a worker only with `--enable-worker` / `--single`, k0s cmd/controller/controller.go).
 * - kubelet: `kubernetes.io/os`, `kubernetes.io/arch`, `kubernetes.io/hostname` (kubernetes
 *   pkg/kubelet/kubelet_node_status.go `initialNode`);
 * - controller+worker and single: `node.k0sproject.io/role=control-plane` (k0s
 *   cmd/controller/controller.go `startWorker`) and `node-role.kubernetes.io/control-plane=true`
 *   (above);
 * - `--labels=k=v,…` install flags (k0s pkg/config/cli.go, worker flag `labels`).
 */
export function nodeLabels(role: K0sctlRole, installFlags: readonly string[], windows = false): ReadonlyMap<string, LabelValue> | undefined {
  if (role === 'controller') return undefined;
  const labels = new Map<string, LabelValue>([
    ['kubernetes.io/os', windows ? 'windows' : 'linux'],
    ['kubernetes.io/arch', ANY_VALUE],
    ['kubernetes.io/hostname', ANY_VALUE],
  ]);
  if (role === 'controller+worker' || role === 'single') {
    labels.set(K0S_ROLE_LABEL, 'control-plane');
    const disabled = installFlags.some((f) => /^--disable-components=/.test(f) && f.slice(f.indexOf('=') + 1).split(',').includes('node-role'));
    if (!disabled) labels.set(CONTROL_PLANE_LABEL, CONTROL_PLANE_LABEL_VALUE);
  }
  for (const flag of installFlags) {
    const m = /^--labels=(.*)$/.exec(flag);
    if (!m) continue;
    for (const pair of m[1].replace(/^["']|["']$/g, '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) labels.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  return labels;
}

// ---------------------------------------------------------------------------------------------
// Users and groups

/** A process identity on the host. */
export interface ProcessIdentity {
  /** Login name of the user. */
  readonly user: string;
  /** Primary group (numeric 0 = `root`). */
  readonly group: string;
  /** Whether k0s creates the user (then it does not exist before `k0s install`). */
  readonly createdByK0s: boolean;
}

/**
 * The identities k0s runs controller components as. k0s looks the user up
 * (`users.LookupUID(constant.ApiserverUser)` etc.) and starts the process through its supervisor
 * with `syscall.Credential{Uid: uid, Gid: gid}` and no supplementary groups (k0s
 * pkg/supervisor/detachattr_unix.go `DetachAttr`). The GID is never looked up: in v1.31–v1.32 the
 * component's `gid` field is never assigned, from v1.35 there is no GID at all
 * (pkg/component/controller/apiserver.go), so the group is `root` (0).
 * kube-controller-manager runs as the kube-apiserver user (pkg/component/controller/controllermanager.go).
 * The users are created by `k0s install controller` (cmd/install/controller.go →
 * pkg/install/users_linux.go `EnsureControllerUsers`, names from pkg/constant/constant.go).
 */
export const COMPONENT_IDENTITY = {
  'kube-apiserver': { user: 'kube-apiserver', group: 'root', createdByK0s: true },
  'kube-controller-manager': { user: 'kube-apiserver', group: 'root', createdByK0s: true },
  'kube-scheduler': { user: 'kube-scheduler', group: 'root', createdByK0s: true },
  kubelet: { user: 'root', group: 'root', createdByK0s: false },
} as const satisfies Record<string, ProcessIdentity>;

export type K0sComponent = keyof typeof COMPONENT_IDENTITY;

/**
 * k0sctl uploads `files[]` (phase UploadFiles) before it runs `k0s install` (phases InitializeK0s,
 * InstallControllers) — k0sctl action/apply.go phase order — so on a first apply a `user`/`group`
 * that k0s creates does not exist yet and k0sctl's `chown` fails (phase/uploadfiles.go).
 */
export const UPLOADS_RUN_BEFORE_K0S_INSTALL = true;

// ---------------------------------------------------------------------------------------------
// Flags that name files on the host

/** How a component uses the file a flag names. */
export type FileUse = 'read' | 'write';

/**
 * kube-apiserver flags (set through `spec.api.extraArgs`) that name a host file: `read` files must
 * exist and be readable by the process (kube-apiserver exits at start otherwise); for `write` the
 * component creates the file, so its directory must exist and be writable by the process
 * (kubernetes staging/src/k8s.io/apiserver/pkg/server/options/audit.go `ensureLogFile`: MkdirAll
 * of the directory with 0700, then open O_CREATE). Flag names from kubernetes
 * cmd/kube-apiserver/app/options and staging/src/k8s.io/apiserver/pkg/server/options.
 */
export const API_SERVER_FILE_FLAGS: Readonly<Record<string, FileUse>> = {
  'admission-control-config-file': 'read',
  'audit-policy-file': 'read',
  'audit-webhook-config-file': 'read',
  'audit-log-path': 'write',
  'authentication-config': 'read',
  'authorization-config': 'read',
  'authorization-webhook-config-file': 'read',
  'authentication-token-webhook-config-file': 'read',
  'encryption-provider-config': 'read',
  'egress-selector-config-file': 'read',
  'oidc-ca-file': 'read',
  'tracing-config-file': 'read',
  'token-auth-file': 'read',
};

/** Flags k0s itself sets to files it writes (k0s pkg/component/controller/apiserver.go); a user value replaces them. */
export const K0S_MANAGED_FILE_FLAGS: ReadonlySet<string> = new Set(['egress-selector-config-file']);

// ---------------------------------------------------------------------------------------------
// extensions.helm

/**
 * First k0s patch release per minor whose `repositories[]` accepts an `oci://` URL. Before it,
 * `AddRepository` treats every entry as a classic Helm repository and downloads `index.yaml`, which
 * an OCI registry does not serve, so the extension controller fails on every reconcile (k0s v1.32.3
 * pkg/helm/helm.go `AddRepository`). Support came with "Support extensions from OCI registries with
 * self-signed CA" (k0s pkg/helm/oci.go, backports: v1.30.14, v1.31.10, v1.32.6, v1.33.2, v1.34.0).
 * An `oci://` chartname needs no repository entry in any version (Helm's registry client).
 */
const OCI_REPOSITORY_SINCE: Readonly<Record<string, string>> = {
  '1.30': '1.30.14',
  '1.31': '1.31.10',
  '1.32': '1.32.6',
  '1.33': '1.33.2',
};

/** Whether k0s `extensions.helm.repositories[]` may hold an `oci://` entry in this k0s version. */
export function k0sAcceptsOciRepository(k0sVersion: string): boolean {
  const m = /^v?(\d+)\.(\d+)\./.exec(k0sVersion);
  if (!m) return false;
  const since = OCI_REPOSITORY_SINCE[`${m[1]}.${m[2]}`];
  if (since) return k0sAtLeast(k0sVersion, since);
  return k0sAtLeast(k0sVersion, '1.34.0-0');
}

// ---------------------------------------------------------------------------------------------
// Directories k0sctl touches

/**
 * Modes of system directories that are not 0755. k0sctl sets the parent directory of every upload to
 * the file's `dirPerm` (default 0755) on every apply (k0sctl phase/uploadfiles.go `ensureDir`), so an
 * upload straight into one of these would change its mode (e.g. drop the sticky bit of /tmp).
 */
export const SYSTEM_DIR_MODES: Readonly<Record<string, string>> = {
  '/tmp': '1777',
  '/var/tmp': '1777',
  '/root': '0700',
  '/dev/shm': '1777',
};

/** Directories a component's write directory must never be (k0sctl would chmod them to the upload's dirPerm). */
export { SHARED_SYSTEM_DIRS } from '../config/rules-bootstrap';
