/**
 * Tasks: the small state machine behind async creates and moves. Progress rises with time from
 * 0 to 100 over `taskDurationMs`; at the end the kind's finisher runs (guest ready, image ready,
 * host changed). Auto-clean tasks vanish after their first `finish:true` read or a linger time.
 */
import { fail } from "./errors";
import type { TaskKind, TaskState } from "./state";
import type { World } from "./world";

export type Finisher = (world: World, task: TaskState, at: number) => void;

const NAMES: Record<TaskKind, string> = {
  guest_create: "guest_create",
  image_create: "image_create",
  guest_move: "guest_move",
};

export function createTask(
  world: World,
  kind: TaskKind,
  objectId: string,
  autoClean: boolean,
  destHostId: string | null = null,
): TaskState {
  const now = world.now();
  const task: TaskState = {
    id: `@administrators/virtualization_api_${NAMES[kind]}${world.rng.hex(16)}`,
    kind,
    objectId,
    destHostId,
    startedAt: now,
    endsAt: now + world.settings.taskDurationMs,
    autoClean,
    done: false,
    errorCode: null,
    cleanAt: null,
  };
  world.state.tasks.push(task);
  world.touched();
  return task;
}

export function progress(world: World, t: TaskState): number {
  if (t.done) return 100;
  const span = Math.max(1, t.endsAt - t.startedAt);
  return Math.min(99, Math.max(0, Math.floor(((world.now() - t.startedAt) / span) * 100)));
}

export function task(world: World, id: string): TaskState {
  return (
    world.findTask(id) ??
    fail(
      1000,
      "task_id",
      `task '${id}' not found: it never existed, was cleared, or was auto-cleaned after it finished (pass auto_clean_task=false to keep it)`,
    )
  );
}

/** `Task.Info get`: an auto-clean task is removed once it has reported finish:true. */
export function readTask(world: World, id: string): { finish: boolean; task_info: Record<string, unknown> } {
  const t = task(world, id);
  const info: Record<string, unknown> = {
    auto_clean_task: t.autoClean,
    progress: progress(world, t),
    status: t.done ? (t.errorCode === null ? "finish" : "error") : "running",
  };
  if (t.kind === "image_create") info.image_id = t.objectId;
  else info.guest_id = t.objectId;
  if (t.kind === "guest_move") info.dest_host_id = t.destHostId;
  if (t.errorCode !== null) info.error = { code: t.errorCode };
  if (t.done && t.autoClean) clearTask(world, id);
  return { finish: t.done, task_info: info };
}

export function clearTask(world: World, id: string): void {
  task(world, id);
  world.state.tasks = world.state.tasks.filter((t) => t.id !== id);
  world.touched();
}

/** Registers the due transitions of tasks with the world's lazy clock. */
export function registerTasks(world: World, finishers: Record<TaskKind, Finisher>): void {
  world.dueSources.push(() => {
    let best: TaskState | null = null;
    let at = Infinity;
    for (const t of world.state.tasks) {
      const due = t.done ? (t.cleanAt ?? Infinity) : t.endsAt;
      if (due < at) {
        at = due;
        best = t;
      }
    }
    if (best === null) return null;
    const t = best;
    return {
      at,
      apply: () => {
        if (t.done) {
          world.state.tasks = world.state.tasks.filter((x) => x !== t);
          return;
        }
        t.done = true;
        t.cleanAt = t.autoClean ? t.endsAt + world.settings.taskLingerMs : null;
        finishers[t.kind](world, t, t.endsAt);
      },
    };
  });
}
