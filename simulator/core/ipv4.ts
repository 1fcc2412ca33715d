/** IPv4 arithmetic for the cluster network (R7) and the reserved host range (R8). */

export function parseIp(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (m === null) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export interface Subnet {
  base: number;
  bits: number;
}

export function parseCidr(text: string): Subnet | null {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  if (m === null) return null;
  const ip = parseIp(m[1]);
  const bits = Number(m[2]);
  if (ip === null || bits < 8 || bits > 30) return null;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (ip & mask) >>> 0, bits };
}

export function inSubnet(ip: number, net: Subnet): boolean {
  const mask = (0xffffffff << (32 - net.bits)) >>> 0;
  return (ip & mask) >>> 0 === net.base;
}
