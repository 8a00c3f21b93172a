/**
 * Infrastructure providers a child cluster can run on, and the k0rdent provider (a `Management`
 * `spec.providers[].name`, fed by mke4.yaml `spec.k0rdent.providers[]`) each one needs.
 * Names: kcm 1.x Release `providers[]` (corpus/k0rdent/kcm/release-kcm-1-3-0.yaml).
 */

/** Where a child cluster's machines come from. `adopted` = an existing cluster brought under k0rdent. */
export type InfrastructureProvider = 'aws' | 'azure' | 'vsphere' | 'openstack' | 'adopted';

/**
 * The k0rdent provider each infrastructure needs enabled on the management cluster. Adopted
 * clusters use the built-in `infrastructure-internal` provider (kcm API, github.com/k0rdent/kcm), nothing to enable.
 */
export const K0RDENT_PROVIDER: Readonly<Record<InfrastructureProvider, string | undefined>> = {
  aws: 'cluster-api-provider-aws',
  azure: 'cluster-api-provider-azure',
  vsphere: 'cluster-api-provider-vsphere',
  openstack: 'cluster-api-provider-openstack',
  adopted: undefined,
};

/**
 * ClusterTemplate name prefixes → provider, following kcm's template naming (`adopted-cluster-1-0-1`
 * is in the corpus; `aws-…`, `azure-…`, `vsphere-…`, `openstack-…` and MKE's `mke4k-aws-…` are
 * inferred from the same convention and the MKE child-cluster docs).
 */
const TEMPLATE_PREFIXES: readonly (readonly [string, InfrastructureProvider])[] = [
  ['adopted-cluster', 'adopted'],
  ['mke4k-aws-', 'aws'],
  ['aws-', 'aws'],
  ['azure-', 'azure'],
  ['vsphere-', 'vsphere'],
  ['openstack-', 'openstack'],
];

/** The provider a ClusterTemplate name implies, when it follows kcm's naming. */
export function providerFromTemplate(template: string): InfrastructureProvider | undefined {
  return TEMPLATE_PREFIXES.find(([prefix]) => template.startsWith(prefix))?.[1];
}

/** The k0rdent provider names a set of infrastructures needs, sorted and without duplicates. */
export function k0rdentProvidersFor(providers: Iterable<InfrastructureProvider | undefined>): string[] {
  const names = new Set<string>();
  for (const provider of providers) {
    const name = provider && K0RDENT_PROVIDER[provider];
    if (name) names.add(name);
  }
  return [...names].sort();
}
