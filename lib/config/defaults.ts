/**
 * What `mkectl init` prints, per MKE release. 4.1.2 and 4.2.0 are the unedited init outputs in the
 * corpus; 4.1.0 is the conformance file with its two edits undone; 4.0 follows the 4.0 Terraform
 * files; 4.1.1 sits between 4.1.0 and 4.1.2; 4.1.3–4.1.5 follow the 4.1.3 template (gateway,
 * NodeLocalDNS, ingress-nginx off). The example host is only used by `init`.
 */
import { isAtLeast, MkeRelease } from './releases';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const kubeProxy = (withNftables: boolean): JsonObject => ({
  iptables: { minSyncPeriod: '0s', syncPeriod: '0s' },
  ipvs: { minSyncPeriod: '0s', syncPeriod: '0s', tcpFinTimeout: '0s', tcpTimeout: '0s', udpTimeout: '0s' },
  metricsBindAddress: '0.0.0.0:10249',
  mode: 'iptables',
  ...(withNftables ? { nftables: { minSyncPeriod: '0s', syncPeriod: '0s' } } : {}),
});

const kubelet = (rootDir: boolean): JsonObject => ({
  eventRecordQPS: 50,
  ...(rootDir ? { kubeletRootDir: '/var/lib/kubelet' } : {}),
  managerKubeReserved: { cpu: '250m', 'ephemeral-storage': '4Gi', memory: '2Gi' },
  maxPods: 110,
  podPidsLimit: -1,
  podsPerCore: 0,
  protectKernelDefaults: false,
  seccompDefault: false,
  workerKubeReserved: { cpu: '50m', 'ephemeral-storage': '500Mi', memory: '300Mi' },
});

