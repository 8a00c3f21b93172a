/** CIDR and address arithmetic on top of ipaddr.js. */
import * as ipaddr from 'ipaddr.js';

export interface ParsedCidr {
  readonly text: string;
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
}

export function parseCidr(text: string): ParsedCidr | undefined {
  try {
    const [address, prefix] = ipaddr.parseCIDR(text);
    return { text, address, prefix };
  } catch {
    return undefined;
  }
}

/** A single address as a host CIDR (/32 or /128). */
export function hostCidr(address: string): ParsedCidr | undefined {
  // A host name (most addresses) is rejected by shape first: ipaddr.js's parser is slow to say no.
  if (!/^[0-9a-fA-F:.%]+$/.test(address) || !ipaddr.isValid(address)) return undefined;
  const parsed = ipaddr.parse(address);
  return { text: address, address: parsed, prefix: parsed.kind() === 'ipv4' ? 32 : 128 };
}

/** Two networks overlap when either contains the other's first address. */
export function overlaps(a: ParsedCidr, b: ParsedCidr): boolean {
  if (a.address.kind() !== b.address.kind()) return false;
  const contains = (outer: ParsedCidr, inner: ParsedCidr): boolean =>
    (inner.address as ipaddr.IPv4).match(outer.address as ipaddr.IPv4, outer.prefix);
  return contains(a, b) || contains(b, a);
}

/** `a-b` → [a, b], or undefined when malformed. */
export function parsePortRange(text: string): [number, number] | undefined {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2])];
}
