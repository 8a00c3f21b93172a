/**
 * fast-check arbitrary of valid mke4.yaml `spec` inputs (issue 6): a release, a topology (one
 * `single` host, or 1/3/5 controller+worker hosts and 0–20 workers with unique 10.0.0.0/8
 * addresses), pod and service CIDRs from pools disjoint from the hosts and from each other, and
 * random service toggles, each only where the release supports it. Built so that nearly every
 * sample validates; the property test filters the rest and reports how many.
 */
import fc from 'fast-check';
import { isAtLeast, MKE_RELEASES, MkeRelease } from '../../lib/config/releases';
import type { MkeClusterSpec } from '../../lib/cluster';

export type Delivery = 'operator' | 'k0rdent';

export interface SpecCase {
  readonly release: MkeRelease;
  readonly delivery: Delivery;
  readonly spec: MkeClusterSpec;
  /** Every secret value written into `spec` (they must never reach an output file). */
  readonly secrets: readonly string[];
}

/** Pod and service CIDRs: disjoint pools, both outside 10.0.0.0/8 where the hosts live. */
const POD_CIDRS = ['192.168.0.0/16', '192.168.128.0/17', '100.64.0.0/16', '172.24.0.0/14'];
const SERVICE_CIDRS = ['172.16.0.0/16', '172.17.0.0/16', '172.20.0.0/20', '198.18.0.0/16'];

/** Node ports for ingress-nginx: inside the default range, never the MKE gateway's 33000/33001. */
const INGRESS_PORT = fc.oneof(fc.integer({ min: 32768, max: 32999 }), fc.integer({ min: 33002, max: 35535 }));

/**
 * Secret values. Characters that change a YAML scalar's meaning (`: `, `#`, leading `*`/`&`/`!`,
 * all digits, `${`) are in on purpose: after Flux fills a placeholder the document must still read
 * back the same value. Long enough never to occur in output by chance.
 */
const SECRET_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', ...'-_.~+/=:# *&!%@{}$\'`,?[]|>'];
const secretToken = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SECRET_CHARS), minLength: 10, maxLength: 28 }).map((s) => `Sx${s}`),
  fc.stringMatching(/^[1-9][0-9]{11,15}$/),
  fc.constantFrom('true-but-not-quite-a-bool', 'a: b # not a comment', '*not-an-alias-at-all', '${MKE_LICENSE_TOKEN}literal'),
);
/** A multi-line PEM body (the TLS private key). */
const pemKey = fc.stringMatching(/^[A-Za-z0-9+/]{24,40}$/).map((body) => `-----BEGIN PRIVATE KEY-----\nPK${body}\n-----END PRIVATE KEY-----\n`);
/** keepalived limits authPass to 8 characters. */
const authPass = fc.stringMatching(/^[A-Za-z0-9]{8}$/);

const ipOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

interface Topology {
  readonly single: boolean;
  readonly controllers: number;
  readonly workers: number;
}
const topology: fc.Arbitrary<Topology> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ single: true, controllers: 1, workers: 0 }) },
  { weight: 4, arbitrary: fc.record({ single: fc.constant(false), controllers: fc.constantFrom(1, 3, 5), workers: fc.integer({ min: 0, max: 20 }) }) },
);

const hostExtras = fc.record(
  {
    hostname: fc.boolean(),
    privateAddress: fc.boolean(),
    installFlags: fc.subarray(['--debug', '--labels=team=a', '--verbose'], { minLength: 1 }),
    user: fc.constantFrom('root', 'ubuntu'),
    port: fc.constantFrom(22, 2222),
  },
  { requiredKeys: [] },
);

/** Hosts with unique SSH and private addresses; names derived from the address, so unique too. */
function hostsArbitrary(t: Topology) {
  const count = t.controllers + t.workers;
  return fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 0xfffff0 }), { minLength: 2 * count, maxLength: 2 * count }),
      fc.array(hostExtras, { minLength: count, maxLength: count }),
    )
    .map(([addresses, extras]) =>
      extras.map((x, i) => ({
        role: t.single ? 'single' : i < t.controllers ? 'controller+worker' : 'worker',
        ssh: { address: ipOf(addresses[i]), keyPath: '~/.ssh/id_rsa', ...(x.user ? { user: x.user } : {}), ...(x.port ? { port: x.port } : {}) },
        ...(x.hostname ? { hostname: `node-${addresses[i].toString(16)}` } : {}),
        ...(x.privateAddress ? { privateAddress: ipOf(addresses[count + i]) } : {}),
        ...(x.installFlags ? { installFlags: x.installFlags } : {}),
      })),
    );
}

/** The enabled CNI in the release's extraConfig shape, then a disabled `custom` entry. */
function providers(release: MkeRelease, cni: 'calico' | 'kuberouter', pod: string): Record<string, unknown>[] {
  const custom = { provider: 'custom', enabled: false };
  if (release.startsWith('4.0')) {
    const calico40 = { clusterCIDRIPv4: pod, deployWithOperator: 'false', mode: 'vxlan', overlay: 'Always', vxlanPort: '4789', vxlanVNI: '10000' };
    return [{ provider: 'calico', enabled: true, extraConfig: calico40 }, { ...custom, extraConfig: { deployWithOperator: 'false' } }];
  }
  const extraConfig = cni === 'calico' ? { cidrV4: pod, linuxDataplane: 'Iptables', loglevel: 'Info' } : { cidrV4: pod, v: '5' };
  return [{ provider: cni, enabled: true, extraConfig }, custom];
}

/** Present half of the time (fc.option's default is 5 in 6). */
const half = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { freq: 2 });

/** Every release, with the newest (the most sections) drawn about 40% of the time. */
const release = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...MKE_RELEASES) }, { weight: 1, arbitrary: fc.constant<MkeRelease>('4.2.0') });

