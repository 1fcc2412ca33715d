// Waiting for something that happens on the NAS (a task, a status): poll with adaptive back-off up to
// a deadline. Starts fast because most VMM tasks finish in seconds, then slows down so a long image
// import does not cost hundreds of requests. Where the NAS reports progress (a task's percentage),
// the next poll goes where the progress so far says the task will end (ADR 017): fewer polls
// than a fixed pace, and the end is seen soon after it happens.

import { sleep } from "./backoff";

export interface PollOptions {
  /** Give up after this long (default 10 minutes). */
  readonly timeoutMs?: number;
  /** First pause between polls (default 200 ms). */
  readonly initialIntervalMs?: number;
  /** Longest pause between polls (default 5 s). */
  readonly maxIntervalMs?: number;
  /**
   * Pause before the first poll (default: none; at most `maxIntervalMs`). A task's first poll
   * waits where tasks of its kind usually end (task-estimate.ts): asking at once only hears "0 %".
   */
  readonly firstPollAfterMs?: number;
}

export const POLL_DEFAULTS = { timeoutMs: 600_000, initialIntervalMs: 200, maxIntervalMs: 5_000 } as const;

/** Aim a little past the estimated end, so one poll usually finds the task done. */
const PAST_ESTIMATE = 1.1;

/**
 * The pause before the next poll. Without progress, or when it did not move, the pause grows by
 * half (a stuck or silent task is asked less and less). When it moved, the pause is the time the
 * task still needs at the pace seen so far, at least half the first pause (a task at 99 % is not
 * asked every few milliseconds) and at most `maxInterval`.
 */
export function nextPause(
  previous: number,
  seen: { elapsedMs: number; progress?: number; moved: boolean },
  initial: number,
  maxInterval: number,
): number {
  const p = seen.progress;
  if (!seen.moved || p === undefined || p <= 0 || p >= 100) return Math.min(maxInterval, previous * 1.5);
  const remaining = (seen.elapsedMs * (100 - p)) / p;
  return Math.min(maxInterval, Math.max(initial / 2, remaining * PAST_ESTIMATE));
}

/**
 * Calls `probe` until it returns `{ done: true }`; throws `onTimeout()` once the deadline passed.
 * Pauses between polls come from nextPause: backing off while nothing moves, following the
 * reported progress when it does.
 */
export async function pollUntil<T>(
  probe: () => Promise<{ done: boolean; value: T; progress?: number }>,
  options: PollOptions,
  onTimeout: (last: T | undefined) => Error,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? POLL_DEFAULTS.timeoutMs;
  const maxInterval = options.maxIntervalMs ?? POLL_DEFAULTS.maxIntervalMs;
  const initial = Math.min(options.initialIntervalMs ?? POLL_DEFAULTS.initialIntervalMs, maxInterval);
  const started = Date.now();
  const deadline = started + timeoutMs;
  let interval = initial;
  let lastProgress: number | undefined = 0;
  let last: T | undefined;
  const firstPause = Math.min(options.firstPollAfterMs ?? 0, maxInterval, timeoutMs);
  if (firstPause > 0) await sleep(firstPause);
  for (;;) {
    const seen = await probe();
    if (seen.done) return seen.value;
    last = seen.value;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw onTimeout(last);
    const moved = seen.progress !== undefined && lastProgress !== undefined && seen.progress > lastProgress;
    lastProgress = seen.progress;
    interval = nextPause(
      interval,
      { elapsedMs: Date.now() - started, progress: seen.progress, moved },
      initial,
      maxInterval,
    );
    await sleep(Math.min(interval, remaining));
  }
}
