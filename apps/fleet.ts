/**
 * Example: a fleet. One MKE 4.2 management cluster (3 controller+worker hosts) runs three child
 * clusters through k0rdent — two on AWS, one adopted edge cluster — and rolls ingress-nginx and
 * cert-manager out to every cluster labelled `env=prod`. Its `Management kcm` keeps every provider
 * the kcm Release enables and adds what the child clusters' ClusterTemplates need.
 *
 *   npx cdk8s synth --no-check-upgrade --app "node --import tsx apps/fleet.ts"
 *
 * writes dist/mgmt/ (k0sctl.yaml, manifests/ with the ServiceTemplates, then services/ with the MultiClusterService)
 * and dist/prod-eu/, dist/prod-us/, dist/edge-1/ (each: credentials/ with its Credential, then
 * manifests/ with its ClusterDeployment, applied to the management cluster). What the folders refer to and you create —
 * the identities the Credentials name (`AWSClusterStaticIdentity aws-cluster-identity`, Secret
 * `edge-1-kubeconfig`), their `<identity>-resource-template` ConfigMaps — is listed with how in each
 * folder's prerequisites.yaml; nothing here writes secret values.
 */
import { App } from 'cdk8s';
import { AdoptedCredential, AwsCredential, Fleet, MkeCluster, synthesize, type MkeClusterHost } from 'mke4k-cdk8s';

const app = new App();

const hosts = [11, 12, 13].map((n): MkeClusterHost => ({
  role: 'controller+worker',
  ssh: { address: `10.0.0.${n}`, user: 'ubuntu', port: 22, keyPath: '~/.ssh/mke.pem' },
  privateInterface: 'ens5',
}));

const mgmt = new MkeCluster(app, 'mgmt', {
  name: 'mgmt',
  spec: {
    version: 'v4.2.0',
    hosts,
    apiServer: { externalAddress: 'mgmt.example.com', sans: ['mgmt.example.com'] },
    network: {
      serviceCIDR: '10.96.0.0/16',
      providers: [
        { provider: 'calico', enabled: true, extraConfig: { cidrV4: '192.168.0.0/16', linuxDataplane: 'Iptables', loglevel: 'Info' } },
        { provider: 'custom', enabled: false },
      ],
    },
  },
});

const fleet = new Fleet(app, 'fleet', { management: mgmt });

// Charts for the fleet: each becomes a ServiceTemplate plus a labelled Flux HelmRepository on mgmt.
// The k0rdent catalog's charts wrap the upstream chart as a dependency: values go under `ingress-nginx:`.
const ingressNginx = fleet.addServiceTemplate('ingress-nginx', {
  chart: 'ingress-nginx',
  version: '4.13.2',
  repository: 'oci://ghcr.io/k0rdent/catalog/charts',
});
const certManager = fleet.addServiceTemplate('cert-manager', {
  chart: 'cert-manager',
  version: '1.18.2',
  repository: 'https://charts.jetstack.io',
});

// Two AWS clusters; each has its own Credential (in its own folder) for one shared AWS identity.
for (const [name, region] of [['prod-eu', 'eu-west-1'], ['prod-us', 'us-east-1']] as const) {
  const child = fleet.addCluster(name, {
    // A ClusterTemplate MKE 4.2's kcm ships (kcm templates/cluster/aws-standalone-cp).
    template: 'aws-standalone-cp-1-0-12',
    labels: { env: 'prod', region },
    config: { region, controlPlaneNumber: 3, workersNumber: 3, controlPlane: { instanceType: 't3.large' }, worker: { instanceType: 't3.xlarge' } },
  });
  new AwsCredential(child, 'credential', { name: `${name}-aws`, identityName: 'aws-cluster-identity' });
}

// An existing cluster brought under k0rdent: its kubeconfig is in Secret k0rdent/edge-1-kubeconfig.
const edge = fleet.addCluster('edge-1', {
  template: 'adopted-cluster-1-0-1',
  labels: { env: 'prod', site: 'edge' },
});
new AdoptedCredential(edge, 'credential', { name: 'edge-1-credential', identityName: 'edge-1-kubeconfig' });

// Every env=prod cluster gets the baseline services.
fleet.addServiceSet('prod-baseline', {
  selector: { matchLabels: { env: 'prod' } },
  services: [
    { template: certManager.templateName, name: 'cert-manager', namespace: 'cert-manager', values: { crds: { enabled: true } } },
    { template: ingressNginx.templateName, name: 'ingress-nginx', namespace: 'ingress-nginx', values: { 'ingress-nginx': { controller: { replicaCount: 2 } } } },
  ],
});

synthesize(app);
