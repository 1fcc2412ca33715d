// Waiting for something that happens on the NAS (a task, a status): poll with adaptive back-off up to
// a deadline. Starts fast because most VMM tasks finish in seconds, then slows down so a long image
// import does not cost hundreds of requests.

import { sleep } from "./backoff";

export interface PollOptions {
  /** Give up after this long (default 10 minutes). */
  readonly timeoutMs?: number;
  /** First pause between polls (default 200 ms). */
  readonly initialIntervalMs?: number;
  /** Longest pause between polls (default 5 s). */
  readonly maxIntervalMs?: number;
}

export const POLL_DEFAULTS = { timeoutMs: 600_000, initialIntervalMs: 200, maxIntervalMs: 5_000 } as const;

/**
 * Calls `probe` until it returns `{ done: true }`; throws `onTimeout()` once the deadline passed.
 * The pause grows by half each time nothing changed and shrinks back when progress moved, so a
 * task that is visibly advancing is followed closely.
 */
export async function pollUntil<T>(
  probe: () => Promise<{ done: boolean; value: T; progress?: number }>,
  options: PollOptions,
  onTimeout: (last: T | undefined) => Error,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? POLL_DEFAULTS.timeoutMs;
  const maxInterval = options.maxIntervalMs ?? POLL_DEFAULTS.maxIntervalMs;
  const initial = Math.min(options.initialIntervalMs ?? POLL_DEFAULTS.initialIntervalMs, maxInterval);
  const deadline = Date.now() + timeoutMs;
  let interval = initial;
  let lastProgress: number | undefined;
  let last: T | undefined;
  for (;;) {
    const seen = await probe();
    if (seen.done) return seen.value;
    last = seen.value;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw onTimeout(last);
    const moved = seen.progress !== undefined && lastProgress !== undefined && seen.progress > lastProgress;
    lastProgress = seen.progress;
    interval = moved ? Math.max(initial, interval / 1.5) : Math.min(maxInterval, interval * 1.5);
    await sleep(Math.min(interval, remaining));
  }
}
