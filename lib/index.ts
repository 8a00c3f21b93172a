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
export type * from './config/spec-types';
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
export { renderAll, synthesize, writeRendered } from './output/writer';
export { renderCluster } from './cluster';
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
export { planUpgrade } from './views/upgrade/plan';
export type { UpgradePlan, UpgradeStep, ComponentChange, DefaultChange, HopImpact, PlanUpgradeOptions } from './views/upgrade/plan';
export { upgradeLadder } from './views/upgrade/ladder';
export type { UpgradeHop, BlockedPath, Ladder } from './views/upgrade/ladder';
export type { Migration, MigrationKind, ManualStep } from './views/upgrade/migrate';
export { formatUpgradePlan } from './views/upgrade/format';
export { airgapList, upstreamCalicoVersion } from './views/airgap/list';
export type { AirgapEntry, AirgapList } from './views/airgap/list';
export { airgapJson, airgapScript, airgapText } from './views/airgap/format';
export { airgapProblems, PUBLIC_REGISTRIES } from './control-plane/airgap-check';
// Prerequisites, the output checks and the kcm catalog (issue 12a).
export { declarePrerequisites, collectPrerequisites } from './prerequisites';
export type { Prerequisite } from './prerequisites';
export { applyStagingProblems, referenceProblems, CHART_CRD_GROUPS } from './output/output-checks';
export type { PlacedObject, ReferenceContext } from './output/output-checks';
export { releaseDefaultProviders, PRUNE_DISABLED } from './control-plane';
export { kcmCatalogFor, providersForClusterTemplate } from './config/kcm-release';
export type { KcmCatalogEntry } from './config/kcm-release';
export type { KcmTagCatalog } from './config/kcm-catalog';
export { K0RDENT_CATALOG_REPOSITORY } from './fleet/fleet-service-template';
export { MkeApp } from './app';
export type { MkeAppProps } from './app';
export type { WarningMode } from './output/warnings';
export { MkeTesting } from './testing';
export type { SynthesizedFiles } from './testing';
