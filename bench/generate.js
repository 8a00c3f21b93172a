'use strict';
/** Generates an MKE 4.2 mke4.yaml with N hosts and every system service enabled (benchmark input). */
const { stringify } = require('yaml');

function host(i, role) {
  const a = 10 + Math.floor(i / 65536);
  const b = Math.floor(i / 256) % 256;
  const c = i % 256;
  return {
    role,
    ssh: { address: `10.${a}.${b}.${c}`, user: 'ubuntu', port: 22, keyPath: '~/.ssh/mke.pem' },
    privateAddress: `10.${a}.${b}.${c}`,
    hostname: `node-${i}`,
  };
}

function generate(hosts) {
  const list = [];
  for (let i = 0; i < hosts; i++) list.push(host(i + 1, i < 3 ? 'controller+worker' : 'worker'));
  return stringify({
    apiVersion: 'mke.mirantis.com/v1alpha1',
    kind: 'MkeConfig',
    metadata: { name: `bench-${hosts}`, namespace: 'mke' },
    spec: {
      version: 'v4.2.0',
      hosts: list,
      apiServer: { externalAddress: 'mke.bench.example.com', sans: ['mke.bench.example.com'] },
      authentication: { oidc: { enabled: true, issuer: 'https://idp.example.com', clientID: 'mke', clientSecret: 'bench-secret' } },
      cloudProvider: { enabled: true, provider: 'aws' },
      devicePlugins: { nvidiaGPU: { enabled: true } },
      dns: { lameduck: { enabled: true, duration: '7s' } },
      ingressController: { enabled: true, replicaCount: 3, nodePorts: { http: 33100, https: 33101 } },
      license: { token: 'bench-license-token' },
      metallb: { enabled: true },
      monitoring: { enableCAdvisor: true, grafana: { ingress: { enabled: true } } },
      network: {
        serviceCIDR: '172.20.0.0/16',
        multus: { enabled: true },
        providers: [
          { provider: 'calico', enabled: true, extraConfig: { cidrV4: '172.21.0.0/16', linuxDataplane: 'Iptables', loglevel: 'Info' } },
          { provider: 'custom', enabled: false },
        ],
      },
      nodeLocalDNS: { enabled: true },
      policyController: { opaGatekeeper: { enabled: true, exemptNamespaces: ['team-a'] } },
      secretsStoreCSIDriver: { enabled: true },
      backup: { enabled: true, scheduled_backup: { enabled: true }, storage_provider: { type: 'InCluster' } },
    },
  });
}

module.exports = { generate };
