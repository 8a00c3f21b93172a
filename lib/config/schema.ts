/**
 * The whole `MkeConfig` (mke4.yaml) of every released MKE 4k version, 4.0.x … 4.2.x, as one zod
 * schema. Defaults are not in the schema: they depend on the MKE version and are merged in by
 * `defaults.ts` before parsing, so the parsed value is what `mkectl init` would have printed plus
 * the user's edits.
 *
 * What each field does is written in `field-docs.ts`, from which the build generates the JSON
 * Schema's descriptions and the documented TypeScript types (`spec-types.ts`); the zod model
 * carries no descriptions, so the CLI does not load those texts.
 */
import { z } from 'zod';
import { duration, enabledOnly, freeForm, hostOrIp, resources, stringMap, toleration } from './schema-common';
import { hostSchema } from './schema-hosts';
import { networkSchema } from './schema-network';
import {
  addonSchema,
  authenticationSchema,
  backupSchema,
  certificatesSchema,
  driftDetectionSchema,
  envoyGatewaySchema,
  gatewayMkeIngressSchema,
  ingressControllerSchema,
  k0rdentSchema,
  monitoringSchema,
  nodeLocalDnsSchema,
  secretsStoreSchema,
  userServiceSchema,
} from './schema-services';

export const MKE_API_VERSION = 'mke.mirantis.com/v1alpha1';
export const MKE_KIND = 'MkeConfig';
export const MKE_NAMESPACE = 'mke';

const registry = z.object({
  url: z.string().min(1),
  credentialsSecretName: z.string().optional(),
  caData: z.string().optional(),
});

export const specSchema = z.object({
  version: z
    .string()
    .regex(/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, { message: 'must be an MKE version such as v4.1.2' })
    .optional(),
  hosts: z.array(hostSchema),
  airgap: enabledOnly.optional(),
  apiServer: z
    .object({
      externalAddress: z.string().optional(),
      sans: z.array(hostOrIp).nullable().optional(),
      requestTimeout: duration.optional(),
      encryptionProvider: z.string().optional(),
      eventRateLimit: enabledOnly.optional(),
      audit: z
        .object({
          enabled: z.boolean().optional(),
          level: z.enum(['None', 'Metadata', 'Request', 'RequestResponse']).optional(),
          logPath: z.string().optional(),
          maxAge: z.number().int().min(0).optional(),
          maxBackup: z.number().int().min(0).optional(),
          maxSize: z.number().int().min(0).optional(),
          policyFile: z.string().optional(),
        })
        .optional(),
      extraArgs: stringMap.optional(),
    })
    .optional(),
  authentication: authenticationSchema.optional(),
  backup: backupSchema.optional(),
  certificates: certificatesSchema.optional(),
  cloudProvider: z
    .object({ enabled: z.boolean().optional(), provider: z.enum(['aws', 'external']).optional() })
    .optional(),
  componentScheduling: z
    .object({ enabled: z.boolean().optional(), topologySpreadConstraints: z.array(freeForm).optional() })
    .optional(),
  controllerManager: z
    .object({ terminatedPodGCThreshold: z.number().int().min(0).optional(), extraArgs: stringMap.optional() })
    .optional(),
  devicePlugins: z.object({ nvidiaGPU: z.object({ enabled: z.boolean().optional(), mig: freeForm.optional() }).optional() }).optional(),
  dns: z
    .object({ lameduck: z.object({ enabled: z.boolean().optional(), duration: duration.optional() }).optional() })
    .optional(),
  driftDetection: driftDetectionSchema.optional(),
  envoyGateway: envoyGatewaySchema.optional(),
  etcd: z
    .object({ storageQuota: z.string().optional(), tlsCipherSuites: z.string().optional(), extraArgs: stringMap.optional() })
    .optional(),
  gatewayMKEIngress: gatewayMkeIngressSchema.optional(),
  ingressController: ingressControllerSchema.optional(),
  k0rdent: k0rdentSchema.optional(),
  k8sProviderSpecs: z.object({ dataDir: z.string().min(1).optional() }).optional(),
  kubelet: z
    .object({
      eventRecordQPS: z.number().int().min(0).optional(),
      kubeletRootDir: z.string().min(1).optional(),
      managerKubeReserved: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      workerKubeReserved: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      maxPods: z.number().int().min(1).optional(),
      podPidsLimit: z.number().int().min(-1).optional(),
      podsPerCore: z.number().int().min(0).optional(),
      protectKernelDefaults: z.boolean().optional(),
      seccompDefault: z.boolean().optional(),
      extraArgs: stringMap.optional(),
      customProfiles: z
        .array(
          z.object({
            name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'must be a DNS-1123 label' }).max(63),
            values: freeForm,
          }),
        )
        .optional(),
    })
    .optional(),
  license: z.object({ token: z.string().optional(), refresh: z.boolean().optional() }).optional(),
  metallb: z.object({ enabled: z.boolean().optional() }).optional(),
  monitoring: monitoringSchema.optional(),
  network: networkSchema.optional(),
  nodeLocalDNS: nodeLocalDnsSchema.optional(),
  operator: freeForm.optional(),
  policyController: z
    .object({
      opaGatekeeper: z
        .object({ enabled: z.boolean().optional(), exemptNamespaces: z.array(z.string()).optional() })
        .optional(),
    })
    .optional(),
  registries: z.object({ imageRegistry: registry.optional(), chartRegistry: registry.optional() }).optional(),
  scheduler: z
    .object({ profilingEnabled: z.boolean().optional(), bindToAll: z.boolean().optional(), extraArgs: stringMap.optional() })
    .optional(),
  secretsStoreCSIDriver: secretsStoreSchema.optional(),
  services: z.array(userServiceSchema).optional(),
  addons: z.array(addonSchema).optional(),
  tracking: z.object({ enabled: z.boolean().optional(), clusterLabel: z.string().optional() }).optional(),
  ui: z.object({ resources: resources.optional(), tolerations: z.array(toleration).optional() }).optional(),
  windows: z.object({ gmsa: enabledOnly.optional() }).optional(),
});

export const mkeConfigSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.object({
    name: z.string().min(1),
    namespace: z.string().optional(),
    creationTimestamp: z.null().optional(),
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
  }),
  spec: specSchema,
});

/** The `spec` of an mke4.yaml after validation, with the version's defaults applied. */
export type MkeSpecInput = z.infer<typeof specSchema>;
/** A whole validated mke4.yaml document. */
export type MkeConfigDocument = z.infer<typeof mkeConfigSchema>;
