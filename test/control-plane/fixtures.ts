/** Shared helpers for the control-plane and service tests: synth a cluster in memory, a spec with every service on. */
import { App } from 'cdk8s';
import { MkeCluster, MkeClusterSpec, renderCluster } from '../../lib/cluster';
import type { RenderedCluster } from '../../lib/output/writer';
import { parseAllDocuments } from 'yaml';

export const SECRET_VALUES = {
  license: 'LICENSE-TOKEN-s3cr3t-0001',
  oidc: 'OIDC-CLIENT-s3cr3t-0002',
  ldap: 'LDAP-BIND-s3cr3t-0003',
  certKey: '-----BEGIN PRIVATE KEY-----\nKEY-s3cr3t-0004\n-----END PRIVATE KEY-----',
  authPass: 'VRRPs3c4',
};

/** A spec of `version` with every system service enabled and every secret field set. */
export function everyServiceSpec(version: string): MkeClusterSpec {
  const v42 = version.startsWith('v4.2');
  const from413 = v42 || ['v4.1.3', 'v4.1.4', 'v4.1.5'].includes(version);
  const host = (n: number, role: 'controller+worker' | 'worker') => ({ role, ssh: { address: `192.0.2.${n}`, keyPath: '~/.ssh/id_rsa', port: 22, user: 'root' } });
  return {
    version,
    hosts: [host(1, 'controller+worker'), host(2, 'controller+worker'), host(3, 'controller+worker'), host(4, 'worker')],
    apiServer: { externalAddress: 'mke.example.com' },
    license: { token: SECRET_VALUES.license },
    authentication: {
      replicaCount: 2,
      expiry: { idTokens: '24h', refreshTokens: { validIfNotUsedFor: '168h' } },
      oidc: { enabled: true, issuer: 'https://idp.example.com', clientID: 'mke', clientSecret: SECRET_VALUES.oidc },
      ldap: { enabled: true, host: 'ldap.example.com:636', bindDN: 'cn=admin,dc=example,dc=com', bindPW: SECRET_VALUES.ldap, userSearch: { baseDN: 'ou=people,dc=example,dc=com', username: 'uid' } },
      saml: { enabled: true, ssoURL: 'https://sso.example.com/saml', usernameAttr: 'name', emailAttr: 'email' },
    },
    certificates: { enabled: true, domainName: 'mke.example.com', cert: '-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----', key: SECRET_VALUES.certKey },
    ingressController: {
      enabled: true,
      replicaCount: 3,
      enableLoadBalancer: false,
      preserveClientIP: true,
      externalIPs: ['192.0.2.100'],
      extraArgs: { httpPort: 8080, httpsPort: 8443, enableSslPassthrough: true, defaultSslCertificate: 'mke/mke-ingress.tls' },
      nodePorts: { http: 33100, https: 33101, tcp: { '9000': 33102 } },
      ports: { http: 80, https: 443 },
      configMap: { 'use-forwarded-headers': 'true' },
      tcpServices: { '9000': 'default/tcp-echo:9000' },
      udpServices: { '5353': 'default/udp-echo:5353' },
    },
    ...(v42 ? { metallb: { enabled: true }, secretsStoreCSIDriver: { enabled: true, syncSecret: true } } : {}),
    monitoring: { enableGrafana: true, enableCAdvisor: true, grafana: { ingress: { enabled: true } }, prometheus: { nodeSelector: { 'node-role.kubernetes.io/control-plane': 'true' } } },
    backup: { enabled: true, scheduled_backup: { enabled: true }, storage_provider: { type: 'InCluster', in_cluster_options: { admin_credentials_secret: 'minio-credentials', enable_ui: true } } },
    policyController: { opaGatekeeper: { enabled: true, exemptNamespaces: ['team-a'] } },
    devicePlugins: { nvidiaGPU: { enabled: true, mig: {} } },
    network: { multus: { enabled: true } },
    cloudProvider: { enabled: true, provider: 'aws' },
    ...(from413 ? { nodeLocalDNS: { enabled: true } } : {}),
    dns: { lameduck: { enabled: true, duration: '10s' } },
    driftDetection: {
      driftIgnore: [{ group: 'apps', version: 'v1', kind: 'Deployment', name: 'custom', namespace: 'mke' }],
      driftExclusions: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment', name: 'monitoring-grafana', namespace: 'mke' } }],
    },
    registries: {
      chartRegistry: { url: 'oci://registry.example.com/mke', credentialsSecretName: 'registry-credentials', caData: '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----' },
      imageRegistry: { url: 'registry.example.com/mke' },
    },
    k0rdent: { enabled: true, providers: [{ name: 'cluster-api-provider-aws', config: { images: { manager: { repo: 'registry.example.com/capa' } } } }] },
    addons: [
      {
        name: 'podinfo',
        kind: 'chart',
        enabled: true,
        dryRun: false,
        namespace: 'podinfo',
        chart: { name: 'podinfo', repo: 'https://stefanprodan.github.io/podinfo', version: '6.5.0', values: 'replicaCount: 2\nui:\n  message: "${NOT_A_VAR}"\n' },
      },
    ],
    services: [{ template: 'kyverno-3-2-6', name: 'kyverno', namespace: 'kyverno', values: 'admissionController:\n  replicas: 3\n' }],
  } as MkeClusterSpec;
}

export interface Synth {
  readonly cluster: MkeCluster;
  readonly rendered: RenderedCluster;
  /** Every manifest object, with the file it is in. */
  readonly objects: { file: string; object: Record<string, unknown> }[];
  /** All output text (every file). */
  readonly text: string;
}

export function synthSpec(spec: MkeClusterSpec, delivery: 'operator' | 'k0rdent', name = 'lab'): Synth {
  const app = new App();
  const cluster = new MkeCluster(app, name, { spec, delivery, name });
  return collect(cluster);
}

export function synthFile(file: string, delivery: 'operator' | 'k0rdent'): Synth {
  const app = new App();
  return collect(MkeCluster.fromFile(app, 'c', file, { delivery }));
}

export function collect(cluster: MkeCluster): Synth {
  const rendered = renderCluster(cluster);
  const objects: Synth['objects'] = [];
  for (const f of rendered.files) {
    if (!/^(manifests|services|extras)\//.test(f.path) || f.path.endsWith('kustomization.yaml')) continue;
    for (const doc of parseAllDocuments(f.content)) objects.push({ file: f.path, object: doc.toJS() as Record<string, unknown> });
  }
  return { cluster, rendered, objects, text: rendered.files.map((f) => f.content).join('\n') };
}

export function ofKind(s: Synth, kind: string): Record<string, unknown>[] {
  return s.objects.filter((o) => o.object.kind === kind).map((o) => o.object);
}

/** The MCS service entry of a release, with its values parsed. */
export function mcsService(s: Synth, name: string): { template: string; namespace: string; values: Record<string, unknown>; valuesFrom?: unknown[] } | undefined {
  const [mcs] = ofKind(s, 'MultiClusterService') as { spec: { serviceSpec: { services: { name: string; template: string; namespace: string; values?: string; valuesFrom?: unknown[] }[] } } }[];
  const entry = mcs?.spec.serviceSpec.services.find((x) => x.name === name);
  if (!entry) return undefined;
  const { parse } = require('yaml') as typeof import('yaml');
  return { ...entry, values: entry.values ? (parse(entry.values) as Record<string, unknown>) : {} };
}
