/** Public API of mke4k-cdk8s. Everything not exported here is internal. */
export { MkeCluster, MANIFEST_FILES } from './cluster';
export type { Delivery, ManifestFile, MkeClusterHost, MkeClusterProps, MkeClusterSpec, MkeHostRole } from './cluster';
export { DIAGNOSTIC_CODES, MkeValidationError, formatPath, hasErrors } from './config/diagnostics';
export type { Diagnostic, DiagnosticCode, Severity } from './config/diagnostics';
export { loadMkeConfig, loadMkeConfigFile, validateSpec } from './config/load';
export type { LoadOptions, LoadResult, LoadedConfig } from './config/load';
export { MKE_RELEASES, NEWEST_RELEASE, releaseInfo } from './config/releases';
export type { ChartCoordinates, MkeRelease, ReleaseInfo } from './config/releases';
export type { MkeSpec, MkeHostSpec, DeepReadonly } from './config/types';
export { mkeJsonSchema } from './config/json-schema';
export { K0sctlCluster, k0sctlPropsFromSpec } from './k0s/k0sctl-cluster';
export type { K0sctlClusterProps } from './k0s/k0sctl-cluster';
export type * from './k0s/types';
export { toK0sApi, toK0sStorage, toK0sControllerManager, toK0sScheduler, toK0sTelemetry, toK0sImages } from './k0s/to-k0s-control-plane';
export { toK0sNetwork, toK0sKubeProxy, toK0sControlPlaneLoadBalancing } from './k0s/to-k0s-network';
export { toK0sClusterConfigSpec } from './k0s/to-k0s-cluster-config';
export { toK0sWorkerProfiles } from './k0s/worker-profiles';
export { toK0sctlHost, toK0sctlHosts, canonicalInstallFlag } from './k0s/hosts';
export { Calico, TIGERA_RELEASE_NAME } from './cni/calico';
export type { CalicoProps } from './cni/calico';
export { KubeRouter } from './cni/kube-router';
export type { KubeRouterProps } from './cni/kube-router';
export { CustomCni } from './cni/custom-cni';
export type { CustomCniProps } from './cni/custom-cni';
export type { CniChart, CniNetwork, ICni } from './cni/cni';
export { cniFromSpec } from './cni/from-spec';
export type { CniSelection } from './cni/from-spec';
export {
  Fleet,
  requiredProviders,
  ChildCluster,
  CHILD_MANIFEST_FILES,
  Credential,
  AwsCredential,
  AzureCredential,
  VSphereCredential,
  OpenStackCredential,
  AdoptedCredential,
  FleetServiceTemplate,
  FleetServiceSet,
  K0RDENT_PROVIDER,
  providerFromTemplate,
  k0rdentApiFor,
  K0RDENT_NAMESPACE,
} from './fleet';
export type {
  FleetProps,
  ChildClusterProps,
  ChildManifestFile,
  CredentialBaseProps,
  CredentialProps,
  IdentityReference,
  FleetServiceTemplateProps,
  FleetServiceSetProps,
  SyncMode,
  FleetService,
  LabelSelector,
  LabelSelectorOperator,
  LabelSelectorRequirement,
  InfrastructureProvider,
  K0rdentApi,
} from './fleet';
export { renderAll, renderCluster, synthesize, writeRendered } from './output/writer';
export type { RenderedCluster, RenderedFile } from './output/writer';
export type { OverrideTarget } from './output/overrides';
export * from './services';
export {
  addSystemService,
  controlPlaneOf,
  K0rdentServices,
  K0rdentManagement,
  MkeOperator,
  serviceTemplateName,
  orderServices,
  MANAGEMENT_CLUSTER_LABEL,
} from './control-plane';
export type { ControlPlane, K0rdentCharts, K0rdentServicesProps, K0rdentManagementProps, K0rdentProvider, MkeOperatorProps, ChartRegistry } from './control-plane';
export { captureSynthesis } from './output/capture';
export { diffSpecs } from './diff/spec-diff';
export type { SpecDiffOptions, SpecSide } from './diff/spec-diff';
export { diffFolders } from './diff/folder-diff';
export type { Change, ChangeKind } from './diff/tree-diff';
export { importProgram } from './codegen/import-program';
export type { ImportProgramOptions } from './codegen/import-program';
export { exportDocument } from './codegen/export-yaml';
export type { ExportableCluster } from './codegen/export-yaml';
export { MkeApp } from './app';
export type { MkeAppProps } from './app';
export type { WarningMode } from './output/warnings';
export { MkeTesting } from './testing';
export type { SynthesizedFiles } from './testing';
