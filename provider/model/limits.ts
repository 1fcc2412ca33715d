/**
 * The upper bounds synovmm puts on spec values, each with where it comes from. VMM publishes no
 * per-VM maximum (docs/reference/synology-vmm-api.md, "Per-guest limits … [U]"), so most are
 * ours: generous enough for any real NAS, tight enough that a typo (`99999999TiB`, `cpu: 1e308`)
 * is refused offline instead of being sent to the NAS. Bounds JSON Schema can state itself (the
 * vCPU maxima, maxLength) live only in schemas/*.json; README.md "The limits" lists them all.
 */
import { formatSize } from "../units/size";

/** Memory of one VM or host (ours): 4 TiB, a bound against typos, not a VMM limit. */
export const MAX_MEMORY_MIB = 4 * 1024 * 1024;

/** Size of one virtual disk (ours): 1 PiB (1024TiB), a bound against typos, not a VMM limit. */
export const MAX_DISK_MIB = 1024 * 1024 * 1024;

/**
 * Paths on the NAS (ours from Linux, which DSM is): PATH_MAX is 4096 bytes with the final NUL.
 */
export const MAX_PATH_LENGTH = 4095;

/** A DNS name is at most 253 characters, each label at most 63 (RFC 1035 §2.3.4). */
export const MAX_HOSTNAME_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

/** TCP ports (RFC 793): 1–65535; 0 is not a port a server listens on. */
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

export const sizeLimits = {
  memory: { mib: MAX_MEMORY_MIB, why: "synovmm's own bound against typos; VMM publishes none" },
  disk: { mib: MAX_DISK_MIB, why: "synovmm's own bound against typos; VMM publishes none" },
} as const;

export const describeLimit = (kind: keyof typeof sizeLimits): string =>
  `${formatSize(sizeLimits[kind].mib)} (${sizeLimits[kind].why})`;
