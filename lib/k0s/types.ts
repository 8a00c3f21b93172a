/**
 * The shapes we emit into `k0sctl.yaml`: the k0sctl `Cluster` (hosts, k0s, options) and the k0s
 * `ClusterConfig` spec under `spec.k0s.config`. Only fields this project writes are typed; key
 * spellings are exact (k0s' CRD is case-sensitive, k0sctl decodes strictly).
 * @see https://github.com/k0sproject/k0sctl#configuration-file and https://docs.k0sproject.io/stable/configuration/
 */
import type { K0sCalico, K0sHelmChart, K0sHelmRepository, K0sKubeRouter, StringMap } from '../k0s-shapes';

export type { K0sCalico, K0sHelmChart, K0sHelmRepository, K0sKubeRouter, StringMap } from '../k0s-shapes';

export type K0sctlRole = 'controller' | 'controller+worker' | 'worker' | 'single';

/** `hosts[].ssh` (and its `bastion`): rig v2 ssh client. */
export interface K0sctlSsh {
  readonly address: string;
  readonly user?: string;
  readonly port?: number;
  readonly keyPath?: string;
  readonly bastion?: K0sctlSsh;
}

/** `hosts[].winRM` (Windows workers). */
export interface K0sctlWinRm {
  readonly address: string;
  readonly user?: string;
  readonly port?: number;
  readonly password?: string;
  readonly useHTTPS?: boolean;
  readonly insecure?: boolean;
  readonly useNTLM?: boolean;
  readonly caCertPath?: string;
  readonly certPath?: string;
  readonly keyPath?: string;
  readonly tlsServerName?: string;
  readonly bastion?: K0sctlSsh;
}

/** One entry of k0sctl `spec.hosts[]`, as written. */
export interface K0sctlHost {
  readonly role: K0sctlRole;
  readonly ssh?: K0sctlSsh;
  readonly winRM?: K0sctlWinRm;
  readonly localhost?: { readonly enabled: boolean };
  readonly privateInterface?: string;
  readonly privateAddress?: string;
  readonly hostname?: string;
  readonly dataDir?: string;
  readonly kubeletRootDir?: string;
  readonly environment?: Readonly<Record<string, string>>;
  readonly installFlags?: readonly string[];
  readonly noTaints?: boolean;
  /** k0sctl hooks: action (`apply`, …) → stage (`before`, `after`) → shell commands run as the SSH user. */
  readonly hooks?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** k0sctl downloads k0s on its own machine (or takes it from its cache) and uploads it: hosts need no internet. */
  readonly uploadBinary?: boolean;
  readonly files?: readonly K0sctlUploadFile[];
}

/**
 * `hosts[].files[]` with inline data. `perm`/`dirPerm` are quoted octal strings (YAML 1.1 reads 0644
 * as 420). k0sctl creates the parent directory of `dst` when missing and then sets its mode to
 * `dirPerm` (default 0755) on every apply; `user`/`group` (both optional) chown the file and that
 * directory (k0sctl `phase/uploadfiles.go` `ensureDir`, `applyFileMetadata`).
 */
export interface K0sctlUploadFile {
  readonly name: string;
  readonly data: string;
  readonly dst: string;
  readonly perm: string;
  readonly dirPerm?: string;
  readonly user?: string;
  readonly group?: string;
}

/** k0sctl `spec.options` (only the knobs we expose). */
/** k0sctl `spec.options` (k0sctl `pkg/apis/k0sctl.k0sproject.io/v1beta1/cluster/options.go`); durations are Go duration strings such as `2m`. */
export interface K0sctlOptions {
  readonly wait?: { readonly enabled?: boolean };
  readonly drain?: {
    readonly enabled?: boolean;
    readonly gracePeriod?: string;
    readonly timeout?: string;
    readonly force?: boolean;
    readonly ignoreDaemonSets?: boolean;
    readonly deleteEmptyDirData?: boolean;
    readonly podSelector?: string;
    readonly skipWaitForDeleteTimeout?: string;
  };
  readonly concurrency?: { readonly limit?: number; readonly workerDisruptionPercent?: number; readonly uploads?: number };
  /** Taint nodes before upgrade/reset (`taint` is `key=value`; k0sctl itself does not check it). */
  readonly evictTaint?: {
    readonly enabled?: boolean;
    readonly taint?: string;
    readonly effect?: 'NoExecute' | 'NoSchedule' | 'PreferNoSchedule';
    readonly controllerWorkers?: boolean;
  };
}

