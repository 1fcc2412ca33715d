/**
 * Seeded pseudo-random numbers (sfc32) so that ids, MACs and fault decisions repeat for the same
 * seed and the same calls. Its four-word state is saved with the world so a restored simulator
 * keeps producing new, non-colliding ids.
 */
import { createHash } from "node:crypto";

export type RngState = [number, number, number, number];

export function seedState(seed: string | number): RngState {
  const digest = createHash("sha256").update(String(seed)).digest();
  return [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
}

export class Rng {
  constructor(private readonly s: RngState) {}

  state(): RngState {
    return [...this.s];
  }

  /** Next 32-bit unsigned integer. */
  next(): number {
    const s = this.s;
    const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
    s[3] = (s[3] + 1) >>> 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = (s[2] + (s[2] << 3)) >>> 0;
    s[2] = ((s[2] << 21) | (s[2] >>> 11)) >>> 0;
    s[2] = (s[2] + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 0x1_0000_0000;
  }

  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }

  /** UUID v4 layout, as VMM uses for guest/host/storage/image/network ids. */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** Upper-case hex, as in VMM task ids (`…guest_create5BB3389D4A406062`). */
  hex(digits: number): string {
    return this.bytes(Math.ceil(digits / 2))
      .toString("hex")
      .slice(0, digits)
      .toUpperCase();
  }
}
