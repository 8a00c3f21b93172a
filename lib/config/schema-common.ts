/**
 * Building blocks shared by the mke4.yaml schema files. Formats are checked here (CIDR, IP, port,
 * duration); cross-field rules live in `rules*.ts`.
 */
import * as ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** An enabled switch as mke4.yaml writes it. */
export const enabledOnly = z.object({ enabled: z.boolean().optional() });

export const port = z
  .number()
  .int()
  .refine((v) => v >= 1 && v <= 65535, { message: 'must be a port between 1 and 65535', params: { mke: 'invalid-port' } });

/** Go duration string such as `1m0s`, `30s`, `0s`. */
export const duration = z
  .string()
  .regex(/^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$/, {
    message: 'must be a Go duration such as 30s, 1m0s or 2h',
  });

export function isCidr(value: string): boolean {
  if (!/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(value)) return false;
  // ipaddr.js also takes the legacy short forms (`10.96/16`, `192.168.0/16`); k0s does not.
  if (value.includes('.') && !value.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(value.split('/')[0])) return false;
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}

/** A dotted quad in the form `isValidFourPartDecimal` requires: four decimal parts, no leading zeros. */
const DOTTED_QUAD = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** IPv6 shape check before ipaddr.js: its parser costs ~70 µs per string it rejects (400,000 list items took 7 s). */
const IPV6_SHAPE = /^[0-9a-fA-F:.]{2,45}(%[0-9A-Za-z_.-]{1,32})?$/;

export function isIp(value: string): boolean {
  // Without a `:` it is not IPv6 (ipaddr.js IPv6.isValid says the same), so the answer is
  // `isValidFourPartDecimal`: that form with every part at most 255. Answered here, without
  // ipaddr.js's parsers, which try each IPv4 notation and IPv6 in turn (hosts lists call this per host).
  if (!value.includes(':')) {
    const m = DOTTED_QUAD.exec(value);
    return m !== null && +m[1] <= 255 && +m[2] <= 255 && +m[3] <= 255 && +m[4] <= 255;
  }
  if (!IPV6_SHAPE.test(value)) return false;
  return ipaddr.isValid(value) && (ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value));
}

/** RFC 1123 host name (labels of letters, digits and hyphens), as k0s and k0sctl accept. */
export function isHostname(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  // An all-numeric last label is a mistyped IP address (`10.0.0.300`), never a DNS name (RFC 1123 2.1).
  if (/^\d+$/.test(value.split('.').pop() ?? '')) return false;
  return value
    .split('.')
    .every((label) => /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/.test(label));
}

export const cidr = z.string().refine(isCidr, { message: 'must be a CIDR such as 10.96.0.0/16', params: { mke: 'invalid-cidr' } });

export const ipAddress = z.string().refine(isIp, { message: 'must be an IPv4 or IPv6 address', params: { mke: 'invalid-address' } });

/** IP address or DNS name, without port or scheme. */
export const hostOrIp = z
  .string()
  .refine((v) => isIp(v) || isHostname(v), {
    message: 'must be an IP address or a DNS name',
    params: { mke: 'invalid-address' },
  });

/** Kubernetes resource quantity (`250m`, `2Gi`, `1`). */
export const quantity = z.union([
  z.string().regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i?|[mkMGTPEu]|n)?$/, {
    message: 'must be a Kubernetes quantity such as 250m, 500Mi or 2Gi',
  }),
  z.number(),
]);

export const resourceList = z.record(z.string(), quantity);

/** Kubernetes ResourceRequirements. */
export const resources = z.object({
  limits: resourceList.optional(),
  requests: resourceList.optional(),
});

/** Kubernetes Toleration. */
export const toleration = z.object({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute', '']).optional(),
  tolerationSeconds: z.number().int().optional(),
});

/** Free-form Kubernetes object (affinity, topology constraints …), kept verbatim. */
export const freeForm = z.record(z.string(), z.unknown());

/** A map of string to string (extraArgs, extraConfig, nodeSelector …). */
export const stringMap = z.record(z.string(), z.string({ message: 'must be a string (quote numbers and booleans)' }));