export interface K0sApi {
  readonly externalAddress?: string;
  readonly sans?: readonly string[];
  readonly extraArgs?: StringMap;
}

export interface K0sStorage {
  readonly type: 'etcd' | 'kine';
  readonly etcd?: { readonly extraArgs?: StringMap };
}

export interface K0sKubeProxy {
  readonly disabled?: boolean;
  readonly mode?: string;
  readonly metricsBindAddress?: string;
  readonly iptables?: Readonly<Record<string, string | number | boolean>>;
  readonly ipvs?: Readonly<Record<string, string | boolean | readonly string[]>>;
  readonly nftables?: Readonly<Record<string, string | number | boolean>>;
  readonly nodePortAddresses?: readonly string[];
}

export interface K0sVrrpInstance {
  readonly virtualIPs: readonly string[];
  readonly authPass: string;
  readonly interface?: string;
  readonly virtualRouterID?: number;
  readonly advertIntervalSeconds?: number;
}

export interface K0sVirtualServer {
  readonly ipAddress: string;
  readonly delayLoop?: string;
  readonly lbAlgo?: string;
  readonly lbKind?: string;
  readonly persistenceTimeoutSeconds?: number;
}

export interface K0sControlPlaneLoadBalancing {
  readonly enabled: boolean;
  readonly type: 'Keepalived';
  readonly keepalived?: { readonly vrrpInstances?: readonly K0sVrrpInstance[]; readonly virtualServers?: readonly K0sVirtualServer[] };
}

export interface K0sNetwork {
  readonly provider: 'calico' | 'kuberouter' | 'custom';
  readonly podCIDR: string;
  readonly serviceCIDR: string;
  readonly calico?: K0sCalico;
  readonly kuberouter?: K0sKubeRouter;
  readonly kubeProxy?: K0sKubeProxy;
  readonly nodeLocalLoadBalancing?: { readonly enabled: boolean; readonly type: 'EnvoyProxy' };
  readonly controlPlaneLoadBalancing?: K0sControlPlaneLoadBalancing;
}

export interface K0sHelm {
  /** Left out when empty (an `oci://` chartname needs no entry). */
  readonly repositories?: readonly K0sHelmRepository[];
  readonly charts: readonly K0sHelmChart[];
}

export interface K0sWorkerProfile {
  readonly name: string;
  /** A KubeletConfiguration overlay (a mapping). */
  readonly values: Readonly<Record<string, unknown>>;
}

export interface K0sClusterConfigSpec {
  readonly api?: K0sApi;
  readonly storage: K0sStorage;
  readonly network: K0sNetwork;
  readonly controllerManager?: { readonly extraArgs?: StringMap };
  readonly scheduler?: { readonly extraArgs?: StringMap };
  readonly workerProfiles?: readonly K0sWorkerProfile[];
  readonly telemetry: { readonly enabled: boolean };
  readonly images?: { readonly repository?: string };
  readonly extensions?: { readonly helm?: K0sHelm };
}

/** The whole `ClusterConfig` document under k0sctl `spec.k0s.config`. */
export interface K0sClusterConfig {
  readonly apiVersion: 'k0s.k0sproject.io/v1beta1';
  readonly kind: 'ClusterConfig';
  readonly metadata: { readonly name: string };
  readonly spec: K0sClusterConfigSpec;
}
