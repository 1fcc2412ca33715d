/**
 * Quorum arithmetic (R2): a cluster keeps working while more than half of its hosts are online.
 */

/** Hosts that must be online for the cluster to act: a strict majority. */
export function quorumSize(hostCount: number): number {
  return Math.floor(hostCount / 2) + 1;
}

/**
 * How many hosts may fail while the rest still hold quorum. 1 → 0, 2 → 0, 3 → 1, 4 → 1, 5 → 2,
 * 7 → 3: an even count adds a host but no tolerance, which is why R3 recommends odd counts.
 */
export function toleratedHostFailures(hostCount: number): number {
  return hostCount <= 0 ? 0 : hostCount - quorumSize(hostCount);
}
