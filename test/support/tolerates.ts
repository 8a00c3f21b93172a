/** The Kubernetes toleration rule (k8s.io/api core/v1 toleration.go ToleratesTaint), for tests of Helm values. */
export function tolerates(tolerations: Record<string, unknown>[] | undefined, taint: { key: string; value: string; effect: string }): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.key && t.key !== taint.key) return false;
    if (t.operator === 'Exists') return true;
    return !t.key ? false : (t.value ?? '') === taint.value;
  });
}
