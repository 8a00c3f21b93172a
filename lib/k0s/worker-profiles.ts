/**
 * MKE `kubelet` → k0s `workerProfiles`: one profile for managers and one for workers (they differ
 * in reserved resources), plus the user's custom profiles. A host selects its profile with the
 * `--profile=` install flag (k0s docs: worker profiles, docs.k0sproject.io).
 */
import type { MkeSpec } from '../config/types';
import type { K0sctlRole, K0sWorkerProfile } from './types';

/**
 * Profile names: mkectl's (MKE 4k docs, kubelet configuration), so that `k0sctl apply` on a cluster
 * mkectl installed sees the same `--profile=` install flag and reinstalls no node (k0sctl compares
 * install flags with the running ones). Stable DNS-1123 labels (k0s ≥ 1.34 requires it).
 */
export const MANAGER_PROFILE = 'mke-default-manager';
export const WORKER_PROFILE = 'mke-default-worker';

function quantities(map: Readonly<Record<string, string | number>> | undefined): Record<string, string> | undefined {
  if (!map || !Object.keys(map).length) return undefined;
  const out: Record<string, string> = {};
  // KubeletConfiguration.kubeReserved is map[string]string: numbers are written as strings.
  for (const k of Object.keys(map).sort()) out[k] = String(map[k]);
  return out;
}

/** KubeletConfiguration overlay shared by both MKE profiles, plus the role's reserved resources. */
function kubeletValues(spec: MkeSpec, reserved: Readonly<Record<string, string | number>> | undefined): Record<string, unknown> {
  const k = spec.kubelet;
  const values: Record<string, unknown> = {};
  if (k?.eventRecordQPS !== undefined) values.eventRecordQPS = k.eventRecordQPS;
  const kubeReserved = quantities(reserved);
  if (kubeReserved) values.kubeReserved = kubeReserved;
  if (k?.maxPods !== undefined) values.maxPods = k.maxPods;
  if (k?.podPidsLimit !== undefined) values.podPidsLimit = k.podPidsLimit;
  if (k?.podsPerCore !== undefined) values.podsPerCore = k.podsPerCore;
  if (k?.protectKernelDefaults !== undefined) values.protectKernelDefaults = k.protectKernelDefaults;
  if (k?.seccompDefault !== undefined) values.seccompDefault = k.seccompDefault;
  return values;
}

/** Whether the spec yields MKE worker profiles (any kubelet setting present). */
export function hasMkeProfiles(spec: MkeSpec): boolean {
  const k = spec.kubelet;
  if (!k) return false;
  return Object.keys(kubeletValues(spec, k.managerKubeReserved)).length > 0 || Object.keys(kubeletValues(spec, k.workerKubeReserved)).length > 0;
}

/** `spec.workerProfiles`: `mke-default-manager`, `mke-default-worker`, then `kubelet.customProfiles` in file order. */
export function toK0sWorkerProfiles(spec: MkeSpec): K0sWorkerProfile[] {
  const out: K0sWorkerProfile[] = [];
  if (hasMkeProfiles(spec)) {
    out.push({ name: MANAGER_PROFILE, values: kubeletValues(spec, spec.kubelet?.managerKubeReserved) });
    out.push({ name: WORKER_PROFILE, values: kubeletValues(spec, spec.kubelet?.workerKubeReserved) });
  }
  for (const p of spec.kubelet?.customProfiles ?? []) out.push({ name: p.name, values: p.values as Record<string, unknown> });
  return out;
}

/** The MKE profile a role runs (`controller+worker` and `single` hosts are managers). */
export function profileForRole(role: K0sctlRole): string | undefined {
  if (role === 'worker') return WORKER_PROFILE;
  if (role === 'controller+worker' || role === 'single') return MANAGER_PROFILE;
  return undefined; // a pure controller runs no kubelet
}
