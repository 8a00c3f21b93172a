/** Shared builders for the fleet tests: a small management cluster and a typical fleet. */
import { App } from 'cdk8s';
import { MkeCluster, type MkeClusterSpec } from '../../lib/cluster';
import type { MkeRelease } from '../../lib/config/releases';
import { AdoptedCredential, AwsCredential } from '../../lib/fleet/credential';
import { Fleet, type FleetProps } from '../../lib/fleet/fleet';

const CALICO = { provider: 'calico', enabled: true, extraConfig: { cidrV4: '192.168.0.0/16' } };

/** A one-host management cluster of `release` with the given k0rdent providers. */
export function managementSpec(release: MkeRelease, providers: readonly string[] = ['cluster-api-provider-aws']): MkeClusterSpec {
  const spec: Record<string, unknown> = {
    version: `v${release}`,
    hosts: [{ role: 'single', ssh: { address: '10.0.0.10', user: 'ubuntu', port: 22, keyPath: '~/.ssh/id' } }],
  };
  if (!release.startsWith('4.0')) {
    spec.network = { serviceCIDR: '10.96.0.0/16', providers: [CALICO] };
    spec.k0rdent = { providers: providers.map((name) => ({ name })) };
  }
  return spec as unknown as MkeClusterSpec;
}

/** A ClusterTemplate the release's kcm ships (k0rdent/kcm templates/cluster/*): `aws` standalone or `adopted`. */
export function shippedTemplate(release: MkeRelease, kind: 'aws' | 'adopted'): string {
  if (release === '4.1.0') return kind === 'aws' ? 'aws-standalone-cp-0-2-0' : 'adopted-cluster-0-2-0';
  return kind === 'aws' ? 'aws-standalone-cp-1-0-12' : 'adopted-cluster-1-0-1';
}

export interface TestFleet {
  readonly app: App;
  readonly mgmt: MkeCluster;
  readonly fleet: Fleet;
}

/** An App with a management cluster `mgmt` and an empty fleet. */
export function makeFleet(release: MkeRelease = '4.2.0', providers?: readonly string[], fleetProps: Omit<FleetProps, 'management'> = {}): TestFleet {
  const app = new App({ outdir: '/nonexistent' });
  const mgmt = new MkeCluster(app, 'mgmt', { name: 'mgmt', spec: managementSpec(release, providers) });
  const fleet = new Fleet(app, 'fleet', { management: mgmt, ...fleetProps });
  return { app, mgmt, fleet };
}

/**
 * The example shape: two AWS clusters sharing a fleet-wide credential's identity with one
 * credential each, one adopted cluster, ingress-nginx + cert-manager rolled out to env=prod.
 */
export function typicalFleet(release: MkeRelease = '4.2.0'): TestFleet {
  const t = makeFleet(release);
  const { fleet } = t;
  const ingress = fleet.addServiceTemplate('ingress-nginx', { name: 'ingress-nginx-4-11-0', chart: 'ingress-nginx', version: '4.11.0', repository: 'oci://ghcr.io/k0rdent/catalog/charts' });
  const certManager = fleet.addServiceTemplate('cert-manager', { name: 'cert-manager-1-18-2', chart: 'cert-manager', version: '1.18.2', repository: 'https://charts.jetstack.io' });
  for (const [name, region] of [['prod-eu', 'eu-west-1'], ['prod-us', 'us-east-1']] as const) {
    const child = fleet.addCluster(name, { template: shippedTemplate(release, 'aws'), labels: { env: 'prod', region }, config: { region, controlPlaneNumber: 3, workersNumber: 2 } });
    new AwsCredential(child, 'credential', { name: `${name}-aws`, identityName: 'aws-cluster-identity' });
  }
  const edge = fleet.addCluster('edge-1', { template: shippedTemplate(release, 'adopted'), labels: { env: 'prod', site: 'edge' } });
  new AdoptedCredential(edge, 'credential', { name: 'edge-1-kubeconfig', identityName: 'edge-1-kubeconfig' });
  fleet.addServiceSet('prod-baseline', {
    selector: { matchLabels: { env: 'prod' } },
    services: [
      { template: ingress.templateName, name: 'ingress-nginx', namespace: 'ingress-nginx', values: { 'ingress-nginx': { controller: { replicaCount: 2 } } } },
      { template: certManager.templateName, name: 'cert-manager', namespace: 'cert-manager', values: 'crds:\n  enabled: true\n' },
    ],
  });
  return t;
}
