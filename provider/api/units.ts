// Unit conversion at the edge. VMM's API says "MB" for vram_size, vdisk_size, storage size/used and
// host RAM, but means binary megabytes (vram_size 1024 is 1 GiB of guest RAM), so the numbers are
// MiB already. The conversion is still spelled out here, in one place, so no DSM unit leaks inward
// and a future DSM that reports bytes changes one file.

export function dsmMbToMiB(mb: number): number {
  return mb;
}

export function mibToDsmMb(mib: number, what: string): number {
  if (!Number.isInteger(mib) || mib < 0)
    throw new RangeError(`${what} must be a whole number of MiB, got ${mib}`);
  return mib;
}

/** Internal VMM reads give RAM in KiB (evidence §3, Units [3]). */
export function kibToMiB(kib: number): number {
  return kib / 1024;
}
