/**
 * Example: an MKE 4.2 high-availability cluster written in TypeScript — 3 controller+worker hosts
 * behind a load balancer and 3 workers. `cdk8s synth` (or `npm run synth`) writes dist/prod/.
 */
import { MkeApp, MkeCluster, type MkeClusterHost } from 'mke4k-cdk8s';

const app = new MkeApp();

const controllers = [11, 12, 13].map((n): MkeClusterHost => ({
  role: 'controller+worker',
  ssh: { address: `10.0.0.${n}`, user: 'ubuntu', port: 22, keyPath: '~/.ssh/mke.pem' },
  privateInterface: 'ens5',
}));
const workers = [21, 22, 23].map((n): MkeClusterHost => ({
  role: 'worker',
  ssh: { address: `10.0.0.${n}`, user: 'ubuntu', port: 22, keyPath: '~/.ssh/mke.pem' },
  privateInterface: 'ens5',
}));

new MkeCluster(app, 'prod', {
  name: 'prod',
  spec: {
    version: 'v4.2.0',
    hosts: [...controllers, ...workers],
    apiServer: { externalAddress: 'mke.example.com', sans: ['mke.example.com'] },
    network: {
      serviceCIDR: '10.96.0.0/16',
      providers: [
        { provider: 'calico', enabled: true, extraConfig: { cidrV4: '192.168.0.0/16', linuxDataplane: 'Iptables', loglevel: 'Info' } },
        { provider: 'custom', enabled: false },
      ],
    },
    monitoring: { enableCAdvisor: true },
    policyController: { opaGatekeeper: { enabled: true } },
  },
});

app.synth();
