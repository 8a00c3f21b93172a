/** `spec.network`: CNI providers, service CIDR, kube-proxy, load balancing (4.0 … 4.2 shapes). */
import { z } from 'zod';
import { cidr, duration, enabledOnly, ipAddress, stringMap } from './schema-common';

export const CNI_PROVIDERS = ['calico', 'kuberouter', 'custom', 'cilium'] as const;

export const providerSchema = z.object({
  provider: z.enum(CNI_PROVIDERS),
  enabled: z.boolean().optional(),
  extraConfig: stringMap
    .optional(),
});

const syncPeriods = {
  minSyncPeriod: duration.optional(),
  syncPeriod: duration.optional(),
};

export const kubeProxySchema = z.object({
  disabled: z.boolean().optional(),
  mode: z.enum(['iptables', 'ipvs', 'nftables']).optional(),
  metricsBindAddress: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[^:]+):\d{1,5}$/, { message: 'must be host:port such as 0.0.0.0:10249' })
    .optional(),
  iptables: z
    .object({
      ...syncPeriods,
      masqueradeBit: z.number().int().nullable().optional(),
      masqueradeAll: z.boolean().nullable().optional(),
      localhostNodePorts: z.boolean().nullable().optional(),
    })
    .optional(),
  ipvs: z
    .object({
      ...syncPeriods,
      // kube-proxy's accepted methods; "" = rr (kubernetes pkg/proxy/apis/config/validation/validation.go validateIPVSSchedulerMethod).
      scheduler: z.enum(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'sh', 'dh', 'sed', 'nq', '']).optional(),
      excludeCIDRs: z.array(cidr).nullable().optional(),
      strictARP: z.boolean().optional(),
      tcpFinTimeout: duration.optional(),
      tcpTimeout: duration.optional(),
      udpTimeout: duration.optional(),
    })
    .optional(),
  nftables: z
    .object({ ...syncPeriods, masqueradeBit: z.number().int().nullable().optional(), masqueradeAll: z.boolean().optional() })
    .optional(),
  nodePortAddresses: z.array(z.string()).nullable().optional(),
});

/** 4.0 keepalived shape (`network.cplb.controlPlaneLoadBalancing`). */
export const keepalivedSchema = z.object({
  vrrpInstances: z
    .array(
      z.object({
        virtualIPs: z.array(cidr).min(1),
        authPass: z.string().min(1),
        interface: z.string().optional(),
        virtualRouterID: z.number().int().min(1).max(255).optional(),
        advertIntervalSeconds: z.number().int().min(1).optional(),
      }),
    )
    .optional(),
  virtualServers: z
    .array(
      z.object({
        ipAddress: ipAddress,
        delayLoop: duration.optional(),
        lbAlgo: z.enum(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'dh', 'sh', 'sed', 'nq']).optional(),
        lbKind: z.enum(['NAT', 'DR', 'TUN']).optional(),
        persistenceTimeoutSeconds: z.number().int().min(1).max(2678400).optional(),
      }),
    )
    .optional(),
});

export const cplbSchema = z.object({
  disabled: z.boolean().optional(),
  controlPlaneLoadBalancing: z
    .object({ enabled: z.boolean().optional(), type: z.literal('Keepalived').optional(), keepalived: keepalivedSchema.optional() })
    .optional(),
});

export const networkSchema = z.object({
  serviceCIDR: cidr.optional(),
  nodePortRange: z
    .string()
    .regex(/^\d{1,5}-\d{1,5}$/, { message: 'must be a range such as 32768-35535' })
    .optional(),
  providers: z.array(providerSchema).optional(),
  kubeProxy: kubeProxySchema.optional(),
  multus: enabledOnly.optional(),
  cplb: cplbSchema.optional(),
  nllb: z.object({ disabled: z.boolean().optional() }).optional(),
  controlPlaneLoadBalancing: z
    .object({
      enabled: z.boolean().optional(),
      virtualIPs: z.array(cidr).min(1).optional(),
      virtualRouterID: z.number().int().min(1).max(255).optional(),
      keepalived: keepalivedSchema.optional(),
    })
    .optional(),
});

export type MkeNetwork = z.infer<typeof networkSchema>;
