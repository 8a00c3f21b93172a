/**
 * A Kubernetes `v1` Namespace as a cdk8s `ApiObject`: the only core kind this library emits
 * (Secrets, ConfigMaps and ServiceAccounts are the user's, created out of band, so no secret value
 * ever reaches the output). Metadata keys are written sorted, as the Kubernetes API lists them.
 */
import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import type { Construct } from 'constructs';

export interface KubeNamespaceProps {
  /** The Namespace's metadata; `name` is required. */
  readonly metadata: ApiObjectMetadata & { readonly name: string };
}

/** `apiVersion: v1, kind: Namespace`. */
export class KubeNamespace extends ApiObject {
  constructor(scope: Construct, id: string, props: KubeNamespaceProps) {
    super(scope, id, { apiVersion: 'v1', kind: 'Namespace', metadata: props.metadata });
  }

  override toJson(): Record<string, unknown> {
    const json = super.toJson() as { metadata: Record<string, unknown> } & Record<string, unknown>;
    const metadata = Object.fromEntries(Object.entries(json.metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { ...json, metadata };
  }
}
