/** Public API of mke4k-cdk8s. Everything not exported here is internal. */
export { MkeCluster, MANIFEST_FILES } from './cluster';
export type { Delivery, ManifestFile, MkeClusterProps, MkeClusterSpec } from './cluster';
export { DIAGNOSTIC_CODES, MkeValidationError, formatPath, hasErrors } from './config/diagnostics';
export type { Diagnostic, DiagnosticCode, Severity } from './config/diagnostics';
export { loadMkeConfig, loadMkeConfigFile, validateSpec } from './config/load';
export type { LoadOptions, LoadResult, LoadedConfig } from './config/load';
export { MKE_RELEASES, NEWEST_RELEASE, releaseInfo } from './config/releases';
export type { ChartCoordinates, MkeRelease, ReleaseInfo } from './config/releases';
export type { MkeSpec, MkeHostSpec, DeepReadonly } from './config/types';
export { mkeJsonSchema } from './config/json-schema';
export { K0sctlCluster } from './k0s/k0sctl-cluster';
export type { K0sctlClusterProps } from './k0s/k0sctl-cluster';
export { renderAll, renderCluster, synthesize, writeRendered } from './output/writer';
export type { RenderedCluster, RenderedFile } from './output/writer';
