// Jittered exponential back-off. Jitter spreads the retries of many concurrent callers (Pulumi runs
// several resource operations at once) so a busy NAS is not hit by a synchronized wave.

/** Delay before retry number `attempt` (0-based): "equal jitter" between half and all of base·2^attempt. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs = 10_000,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
