/** `spec.hosts[]`: the nodes mkectl (and our k0sctl.yaml) installs. Modelled on k0sctl's host block. */
import { z } from 'zod';
import { hostOrIp, ipAddress, port } from './schema-common';

/** MKE host roles. `controller` is a k0sctl role but not an MKE one (rule `role-controller`). */
export const MKE_ROLES = ['controller+worker', 'worker', 'single'] as const;

const sshBase = {
  address: hostOrIp,
  user: z.string().min(1).optional(),
  port: port.optional(),
  keyPath: z.string().min(1).optional(),
};

export const bastionSchema = z.object({ ...sshBase });

export const sshSchema = z.object({ ...sshBase, bastion: bastionSchema.optional() });

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
  });

export const hostSchema = z
  .object({
    // A string here, checked by the host rules (so that `controller` gets its own diagnostic); the
    // TypeScript type (`MkeHostRole`, spec-types.ts) and the JSON Schema make it a strict enum.
    role: z.string(),
    ssh: sshSchema.optional(),
    winRM: winRmSchema.optional(),
    localhost: z.object({ enabled: z.boolean() }).optional(),
    privateInterface: z.string().min(1).optional(),
    privateAddress: ipAddress.optional(),
    hostname: z.string().min(1).optional(),
    installFlags: z.array(z.string()).optional(),
    noTaints: z.boolean().optional(),
    dataDir: z.string().min(1).optional(),
    kubeletRootDir: z.string().min(1).optional(),
    environment: z.record(z.string(), z.string()).optional(),
  });

export type MkeHost = z.infer<typeof hostSchema>;
