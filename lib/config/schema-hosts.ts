/** `spec.hosts[]`: the nodes mkectl (and our k0sctl.yaml) installs. Modelled on k0sctl's host block. */
import { z } from 'zod';
import { hostOrIp, ipAddress, port } from './schema-common';

/** MKE host roles. `controller` is a k0sctl role but not an MKE one (rule `role-controller`). */
export const MKE_ROLES = ['controller+worker', 'worker', 'single'] as const;

const sshBase = {
  /** Address mkectl connects to (IP or DNS name). */
  address: hostOrIp.describe('Address mkectl connects to (IP or DNS name).'),
  /** SSH login user. Default root. */
  user: z.string().min(1).optional().describe('SSH login user. Default root.'),
  /** SSH port. Default 22. */
  port: port.optional().describe('SSH port. Default 22.'),
  /** Private key file on the machine that runs the installer. */
  keyPath: z.string().min(1).optional().describe('Private key file on the machine that runs the installer.'),
};

export const bastionSchema = z.object({ ...sshBase }).describe('Jump host used to reach the node.');

export const sshSchema = z
  .object({ ...sshBase, bastion: bastionSchema.optional() })
  .describe('SSH connection to the node.');

export const winRmSchema = z
  .object({
    address: hostOrIp,
    user: z.string().optional(),
    port: port.optional(),
    password: z.string().optional(),
    useHTTPS: z.boolean().optional(),
    insecure: z.boolean().optional(),
    useNTLM: z.boolean().optional(),
    caCertPath: z.string().optional(),
    certPath: z.string().optional(),
    keyPath: z.string().optional(),
    tlsServerName: z.string().optional(),
    bastion: bastionSchema.optional(),
  })
  .describe('WinRM connection (Windows workers, MKE 4.2).');

export const hostSchema = z
  .object({
    /** Node role: controller+worker, worker or single (alone). */
    role: z
      .string()
      .describe('Node role: controller+worker, worker or single (alone).'),
    ssh: sshSchema.optional(),
    winRM: winRmSchema.optional(),
    /** Install on the machine running the tool. */
    localhost: z.object({ enabled: z.boolean() }).optional().describe('Install on the machine running the tool.'),
    /** NIC whose address carries cluster traffic. */
    privateInterface: z.string().min(1).optional().describe('NIC whose address carries cluster traffic.'),
    /** Private IP for cluster traffic when it differs from the SSH address. */
    privateAddress: ipAddress.optional().describe('Private IP for cluster traffic when it differs from the SSH address.'),
    /** Node name override. */
    hostname: z.string().min(1).optional().describe('Node name override.'),
    /** Extra flags for k0s install on this node. */
    installFlags: z.array(z.string()).optional().describe('Extra flags for k0s install on this node.'),
    /** No control-plane NoSchedule taint (controller+worker only). */
    noTaints: z.boolean().optional().describe('No control-plane NoSchedule taint (controller+worker only).'),
    /** k0s data directory on this node. */
    dataDir: z.string().min(1).optional().describe('k0s data directory on this node.'),
    /** kubelet root directory on this node. */
    kubeletRootDir: z.string().min(1).optional().describe('kubelet root directory on this node.'),
    /** Environment variables set on the host. */
    environment: z.record(z.string(), z.string()).optional().describe('Environment variables set on the host.'),
  })
  .describe('A cluster node.');

export type MkeHost = z.infer<typeof hostSchema>;
