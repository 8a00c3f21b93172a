/** mke4.yaml sections that configure system services (authentication, ingress, monitoring, …). */
import { z } from 'zod';
import { enabledOnly, freeForm, hostOrIp, port, quantity, resources, stringMap, toleration } from './schema-common';

const nodePorts = z.object({
  http: port.optional(),
  https: port.optional(),
  tcp: z.record(z.string(), z.union([port, z.string()])).optional(),
  udp: z.record(z.string(), z.union([port, z.string()])).optional(),
});
const httpPorts = z.object({ http: port.optional(), https: port.optional() });

export const authenticationSchema = z.object({
  enabled: z.boolean().optional(),
  replicaCount: z.number().int().min(1).optional(),
  resources: resources.optional(),
  expiry: z
    .object({
      idTokens: z.string().optional(),
      authRequests: z.string().optional(),
      deviceRequests: z.string().optional(),
      signingKeys: z.string().optional(),
      refreshTokens: z
        .object({
          validIfNotUsedFor: z.string().optional(),
          absoluteLifetime: z.string().optional(),
          disableRotation: z.boolean().optional(),
          reuseInterval: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  ldap: z
    .object({
      enabled: z.boolean().optional(),
      host: z.string().optional(),
      insecureNoSSL: z.boolean().optional(),
      insecureSkipVerify: z.boolean().optional(),
      startTLS: z.boolean().optional(),
      rootCA: z.string().optional(),
      rootCAData: z.string().optional(),
      bindDN: z.string().optional(),
      bindPW: z.string().optional(),
      usernamePrompt: z.string().optional(),
      userSearch: z
        .object({
          baseDN: z.string().optional(),
          filter: z.string().optional(),
          username: z.string().optional(),
          idAttr: z.string().optional(),
          emailAttr: z.string().optional(),
          nameAttr: z.string().optional(),
          preferredUsernameAttr: z.string().optional(),
        })
        .optional(),
      groupSearch: z
        .object({
          baseDN: z.string().optional(),
          filter: z.string().optional(),
          userMatchers: z.array(z.object({ userAttr: z.string(), groupAttr: z.string() })).optional(),
          nameAttr: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  oidc: z
    .object({
      enabled: z.boolean().optional(),
      issuer: z.string().url({ message: 'must be a URL such as https://idp.example.com' }).optional(),
      clientID: z.string().optional(),
      clientSecret: z.string().optional(),
      redirectURI: z.string().optional(),
      deviceFlowRedirectURI: z.string().optional(),
    })
    .optional(),
  saml: z
    .object({
      enabled: z.boolean().optional(),
      ssoURL: z.string().optional(),
      ca: z.string().optional(),
      caData: z.string().optional(),
      redirectURI: z.string().optional(),
      usernameAttr: z.string().optional(),
      emailAttr: z.string().optional(),
      groupsAttr: z.string().optional(),
      entityIssuer: z.string().optional(),
      ssoIssuer: z.string().optional(),
      insecureSkipSignatureValidation: z.boolean().optional(),
    })
    .optional(),
});

export const backupSchema = z.object({
  enabled: z.boolean().optional(),
  scheduled_backup: z.object({ enabled: z.boolean().optional(), schedule: z.string().optional() }).optional(),
  storage_provider: z
    .object({
      type: z.enum(['InCluster', 'External']).optional(),
      in_cluster_options: z
        .object({
          admin_credentials_secret: z.string().optional(),
          enable_ui: z.boolean().optional(),
          nodeport: port.optional(),
          exposed: z.boolean().optional(),
          distributed: z.boolean().optional(),
        })
        .optional(),
      external_options: z
        .object({
          provider: z.string().optional(),
          bucket: z.string().optional(),
          region: z.string().optional(),
          credentials_file_path: z.string().optional(),
          credentials_file_profile: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});

export const ingressControllerSchema = z.object({
  enabled: z.boolean().optional(),
  replicaCount: z.number().int().min(0).optional(),
  numReplicas: z.number().int().min(0).optional(),
  enableLoadBalancer: z.boolean().optional(),
  preserveClientIP: z.boolean().optional(),
  disableHttp: z.boolean().optional(),
  externalIPs: z.array(hostOrIp).optional(),
  affinity: z.object({ nodeAffinity: freeForm.optional(), podAffinity: freeForm.optional(), podAntiAffinity: freeForm.optional() }).optional(),
  tolerations: z.array(toleration).optional(),
  extraArgs: z
    .object({
      httpPort: port.optional(),
      httpsPort: port.optional(),
      enableSslPassthrough: z.boolean().optional(),
      defaultSslCertificate: z
        .string()
        .regex(/^[a-z0-9-]+\/[a-z0-9.-]+$/, { message: 'must be namespace/secret-name' })
        .optional(),
    })
    .optional(),
  nodePorts: nodePorts.optional(),
  ports: httpPorts.optional(),
  configMap: stringMap.optional(),
  tcpServices: z.record(z.string(), z.string()).optional(),
  udpServices: z.record(z.string(), z.string()).optional(),
});

export const monitoringSchema = z.object({
  enableCAdvisor: z.boolean().optional(),
  enableGrafana: z.boolean().optional(),
  enableOpscare: z.boolean().optional(),
  grafana: z.object({ ingress: enabledOnly.optional() }).optional(),
  prometheus: z.object({ nodeSelector: stringMap.optional(), resources: resources.optional() }).optional(),
});

export const envoyGatewaySchema = z.object({
  replicaCount: z.number().int().min(1).optional(),
  nodeSelector: stringMap.optional(),
  resources: resources.optional(),
  tolerations: z.array(toleration).optional(),
});

export const gatewayMkeIngressSchema = z.object({
  nodePorts: httpPorts.optional(),
  ports: httpPorts.optional(),
  envoyProxy: z
    .object({
      podDisruptionBudget: z.object({ maxUnavailable: z.union([z.number().int().min(0), z.string()]).optional() }).optional(),
      resources: resources.optional(),
    })
    .optional(),
});

export const nodeLocalDnsSchema = z.object({
  enabled: z.boolean().optional(),
  nodeLocalConfigPersist: z.boolean().optional(),
  resources: z.object({ requests: z.record(z.string(), quantity).optional(), limits: z.record(z.string(), quantity).optional() }).optional(),
});

/** 4.0-style add-on chart. */
export const addonSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(['chart', 'manifest']).optional(),
  enabled: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  namespace: z.string().min(1).optional(),
  chart: z
    .object({
      name: z.string().min(1),
      repo: z.string().regex(/^(https?|oci):\/\//, { message: 'must be an http(s):// or oci:// URL' }),
      version: z.string().min(1),
      values: z.union([z.string(), freeForm]).optional(),
    })
    .optional(),
  manifest: z.object({ url: z.string() }).optional(),
});

/** User service: a k0rdent ServiceTemplate attached to the cluster. */
export const userServiceSchema = z.object({
  template: z.string().min(1).max(253),
  name: z.string().min(1).max(53),
  namespace: z.string().min(1).optional(),
  values: z.string().optional(),
});

const driftTarget = z.object({
  group: z.string().optional(),
  version: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
});

export const driftDetectionSchema = z.object({
  driftIgnore: z.array(driftTarget).optional(),
  driftExclusions: z.array(z.object({ paths: z.array(z.string()), target: driftTarget.optional() })).optional(),
});

export const k0rdentSchema = z.object({
  enabled: z.boolean().optional(),
  providers: z
    .array(z.object({ name: z.string().min(1), config: freeForm.optional() }))
    .optional(),
});

export const secretsStoreSchema = z.object({
  enabled: z.boolean().optional(),
  automountServiceAccountToken: z.boolean().optional(),
  linux: enabledOnly.optional(),
  windows: enabledOnly.optional(),
  maxCallRecvMsgSize: z.number().int().min(0).optional(),
  syncSecret: z.boolean().optional(),
});

export const certificatesSchema = z.object({
  enabled: z.boolean().optional(),
  domainName: z.string().optional(),
  ca: z.string().optional(),
  cert: z.string().optional(),
  key: z.string().optional(),
});