const calico41: JsonObject = {
  enabled: true,
  extraConfig: { cidrV4: '192.168.0.0/16', linuxDataplane: 'Iptables', loglevel: 'Info' },
  provider: 'calico',
};
const kuberouterOff: JsonObject = { enabled: false, extraConfig: { cidrV4: '192.168.0.0/16', v: '5' }, provider: 'kuberouter' };
const registries: JsonObject = {
  chartRegistry: { url: 'oci://registry.mirantis.com/mke' },
  imageRegistry: { url: 'registry.mirantis.com/mke' },
};
const backup: JsonObject = {
  enabled: true,
  scheduled_backup: { enabled: false },
  storage_provider: {
    external_options: {},
    in_cluster_options: { admin_credentials_secret: 'minio-credentials', enable_ui: true },
    type: 'InCluster',
  },
};
const masterToleration: JsonObject = { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Exists', value: '' };

function spec40(release: MkeRelease): JsonObject {
  return {
    addons: [
      {
        chart: {
          name: 'metallb',
          repo: 'https://metallb.github.io/metallb',
          values:
            'controller:\n  tolerations:\n  - key: node-role.kubernetes.io/master\n    operator: Exists\n    effect: NoSchedule\nspeaker:\n  frr:\n    enabled: false\n',
          version: '0.14.7',
        },
        dryRun: false,
        enabled: false,
        kind: 'chart',
        name: 'metallb',
        namespace: 'metallb-system',
      },
    ],
    apiServer: {
      audit: { enabled: false, logPath: '/var/lib/k0s/audit.log', maxAge: 30, maxBackup: 10, maxSize: 10 },
      encryptionProvider: '/var/lib/k0s/encryption.cfg',
      eventRateLimit: { enabled: false },
      requestTimeout: '1m0s',
    },
    authentication: { expiry: { refreshTokens: {} }, ldap: { enabled: false }, oidc: { enabled: false }, saml: { enabled: false } },
    backup,
    cloudProvider: { enabled: false },
    controllerManager: { terminatedPodGCThreshold: 12500 },
    devicePlugins: { nvidiaGPU: { enabled: false } },
    dns: { lameduck: {} },
    etcd: {},
    ingressController: {
      affinity: { nodeAffinity: {} },
      enabled: true,
      extraArgs: { defaultSslCertificate: 'mke/mke-ingress.tls', enableSslPassthrough: false, httpPort: 80, httpsPort: 443 },
      nodePorts: {},
      ports: {},
      replicaCount: 2,
    },
    kubelet: kubelet(false),
    license: { token: '' },
    monitoring: { enableCAdvisor: false, enableGrafana: true, enableOpscare: false },
    network: {
      cplb: { disabled: true },
      kubeProxy: kubeProxy(false),
      nllb: { disabled: true },
      nodePortRange: '32768-35535',
      providers: [
        {
          enabled: true,
          extraConfig: {
            clusterCIDRIPv4: '192.168.0.0/16',
            deployWithOperator: 'false',
            enableWireguard: 'false',
            ipAutodetectionMethod: '',
            mode: 'vxlan',
            overlay: 'Always',
            vxlanPort: '4789',
            vxlanVNI: '10000',
          },
          provider: 'calico',
        },
        { enabled: false, extraConfig: { deployWithOperator: 'false' }, provider: 'custom' },
      ],
      serviceCIDR: '10.96.0.0/16',
    },
    policyController: { opaGatekeeper: { enabled: false } },
    scheduler: {},
    tracking: { enabled: true },
    version: `v${release}`,
  };
}

const ciliumOff: JsonObject = {
  enabled: false,
  extraConfig: { 'ipam.operator.clusterPoolIPv4PodCIDRList': '192.168.0.0/16', routingMode: 'tunnel', tunnelProtocol: 'vxlan' },
  provider: 'cilium',
};

function providers41(release: MkeRelease): Json[] {
  const custom: JsonObject = { enabled: false, provider: 'custom' };
  if (release === '4.1.0') return [calico41, custom, kuberouterOff, ciliumOff];
  if (release === '4.1.2') return [calico41, custom];
  return [calico41, custom, kuberouterOff];
}

function spec41(release: MkeRelease): JsonObject {
  const from412 = isAtLeast(release, '4.1.2');
  const from413 = isAtLeast(release, '4.1.3');
  const spec: JsonObject = {
    airgap: { enabled: false },
    apiServer: {
      audit: from412
        ? { enabled: false, level: 'Metadata', logPath: '/var/log/mke4/audit/audit.log', maxAge: 30, maxBackup: 10, maxSize: 10, policyFile: '/etc/audit_policy.yaml' }
        : { enabled: false, logPath: '/var/log/k0s/audit/mke4_audit.log', maxAge: 30, maxBackup: 10, maxSize: 10 },
      encryptionProvider: '/var/lib/k0s/encryption.cfg',
      eventRateLimit: { enabled: false },
      ...(from412 ? { externalAddress: '' } : {}),
      requestTimeout: '1m0s',
    },
    authentication: {
      expiry: {},
      ldap: { enabled: false },
      oidc: { enabled: false },
      ...(from412 ? { replicaCount: 1 } : {}),
      saml: { enabled: false },
    },
    ...(from412 ? {} : { backup }),
    cloudProvider: { enabled: false, provider: 'aws' },
    controllerManager: { terminatedPodGCThreshold: 12500 },
    devicePlugins: { nvidiaGPU: { enabled: false, mig: {} } },
    dns: { lameduck: {} },
    etcd: {},
    ingressController: from413
      ? { affinity: { nodeAffinity: {} }, enabled: false, extraArgs: { enableSslPassthrough: false }, nodePorts: {}, ports: {} }
      : {
          affinity: { nodeAffinity: {} },
          enabled: true,
          extraArgs: {
            ...(from412 ? {} : { defaultSslCertificate: 'mke/mke-ingress.tls' }),
            enableSslPassthrough: false,
            httpPort: 80,
            httpsPort: 443,
          },
          nodePorts: from412 ? { http: 33000, https: 33001 } : {},
          ports: {},
          replicaCount: 2,
        },
    ...(from412 ? { k8sProviderSpecs: { dataDir: '/var/lib/k0s' } } : {}),
    kubelet: kubelet(from412),
    license: { token: '' },
    monitoring: from413
      ? { enableCAdvisor: false, grafana: { ingress: {} }, prometheus: {} }
      : {
          enableCAdvisor: false,
          enableGrafana: true,
          ...(from412 ? {} : { enableOpscare: false }),
          grafana: { ingress: { enabled: false } },
          prometheus: {},
        },
    network: {
      ...(from413 ? {} : { cplb: { disabled: true } }),
      kubeProxy: kubeProxy(true),
      multus: { enabled: false },
      ...(from413 ? {} : { nllb: { disabled: true } }),
      nodePortRange: '32768-35535',
      providers: providers41(release),
      serviceCIDR: '10.96.0.0/16',
    },
    policyController: { opaGatekeeper: { enabled: false } },
    registries,
    scheduler: {},
    tracking: { enabled: true },
    version: `v${release}`,
  };
  if (from413) {
    Object.assign(spec, {
      envoyGateway: { tolerations: [masterToleration] },
      gatewayMKEIngress: { nodePorts: { http: 33000, https: 33001 }, ports: { http: 80, https: 443 } },
      nodeLocalDNS: { enabled: false, nodeLocalConfigPersist: false, resources: { requests: {} } },
    });
  }
  return spec;
}

function spec42(release: MkeRelease): JsonObject {
  return {
    airgap: { enabled: false },
    apiServer: {
      audit: { enabled: false, level: 'Metadata', logPath: '/var/log/mke4/audit/audit.log', maxAge: 30, maxBackup: 10, maxSize: 10, policyFile: '/etc/audit_policy.yaml' },
      encryptionProvider: '/var/lib/k0s/encryption.cfg',
      eventRateLimit: { enabled: false },
      externalAddress: '',
      requestTimeout: '1m0s',
    },
    authentication: {
      expiry: {},
      ldap: { enabled: false },
      oidc: { enabled: false },
      resources: { limits: { memory: '256Mi' }, requests: { cpu: '50m', memory: '128Mi' } },
      saml: { enabled: false },
    },
    cloudProvider: { enabled: false, provider: 'aws' },
    componentScheduling: {
      enabled: true,
      topologySpreadConstraints: [
        { matchLabelKeys: ['pod-template-hash'], maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
      ],
    },
    controllerManager: { terminatedPodGCThreshold: 12500 },
    devicePlugins: { nvidiaGPU: { enabled: false, mig: {} } },
    dns: { lameduck: {} },
    envoyGateway: {
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      resources: {},
      tolerations: [masterToleration, { ...masterToleration, key: 'node-role.kubernetes.io/control-plane' }],
    },
    etcd: {},
    gatewayMKEIngress: {
      envoyProxy: { podDisruptionBudget: { maxUnavailable: 1 }, resources: {} },
      nodePorts: { http: 33000, https: 33001 },
      ports: { http: 80, https: 443 },
    },
    ingressController: { affinity: { nodeAffinity: {} }, enabled: false, extraArgs: { enableSslPassthrough: false }, nodePorts: {}, ports: {} },
    k8sProviderSpecs: { dataDir: '/var/lib/k0s' },
    kubelet: kubelet(true),
    license: { token: '' },
    monitoring: { enableCAdvisor: false, grafana: { ingress: {} }, prometheus: {} },
    network: {
      controlPlaneLoadBalancing: { enabled: false },
      kubeProxy: kubeProxy(true),
      multus: { enabled: false },
      nodePortRange: '32768-35535',
      providers: [calico41, { enabled: false, provider: 'custom' }],
      serviceCIDR: '10.96.0.0/16',
    },
    nodeLocalDNS: { enabled: false, nodeLocalConfigPersist: false, resources: { requests: {} } },
    operator: {},
    policyController: { opaGatekeeper: { enabled: false } },
    registries,
    scheduler: {},
    secretsStoreCSIDriver: {
      automountServiceAccountToken: true,
      enabled: false,
      linux: { enabled: true },
      maxCallRecvMsgSize: 4194304,
      syncSecret: false,
      windows: { enabled: false },
    },
    tracking: { enabled: true },
    ui: { resources: { limits: { memory: '128Mi' }, requests: { cpu: '50m', memory: '64Mi' } } },
    version: `v${release}`,
    windows: { gmsa: { enabled: false } },
  };
}

/** The `spec` `mkectl init` prints for a release, without hosts. A fresh object each call. */
export function initSpec(release: MkeRelease): JsonObject {
  if (release.startsWith('4.0')) return spec40(release);
  if (release.startsWith('4.2')) return spec42(release);
  return spec41(release);
}

/** The example host `mkectl init` prints. */
export function initHost(release: MkeRelease): JsonObject {
  return {
    role: 'controller+worker',
    ssh: { address: '1.2.3.4', keyPath: isAtLeast(release, '4.2.0') ? '/root/.ssh/id_rsa' : '~/.ssh/id_rsa', port: 22, user: 'root' },
  };
}

/**
 * Deep-merges `over` onto `base`: mappings merge key by key, everything else (lists, scalars, null)
 * from `over` wins. Neither input is modified.
 */
export function mergeDefaults(base: Json, over: Json | undefined): Json {
  if (over === undefined) return base;
  if (isObject(base) && isObject(over)) {
    const out: JsonObject = { ...base };
    for (const [key, value] of Object.entries(over)) {
      // `__proto__` (already reported as an unknown key) must not become the copy's prototype.
      if (key === '__proto__') continue;
      out[key] = Object.hasOwn(base, key) ? mergeDefaults(base[key], value) : value;
    }
    return out;
  }
  return over;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type { Json };
