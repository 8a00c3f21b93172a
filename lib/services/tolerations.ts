/**
 * The NoSchedule taint k0s puts on `controller+worker` nodes (unless `noTaints` is set), and the
 * tolerations that let a pod run there. The taint's key changed with k0s 1.33:
 * - up to k0s 1.32 (MKE 4.1): `node-role.kubernetes.io/master` (k0s v1.32.6+k0s.0
 *   cmd/controller/controller.go: `path.Join(constant.NodeRoleLabelNamespace, "master")`, `:NoSchedule`);
 * - from k0s 1.33 (MKE 4.2 runs k0s 1.35): `node-role.kubernetes.io/control-plane` (k0s
 *   v1.33.1+k0s.0 cmd/controller/controller.go: kubeadm `constants.ControlPlaneTaint`).
 * Tolerating both keys works on every k0s version, as the metallb chart does for its speaker
 * (metallb charts/metallb/templates/speaker.yaml, `speaker.tolerateMaster`).
 */

/** A Kubernetes Toleration as written into Helm values. */
export interface TolerationValue {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: number;
}

/** Taint keys k0s has used for `controller+worker` nodes (see the file comment). */
export const K0S_CONTROLLER_TAINT_KEYS: readonly string[] = ['node-role.kubernetes.io/master', 'node-role.kubernetes.io/control-plane'];

/** Fresh tolerations (`Exists`, `NoSchedule`) for every key in `K0S_CONTROLLER_TAINT_KEYS`. */
export function k0sControllerTolerations(): Record<string, string>[] {
  return K0S_CONTROLLER_TAINT_KEYS.map((key) => ({ key, operator: 'Exists', effect: 'NoSchedule' }));
}

/** Whether `t` tolerates the NoSchedule taint `key` (whatever its value), per the Kubernetes toleration rules. */
function tolerates(t: TolerationValue, key: string): boolean {
  if (t.effect && t.effect !== 'NoSchedule') return false;
  if (!t.key) return t.operator === 'Exists';
  return t.key === key && (t.operator === 'Exists' || ((t.operator ?? 'Equal') === 'Equal' && !t.value));
}

/**
 * `tolerations` plus a toleration for each k0s controller taint none of them tolerates yet: for pods
 * whose node selector only matches `controller+worker` nodes, which always carry the taint.
 */
export function withK0sControllerTolerations(tolerations: readonly TolerationValue[] | undefined): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = (tolerations ?? []).map((t) => ({ ...t }));
  for (const t of k0sControllerTolerations()) {
    if (!out.some((u) => tolerates(u as TolerationValue, t.key))) out.push(t);
  }
  return out;
}
