/**
 * k0rdent `Credential`s: a named pointer from ClusterDeployments to the identity a CAPI provider
 * uses (kcm API, github.com/k0rdent/kcm). The identity objects and Secrets are never synthesized here — they
 * hold secret material the user creates out of band; we reference them by name.
 *
 * One file for the base class and the five provider classes: each provider class only fixes the
 * identity's apiVersion/kind, so splitting them would spread one table over six files.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { MkeRelease } from '../config/releases';
import { addDiagnosticValidation, FLEET_CODES } from './diagnostics';
import { fleetMetadata, K0RDENT_NAMESPACE } from './k0rdent-api';
import { dns1123LabelError, dns1123SubdomainError } from '../k8s-names';
import { placeObject } from './placement';
import { declarePrerequisites, type Prerequisite } from '../prerequisites';
import type { InfrastructureProvider } from './providers';

/** The identity object a Credential points to (`spec.identityRef`). */
export interface IdentityReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/** Props common to every Credential. */
export interface CredentialBaseProps {
  /**
   * `metadata.name` of the Credential; what `ChildClusterProps.credential` refers to.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Free text shown by `kubectl get credentials` (no effect on kcm).
   * @default - none
   */
  readonly description?: string;
  /** Name of the identity object (or Secret) the user created. */
  readonly identityName: string;
  /**
   * Namespace of the identity object. Cluster-scoped identities (e.g. `AWSClusterStaticIdentity`)
   * ignore it, but kcm's `identityRef` still carries one.
   * @default 'k0rdent'
   */
  readonly identityNamespace?: string;
  /**
   * Management cluster release whose k0rdent API to write.
   * @default - the enclosing Fleet's management cluster, else MKE 4.2 (used alone)
   */
  readonly release?: MkeRelease;
}

/** Props of a Credential for any identity kind. */
export interface CredentialProps extends CredentialBaseProps {
  /** The infrastructure this credential is for (decides the k0rdent provider a cluster needs). */
  readonly provider: InfrastructureProvider;
  /** apiVersion of the identity object. */
  readonly identityApiVersion: string;
  /** kind of the identity object. */
  readonly identityKind: string;
}

const CREDENTIAL_SYMBOL = Symbol.for('mke4k-cdk8s.Credential');
/** Credentials by name per construct tree (its root), so a lookup by name does not walk the tree. */
const BY_NAME = new WeakMap<object, Map<string, Credential>>();

/** The first Credential named `name` in the construct tree of `scope`. */
export function findCredential(scope: Construct, name: string): Credential | undefined {
  return BY_NAME.get(scope.node.root)?.get(name);
}

/** A k0rdent Credential in namespace `k0rdent`. */
export class Credential extends Construct {
  /** Whether `x` is a Credential (works across copies of the library). */
  static isCredential(x: unknown): x is Credential {
    return typeof x === 'object' && x !== null && CREDENTIAL_SYMBOL in x;
  }

  readonly credentialName: string;
  readonly provider: InfrastructureProvider;
  readonly identityRef: IdentityReference;
  /** The emitted object. */
  readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: CredentialProps) {
    super(scope, id);
    Object.defineProperty(this, CREDENTIAL_SYMBOL, { value: true });
    this.credentialName = props.name ?? id;
    this.provider = props.provider;
    this.identityRef = {
      apiVersion: props.identityApiVersion,
      kind: props.identityKind,
      name: props.identityName,
      namespace: props.identityNamespace ?? K0RDENT_NAMESPACE,
    };
    const placed = placeObject(this, 'credential', props.release);
    this.apiObject = new ApiObject(placed.scope, placed.scope === this ? 'Resource' : `credential-${this.node.addr}`, {
      apiVersion: placed.api.apiVersion,
      kind: 'Credential',
      metadata: fleetMetadata(this.credentialName, K0RDENT_NAMESPACE),
      spec: {
        ...(props.description !== undefined ? { description: props.description } : {}),
        identityRef: { ...this.identityRef },
      },
    });
    declarePrerequisites(this.apiObject, () => [this.identityPrerequisite()]);
    let index = BY_NAME.get(this.node.root);
    if (!index) BY_NAME.set(this.node.root, (index = new Map()));
    if (!index.has(this.credentialName)) index.set(this.credentialName, this);
    addDiagnosticValidation(this, () => {
      const problems: string[] = [];
      const nameError = dns1123SubdomainError(this.credentialName);
      if (nameError) problems.push(`credential name "${this.credentialName}" ${nameError}`);
      const identityError = dns1123SubdomainError(this.identityRef.name);
      if (identityError) problems.push(`identity name "${this.identityRef.name}" ${identityError}`);
      const namespaceError = dns1123LabelError(this.identityRef.namespace);
      if (namespaceError) problems.push(`identity namespace "${this.identityRef.namespace}" ${namespaceError}`);
      return problems.map((message) => ({ code: FLEET_CODES.invalidName, severity: 'error' as const, message, path: this.node.path }));
    });
  }

  /** The identity object the user creates (it holds or points to secret material). */
  identityPrerequisite(): Prerequisite {
    const ref = this.identityRef;
    const clusterScoped = CLUSTER_SCOPED_IDENTITIES.has(ref.kind);
    return {
      kind: ref.kind,
      apiVersion: ref.apiVersion,
      ...(clusterScoped ? {} : { namespace: ref.namespace }),
      name: ref.name,
      why: `Credential ${this.credentialName} spec.identityRef`,
      how: IDENTITY_HOW[ref.kind]?.(ref) ?? `create the ${ref.kind} ${ref.name} your Cluster API provider expects (see its documentation)`,
    };
  }
}

