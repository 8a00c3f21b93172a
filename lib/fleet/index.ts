/** Fleets: child clusters, their credentials and shared services, managed by k0rdent on an MKE cluster. */
export { Fleet, requiredProviders } from './fleet';
export type { FleetProps } from './fleet';
export { ChildCluster, CHILD_MANIFEST_FILES } from './child-cluster';
export type { ChildClusterProps, ChildManifestFile } from './child-cluster';
export { Credential, AwsCredential, AzureCredential, VSphereCredential, OpenStackCredential, AdoptedCredential } from './credential';
export type { CredentialBaseProps, CredentialProps, IdentityReference } from './credential';
export { FleetServiceTemplate } from './fleet-service-template';
export type { FleetServiceTemplateProps } from './fleet-service-template';
export { FleetServiceSet } from './fleet-service-set';
export type { FleetServiceSetProps, SyncMode } from './fleet-service-set';
export type { FleetService } from './service-entry';
export type { LabelSelector, LabelSelectorOperator, LabelSelectorRequirement } from './label-selector';
export { K0RDENT_PROVIDER, providerFromTemplate } from './providers';
export type { InfrastructureProvider } from './providers';
export { k0rdentApiFor, K0RDENT_NAMESPACE } from './k0rdent-api';
export type { K0rdentApi } from './k0rdent-api';
