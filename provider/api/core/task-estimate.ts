// How long tasks of one kind take on this cluster, learned within the process (ADR 017): the first
// poll of a task goes where tasks of its kind usually end, instead of asking at once and then every
// 200 ms. A 100-VM `up` starts 100 create tasks of the same kind; after the first few, most are
// seen finished on their first poll.

import { clientState } from "./process-state";

/** Estimates kept per kind: enough for a stable median, few enough to follow a change of pace. */
const WINDOW = 15;

const estimates = (): Map<string, number[]> => clientState().taskEstimates;

/**
 * The kind of a task from its id: DSM's ids are a fixed name plus a unique hex tail
 * (`@administrators/virtualization_api_guest_create5f0c…`); an id of another form is its own kind.
 */
export function taskKindOf(taskId: string): string {
  return taskId.replace(/[0-9a-f]{8,}$/i, "");
}

/**
 * Records one task's length as its progress predicted it: seen at `progress` % after `elapsedMs`,
 * the whole task takes elapsedMs × 100 / progress. Only a reading between 0 and 100 % says
 * anything: a task seen finished on its first poll took *at most* the time waited, and recording
 * that would make every later first poll a little later.
 */
export function recordTaskProgress(taskId: string, elapsedMs: number, progress: number): void {
  if (!(progress > 0 && progress < 100) || !(elapsedMs > 0)) return;
  const kind = taskKindOf(taskId);
  const list = estimates().get(kind) ?? [];
  list.push((elapsedMs * 100) / progress);
  if (list.length > WINDOW) list.shift();
  estimates().set(kind, list);
}

/** The median predicted length of tasks of this id's kind, or undefined before any was seen. */
export function typicalTaskMs(taskId: string): number | undefined {
  const list = estimates().get(taskKindOf(taskId));
  if (!list || list.length === 0) return undefined;
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
