/**
 * The parts of the k0s `ClusterConfig` that a CNI contributes to `k0sctl.yaml`: its network
 * section (`calico`, `kuberouter`) and the Helm repositories and charts of `extensions.helm`.
 * Below both `k0s/` (which writes the whole config and re-exports these from `k0s/types.ts`) and
 * `cni/` (which builds them), so that neither imports the other back.
 */

export type StringMap = Readonly<Record<string, string>>;

export interface K0sCalico {
  readonly mode: 'vxlan' | 'bird' | 'ipip';
  readonly overlay?: string;
  readonly vxlanPort?: number;
  readonly vxlanVNI?: number;
  readonly mtu?: number;
  readonly wireguard?: boolean;
  readonly ipAutodetectionMethod?: string;
  readonly envVars?: StringMap;
}

export interface K0sKubeRouter {
  readonly autoMTU?: boolean;
  readonly mtu?: number;
  readonly extraArgs?: StringMap;
}

/** `extensions.helm.repositories[]`. */
export interface K0sHelmRepository {
  readonly name: string;
  readonly url: string;
  /** Written explicitly: k0s ≤ 1.34 treats an unset value as "skip TLS verification". */
  readonly insecure?: boolean;
}

/** `extensions.helm.charts[]`. `values` is a YAML document as a string (never a mapping). */
export interface K0sHelmChart {
  /** Helm release name; part of the Chart CR name — keep it stable. */
  readonly name: string;
  readonly chartname: string;
  readonly version: string;
  readonly namespace: string;
  readonly values?: string;
  readonly order?: number;
  readonly timeout?: string;
}

/** The Kubernetes role label k0s derives from it (k0s pkg/constant/constant.go `NodeRoleLabelNamespace`). */
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
/**
 * Its value: k0s' NodeRole component adds `node-role.kubernetes.io/<value of node.k0sproject.io/role>`
 * with the value `"true"` — not `""` as kubeadm does (k0s pkg/component/controller/noderole.go
 * `ensureNodeLabel`: `addNodeLabel(ctx, client, node.Name, labelToAdd, "true")`). It runs on the
 * controllers unless `--disable-components` names `node-role` (k0s cmd/controller/controller.go).
 */
export const CONTROL_PLANE_LABEL_VALUE = 'true';
