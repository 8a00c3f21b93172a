/**
 * k0s version strings (`v1.32.3+k0s.0`): format check and feature gates. A field newer than the
 * target k0s is either dropped silently or rejected by k0s (k0s `pkg/apis/k0s/v1beta1`), so every
 * version-dependent field we emit asks `k0sSupports` first.
 */
import * as semver from 'semver';

/** k0sctl's accepted shape: optional `v`, then a semantic version with `-pre` and `+k0s.N` parts. */
const K0S_VERSION = /^v?\d+\.\d+\.\d+(-[0-9a-z.-]+)?(\+[0-9a-z.-]+)?$/;

export function isK0sVersion(version: string): boolean {
  return K0S_VERSION.test(version) && semver.valid(version.replace(/^v/, '')) !== null;
}

/** True when `version` ≥ `min` (build metadata such as `+k0s.0` ignored, pre-releases compared). */
export function k0sAtLeast(version: string, min: string): boolean {
  // Asked once per host and field; the answers for a handful of versions are cached.
  const key = `${version} ${min}`;
  let answer = atLeastCache.get(key);
  if (answer === undefined) {
    const v = semver.valid(version.replace(/^v/, ''));
    answer = v !== null && semver.compare(v, min) >= 0;
    atLeastCache.set(key, answer);
  }
  return answer;
}

const atLeastCache = new Map<string, boolean>();

/** First k0s version with each version-dependent thing we may emit or check (k0s changelogs, github.com/k0sproject/k0s/releases). */
export const K0S_SINCE = {
  /** k0sctl host `kubeletRootDir` (k0sctl `phase/gather_facts.go`). */
  kubeletRootDir: '1.32.1-rc.0',
  /** CPLB `keepalived.userSpaceProxyBindPort`, `disableLoadBalancer`, unicast peers. */
  cplbUserspace: '1.32.0-0',
  /** `rawArgs` on api, controllerManager, scheduler, etcd, kubeProxy, kuberouter. */
  rawArgs: '1.34.0-0',
  /** Worker profile rules: name is a DNS label, `values` optional (K28). */
  workerProfilesV2: '1.34.0-0',
  /** pod and service CIDR of one family (K10). */
  sameFamilyCidrs: '1.34.0-0',
  /** Windows workers (k0sctl `phase/validate_hosts.go`). */
  windowsWorkers: '1.34.0-0',
  /** helm repository `insecure` unset means "verify TLS". */
  helmInsecureDefaultsSecure: '1.35.0-0',
  /** NLLB `type: Traefik`, `metricsServer`, patches. */
  traefikNllb: '1.36.0-0',
} as const;

export type K0sFeature = keyof typeof K0S_SINCE;

export function k0sSupports(version: string, feature: K0sFeature): boolean {
  return k0sAtLeast(version, K0S_SINCE[feature]);
}
