/**
 * The one IPv4 module (ADR 016): parse, format, CIDR and containment for R7/R8, the schema's
 * formats and the simulator's cluster network. A leaf: it imports nothing, so both the rules and
 * the simulator may use it (docs/architecture.md). Not ipaddr.js: it reads `010.20.0.1` as octal
 * and has no address ranges, so we would still write the strict check and the arithmetic.
 *
 * What is valid, decided once (docs/spec-format.md, value formats): a dotted quad without leading
 * zeros, as glibc's inet_pton on a DSM host reads it (inet_aton would read `010` as octal 8), and
 * a CIDR prefix 0–32, any prefix a Linux-based DSM interface can carry; whether a subnet is big
 * enough for the cluster is R7/R8's question, not the parser's.
 */

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** The address as an unsigned 32-bit number, or undefined when it is not dotted-quad IPv4. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export interface Cidr {
  /** First address of the subnet (the network address). */
  first: number;
  /** Last address of the subnet (the broadcast address). */
  last: number;
  prefix: number;
}

/** Parses `a.b.c.d/n`; undefined when malformed. Host bits set are tolerated (10.0.0.5/24). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const base = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (base === undefined || !/^(3[0-2]|[12]?\d)$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  const first = Math.floor(base / size) * size;
  return { first, last: first + size - 1, prefix };
}

/** Is `address` inside `cidr` (network and broadcast addresses included)? */
export function cidrContains(cidr: Cidr, address: number): boolean {
  return address >= cidr.first && address <= cidr.last;
}