const toggles = fc.record({
  delivery: fc.constantFrom<Delivery>('operator', 'k0rdent'),
  topology,
  pod: fc.constantFrom(...POD_CIDRS),
  service: fc.constantFrom(...SERVICE_CIDRS),
  kuberouter: fc.boolean(),
  kubeProxyMode: fc.constantFrom('iptables', 'ipvs', 'nftables'),
  ingress: half(fc.record({ ports: fc.uniqueArray(INGRESS_PORT, { minLength: 2, maxLength: 2 }), replicaCount: fc.integer({ min: 1, max: 3 }), enableLoadBalancer: fc.boolean() })),
  monitoring: fc.record({ enableCAdvisor: fc.boolean(), grafanaIngress: fc.boolean() }),
  gatekeeper: half(fc.subarray(['team-a', 'team-b', 'ci'])),
  nvidia: fc.boolean(),
  multus: fc.boolean(),
  nodeLocalDNS: fc.boolean(),
  metallb: fc.boolean(),
  backup: half(fc.constantFrom('InCluster', 'External')),
  secretsStore: half(fc.record({ syncSecret: fc.boolean(), windows: fc.boolean() })),
  license: half(secretToken),
  oidc: half(secretToken),
  ldap: half(secretToken),
  certKey: half(pemKey),
  cplb: half(authPass),
  clusterLabel: half(fc.constantFrom('lab', 'lab-${ENV}', 'cost $5')),
});

export const specCase: fc.Arbitrary<SpecCase> = fc
  .tuple(release, toggles)
  .chain(([release, t]) => hostsArbitrary(t.topology).map((hosts) => ({ release, t, hosts })))
  .map(({ release, t, hosts }) => {
    const v41 = isAtLeast(release, '4.1.0');
    const v413 = isAtLeast(release, '4.1.3');
    const v42 = isAtLeast(release, '4.2.0');
    const cni = t.kuberouter && v41 && !v42 ? 'kuberouter' : 'calico';
    // nftables kube-proxy needs the k0s of MKE 4.1+; NodeLocalDNS needs calico + iptables on 4.1.3+.
    const mode = t.kubeProxyMode === 'nftables' && !v41 ? 'iptables' : t.kubeProxyMode;
    const nodeLocalDNS = t.nodeLocalDNS && v413 && cni === 'calico' && mode === 'iptables';
    const multiController = !t.topology.single && t.topology.controllers > 1;
    const secrets: string[] = [];
    const secret = <T extends string>(v: T): T => (secrets.push(v), v);
    const spec: Record<string, unknown> = {
      version: `v${release}`,
      hosts,
      network: {
        serviceCIDR: t.service,
        providers: providers(release, cni, t.pod),
        kubeProxy: { mode },
        ...(v41 ? { multus: { enabled: t.multus } } : {}),
        ...(v42 && multiController && t.cplb !== null ? { controlPlaneLoadBalancing: { enabled: true, keepalived: { vrrpInstances: [{ virtualIPs: ['10.255.255.254/8'], authPass: secret(t.cplb) }] } } } : {}),
      },
      ...(multiController ? { apiServer: { externalAddress: `mke-${t.topology.controllers}.example.com` } } : {}),
      ...(t.ingress ? { ingressController: { enabled: true, replicaCount: t.ingress.replicaCount, enableLoadBalancer: t.ingress.enableLoadBalancer, nodePorts: { http: t.ingress.ports[0], https: t.ingress.ports[1] } } } : {}),
      monitoring: { enableCAdvisor: t.monitoring.enableCAdvisor, grafana: { ingress: { enabled: t.monitoring.grafanaIngress } } },
      ...(t.gatekeeper ? { policyController: { opaGatekeeper: { enabled: true, exemptNamespaces: t.gatekeeper } } } : {}),
      devicePlugins: { nvidiaGPU: { enabled: t.nvidia } },
      ...(v413 ? { nodeLocalDNS: { enabled: nodeLocalDNS } } : {}),
      ...(v42 && t.metallb ? { metallb: { enabled: true } } : {}),
      ...(t.backup ? { backup: { enabled: true, storage_provider: { type: t.backup, ...(t.backup === 'External' ? { external_options: { provider: 'aws', bucket: 'mke-backups', region: 'eu-west-1' } } : {}) } } } : {}),
      ...(v42 && t.secretsStore ? { secretsStoreCSIDriver: { enabled: true, syncSecret: t.secretsStore.syncSecret, windows: { enabled: t.secretsStore.windows } } } : {}),
      ...(t.license !== null ? { license: { token: secret(t.license) } } : {}),
      ...(t.oidc !== null || t.ldap !== null
        ? {
            authentication: {
              ...(t.oidc !== null ? { oidc: { enabled: true, issuer: 'https://idp.example.com', clientID: 'mke', clientSecret: secret(t.oidc) } } : {}),
              ...(t.ldap !== null ? { ldap: { enabled: true, host: 'ldap.example.com:636', bindDN: 'cn=admin,dc=example,dc=com', bindPW: secret(t.ldap), userSearch: { baseDN: 'ou=people,dc=example,dc=com', username: 'uid' } } } : {}),
            },
          }
        : {}),
      ...(t.certKey !== null ? { certificates: { enabled: true, domainName: 'mke.example.com', key: secret(t.certKey) } } : {}),
      ...(t.clusterLabel !== null ? { tracking: { enabled: true, clusterLabel: t.clusterLabel } } : {}),
    };
    // k0rdent delivery exists from MKE 4.1 (DECISIONS 2, 3). The VIP (10.255.255.254) is above every host address.
    return { release, delivery: v41 ? t.delivery : 'operator', spec: spec as unknown as MkeClusterSpec, secrets };
  });