/** Identity kinds that are cluster-scoped (CAPA's `AWSCluster*Identity`). */
const CLUSTER_SCOPED_IDENTITIES = new Set(['AWSClusterStaticIdentity', 'AWSClusterRoleIdentity', 'AWSClusterControllerIdentity']);

/**
 * How to create each identity kind: k0rdent/kcm config/dev/{aws,azure,vsphere,adopted}-credentials.yaml
 * (identity + Secret per provider; AWS keys `AccessKeyID`/`SecretAccessKey`, adopted kubeconfig under `value`).
 */
const IDENTITY_HOW: Readonly<Record<string, (ref: IdentityReference) => string>> = {
  AWSClusterStaticIdentity: (ref) =>
    `a Secret in namespace ${ref.namespace} with keys AccessKeyID and SecretAccessKey, then an AWSClusterStaticIdentity ${ref.name} whose spec.secretRef names it and whose spec.allowedNamespaces allows ${K0RDENT_NAMESPACE}`,
  AzureClusterIdentity: (ref) => `a Secret with the service principal's clientSecret, then an AzureClusterIdentity ${ref.name} in namespace ${ref.namespace} (type ServicePrincipal, clientID, tenantID, clientSecret: {name, namespace})`,
  VSphereClusterIdentity: (ref) => `a Secret with keys username and password, then a VSphereClusterIdentity ${ref.name} whose spec.secretName names it`,
  Secret: (ref) => `kubectl -n ${ref.namespace} create secret generic ${ref.name} --from-file=<key>=<file> (adopted clusters: --from-file=value=<the cluster's kubeconfig>; OpenStack: clouds.yaml)`,
};

/**
 * AWS: `AWSClusterStaticIdentity` (infrastructure.cluster.x-k8s.io/v1beta2). The kind and version
 * are CAPA's (cluster-api-provider-aws, github.com/kubernetes-sigs/cluster-api-provider-aws).
 */
export class AwsCredential extends Credential {
  constructor(scope: Construct, id: string, props: CredentialBaseProps) {
    super(scope, id, { ...props, provider: 'aws', identityApiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2', identityKind: 'AWSClusterStaticIdentity' });
  }
}

/** Azure: `AzureClusterIdentity` (infrastructure.cluster.x-k8s.io/v1beta1; CAPZ — inferred). */
export class AzureCredential extends Credential {
  constructor(scope: Construct, id: string, props: CredentialBaseProps) {
    super(scope, id, { ...props, provider: 'azure', identityApiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1', identityKind: 'AzureClusterIdentity' });
  }
}

/** vSphere: `VSphereClusterIdentity` (infrastructure.cluster.x-k8s.io/v1beta1; CAPV — inferred). */
export class VSphereCredential extends Credential {
  constructor(scope: Construct, id: string, props: CredentialBaseProps) {
    super(scope, id, { ...props, provider: 'vsphere', identityApiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1', identityKind: 'VSphereClusterIdentity' });
  }
}

/** OpenStack: a `Secret` (v1) holding `clouds.yaml` (CAPO convention — inferred). */
export class OpenStackCredential extends Credential {
  constructor(scope: Construct, id: string, props: CredentialBaseProps) {
    super(scope, id, { ...props, provider: 'openstack', identityApiVersion: 'v1', identityKind: 'Secret' });
  }
}

/**
 * Adopted cluster: a `Secret` (v1) with the cluster's kubeconfig under key `value`; the kind must be
 * `Secret` for the `infrastructure-internal` provider (kcm API, github.com/k0rdent/kcm,
 * corpus/k0rdent/kcm/adopted-credentials.yaml — from the reference).
 */
export class AdoptedCredential extends Credential {
  constructor(scope: Construct, id: string, props: CredentialBaseProps) {
    super(scope, id, { ...props, provider: 'adopted', identityApiVersion: 'v1', identityKind: 'Secret' });
  }
}
