/** `spec.network`: CNI providers, service CIDR, kube-proxy, load balancing (4.0 … 4.2 shapes). */
import { z } from 'zod';
import { cidr, duration, enabledOnly, ipAddress, stringMap } from './schema-common';

export const CNI_PROVIDERS = ['calico', 'kuberouter', 'custom', 'cilium'] as const;

export const providerSchema = z.object({
  /** CNI name. */
  provider: z.enum(CNI_PROVIDERS).describe('CNI name.'),
  /** Exactly one provider is enabled. */
  enabled: z.boolean().optional().describe('Exactly one provider is enabled.'),
  /** Provider options, all values strings (calico: cidrV4, linuxDataplane, loglevel, values.yaml). */
  extraConfig: stringMap
    .optional()
    .describe('Provider options, all values strings (calico: cidrV4, linuxDataplane, loglevel, values.yaml).'),
});

const syncPeriods = {
  minSyncPeriod: duration.optional(),
  syncPeriod: duration.optional(),
};

export const kubeProxySchema = z.object({
  disabled: z.boolean().optional(),
  /** kube-proxy mode. */
  mode: z.enum(['iptables', 'ipvs', 'nftables']).optional().describe('kube-proxy mode.'),
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
      scheduler: z.string().optional(),
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
        /** Virtual IPs as CIDRs, e.g. 10.0.0.100/24. */
        virtualIPs: z.array(cidr).min(1).describe('Virtual IPs as CIDRs, e.g. 10.0.0.100/24.'),
        /** VRRP password (secret), 1–8 characters. */
        authPass: z.string().min(1).describe('VRRP password (secret), 1–8 characters.'),
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
  /** 4.0/4.1: true turns control-plane load balancing off. */
  disabled: z.boolean().optional().describe('4.0/4.1: true turns control-plane load balancing off.'),
  controlPlaneLoadBalancing: z
    .object({ enabled: z.boolean().optional(), type: z.literal('Keepalived').optional(), keepalived: keepalivedSchema.optional() })
    .optional(),
});

export const networkSchema = z.object({
  /** Service IP range. Default 10.96.0.0/16. */
  serviceCIDR: cidr.optional().describe('Service IP range. Default 10.96.0.0/16.'),
  /** NodePort range. Default 32768-35535. */
  nodePortRange: z
    .string()
    .regex(/^\d{1,5}-\d{1,5}$/, { message: 'must be a range such as 32768-35535' })
    .optional()
    .describe('NodePort range. Default 32768-35535.'),
  /** CNI providers; exactly one enabled. */
  providers: z.array(providerSchema).optional().describe('CNI providers; exactly one enabled.'),
  kubeProxy: kubeProxySchema.optional(),
  /** Multus meta-CNI. */
  multus: enabledOnly.optional().describe('Multus meta-CNI.'),
  /** 4.0/4.1 control-plane load balancing. */
  cplb: cplbSchema.optional().describe('4.0/4.1 control-plane load balancing.'),
  /** 4.0/4.1 node-local API load balancing. */
  nllb: z.object({ disabled: z.boolean().optional() }).optional().describe('4.0/4.1 node-local API load balancing.'),
  /** 4.2 control-plane load balancing. */
  controlPlaneLoadBalancing: z
    .object({
      enabled: z.boolean().optional(),
      /** 4.2 virtual IPs as CIDRs, e.g. 172.16.0.100/16. */
      virtualIPs: z.array(cidr).min(1).optional().describe('4.2 virtual IPs as CIDRs, e.g. 172.16.0.100/16.'),
      /** 4.2 VRRP router ID, 1–255. Default: the last octet of the primary virtual IP. */
      virtualRouterID: z.number().int().min(1).max(255).optional().describe('4.2 VRRP router ID, 1–255. Default: the last octet of the primary virtual IP.'),
      keepalived: keepalivedSchema.optional(),
    })
    .optional()
    .describe('4.2 control-plane load balancing.'),
});

export type MkeNetwork = z.infer<typeof networkSchema>;
