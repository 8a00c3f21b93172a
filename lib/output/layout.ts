/**
 * The layout of a management cluster's folder: its numbered manifest files, and the delivery modes
 * that fill them. Below the cluster and the control plane, which both use it.
 */

/**
 * How system services reach the cluster: `operator` (the MkeConfig for mke-operator) or `k0rdent`
 * (ServiceTemplates + MultiClusterService, no operator).
 */
export type Delivery = 'operator' | 'k0rdent';

/** The numbered manifest files, in apply order. */
export const MANIFEST_FILES = ['00-namespaces', '10-sources', '20-templates', '30-services', '40-mke-config', '50-extras'] as const;
export type ManifestFile = (typeof MANIFEST_FILES)[number];
