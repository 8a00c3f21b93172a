/**
 * Flux sources for the charts of k0rdent-mode services: the cluster's chart registry (OCI, with
 * optional credentials and CA) and one HelmRepository per other distinct repository (4.0-style
 * add-ons, overrides, user charts). Every source carries `k0rdent.mirantis.com/managed: "true"`,
 * without which kcm's Flux never reconciles it (kcm API, github.com/k0rdent/kcm).
 */
import type { ApiObjectMetadata } from 'cdk8s';
import { HelmRepository, HelmRepositorySpecType, type HelmRepositoryProps } from '../../imports/source.toolkit.fluxcd.io';
import { SUBSTITUTE_DISABLED } from '../services/system-service';

export const MANAGED_LABEL = { 'k0rdent.mirantis.com/managed': 'true' } as const;
export const FLUX_SOURCE_API = 'source.toolkit.fluxcd.io/v1';
/** Name of the HelmRepository of the cluster's chart registry. */
export const REGISTRY_SOURCE_NAME = 'mke-charts';
export const SOURCE_INTERVAL = '10m0s';

/** mke4.yaml `registries.chartRegistry`. */
export interface ChartRegistry {
  /** `oci://…`, no trailing slash. */
  readonly url: string;
  /** Secret (namespace `k0rdent`) with the registry credentials. */
  readonly credentialsSecretName?: string;
  /** CA certificate (PEM, or base64 of PEM) of the registry. */
  readonly caData?: string;
}

/** Stable Flux object name for a repository URL: host and path as a DNS label, no hash. */
export function repositorySlug(url: string): string {
  const slug = url
    .replace(/^[a-z]+:\/\//i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 63).replace(/-+$/, '') || 'charts';
}

/** The objects of one repository: the CA Secret (when a CA is given) and the typed HelmRepository props. */
export interface HelmRepositoryParts {
  readonly caSecret?: Record<string, unknown>;
  readonly repository: HelmRepositoryProps & { readonly metadata: ApiObjectMetadata };
}

/** The CA Secret and HelmRepository of one repository (props for the L1 `HelmRepository`). */
export function helmRepositoryParts(name: string, namespace: string, repo: ChartRegistry): HelmRepositoryParts {
  const caSecretName = repo.caData ? `${name}-ca` : undefined;
  let caSecret: Record<string, unknown> | undefined;
  if (caSecretName && repo.caData) {
    const pem = repo.caData.trimStart().startsWith('-----BEGIN');
    caSecret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: caSecretName, namespace, labels: { ...MANAGED_LABEL }, annotations: { ...SUBSTITUTE_DISABLED } },
      type: 'Opaque',
      ...(pem ? { stringData: { 'ca.crt': repo.caData } } : { data: { 'ca.crt': repo.caData } }),
    };
  }
  const repository = {
    metadata: { name, namespace, labels: { ...MANAGED_LABEL }, annotations: { ...SUBSTITUTE_DISABLED } },
    spec: {
      type: repo.url.startsWith('oci://') ? HelmRepositorySpecType.OCI : HelmRepositorySpecType.DEFAULT,
      url: repo.url,
      interval: SOURCE_INTERVAL,
      ...(repo.credentialsSecretName ? { secretRef: { name: repo.credentialsSecretName } } : {}),
      ...(caSecretName ? { certSecretRef: { name: caSecretName } } : {}),
    },
  };
  return { caSecret, repository };
}

/** HelmRepository (+ CA Secret) objects for one repository, as plain manifests. */
export function helmRepositoryObjects(name: string, namespace: string, repo: ChartRegistry): Record<string, unknown>[] {
  const { caSecret, repository } = helmRepositoryParts(name, namespace, repo);
  return [...(caSecret ? [caSecret] : []), { ...HelmRepository.GVK, ...repository }];
}
