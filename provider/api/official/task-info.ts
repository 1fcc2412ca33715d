// SYNO.Virtualization.API.Task.Info: the tasks behind guest create, image create and move.

import type { Caller } from "../core/caller";
import { DsmError, dsmCodeError } from "../core/error";
import { POLL_DEFAULTS, PollOptions, pollUntil } from "../core/poll";
import { recordTaskProgress, typicalTaskMs } from "../core/task-estimate";
import { asObject, optBool, optNum, optStr, str } from "../core/shape";
import { describeCode } from "../core/codes";

export const TASK_API = "SYNO.Virtualization.API.Task.Info";

export interface TaskState {
  readonly id: string;
  readonly finished: boolean;
  /** 0–100. */
  readonly progress: number;
  /** DSM's status text, e.g. "running", "finish", "error". */
  readonly status: string;
  readonly guestId?: string;
  readonly imageId?: string;
  readonly destHostId?: string;
  /** DSM code when the task failed. */
  readonly errorCode?: number;
}

/** A task a write started, and the endpoint that started it (asked first about it). */
export interface StartedTask {
  readonly taskId: string;
  readonly origin?: string;
}

/** Aim the first poll a little past where tasks of this kind usually end. */
const PAST_TYPICAL = 1.1;

export interface WaitOptions extends PollOptions {
  /** Called whenever the task's progress changes. */
  readonly onProgress?: (progress: number, task: TaskState) => void;
  /** Names the object for messages: `a guest named "web-1"`. */
  readonly subject?: string;
}

export function parseTask(id: string, data: unknown): TaskState {
  const o = asObject(data ?? {}, "task data");
  const info = asObject(o.task_info ?? {}, "task_info");
  const error =
    info.error === undefined || info.error === null ? undefined : asObject(info.error, "task_info.error");
  const status = optStr(info, "status") ?? "";
  const errorCode = error
    ? optNum(error, "code")
    : status === "error" || status === "failed"
      ? 100
      : undefined;
  return {
    id,
    finished: optBool(o, "finish") ?? false,
    progress: optNum(info, "progress") ?? 0,
    status,
    guestId: optStr(info, "guest_id"),
    imageId: optStr(info, "image_id"),
    destHostId: optStr(info, "dest_host_id"),
    errorCode,
  };
}

export class TaskInfoApi {
  constructor(private readonly caller: Caller) {}

  async list(): Promise<string[]> {
    return this.caller.call({
      api: TASK_API,
      method: "list",
      safety: "read",
      parse: (data) => {
        const ids = asObject(data ?? {}, "task list").task_ids;
        return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string") : [];
      },
    });
  }

  async get(taskId: string, origin?: string): Promise<TaskState> {
    return this.onTask(taskId, origin, "get", "read", (data) => parseTask(taskId, data), `"${taskId}"`);
  }

  /** Removes a finished task's record (tasks are created with auto_clean_task=false so the result can be read). */
  async clear(taskId: string, origin?: string): Promise<void> {
    await this.onTask(taskId, origin, "clear", "idempotent", () => undefined);
  }

  /** One Task.Info call about one task, asked where the task was started (ADR 017). */
  private onTask<T>(
    taskId: string,
    origin: string | undefined,
    method: "get" | "clear",
    safety: "read" | "idempotent",
    parse: (data: unknown) => T,
    subject?: string,
  ): Promise<T> {
    return this.caller.call({
      api: TASK_API,
      method,
      params: { task_id: taskId },
      origin,
      safety,
      subject,
      parse,
    });
  }

  /**
   * Polls until the task finishes. Throws a DsmError of category `task` when it failed or vanished
   * (1000), and of category `timeout` at the deadline (the task keeps running on the cluster).
   */
  async wait(task: string | StartedTask, options: WaitOptions = {}): Promise<TaskState> {
    const { taskId, origin } = typeof task === "string" ? { taskId: task, origin: undefined } : task;
    // The task is work on the host that runs it: writes go elsewhere meanwhile (caller.ts workOn).
    return this.caller.busyWith(origin, this.waitOn(taskId, origin, options));
  }

  private async waitOn(taskId: string, origin: string | undefined, options: WaitOptions): Promise<TaskState> {
    const subject = options.subject ?? `task ${taskId}`;
    const timeoutMs = options.timeoutMs ?? this.caller.options.operationTimeoutMs;
    const typical = typicalTaskMs(taskId);
    const firstPollAfterMs =
      options.firstPollAfterMs ??
      (typical ? typical * PAST_TYPICAL : (options.initialIntervalMs ?? POLL_DEFAULTS.initialIntervalMs));
    const started = Date.now();
    let reported = -1;
    const state = await pollUntil(
      async () => {
        let task: TaskState;
        try {
          task = await this.get(taskId, origin);
        } catch (err) {
          if (err instanceof DsmError && err.is(1000)) throw this.vanished(err, taskId, subject);
          throw err;
        }
        if (task.progress !== reported) {
          reported = task.progress;
          options.onProgress?.(task.progress, task);
        }
        const failed = task.errorCode !== undefined;
        if (!task.finished && !failed) recordTaskProgress(taskId, Date.now() - started, task.progress);
        return { done: task.finished || failed, value: task, progress: task.progress };
      },
      { ...options, timeoutMs, firstPollAfterMs },
      (last) => this.timedOut(taskId, subject, timeoutMs, last),
    );
    if (state.errorCode !== undefined) throw this.failed(state, subject);
    // Best effort: a leftover record is harmless, a failed clear must not fail the operation.
    await this.clear(taskId, origin).catch(() => undefined);
    return state;
  }

  private vanished(err: DsmError, taskId: string, subject: string): DsmError {
    return new DsmError({
      category: "task",
      api: TASK_API,
      method: "get",
      endpoint: err.endpoint,
      code: 1000,
      meaning: "task not found",
      detail: `the task for ${subject} (${taskId}) vanished before it reported a result`,
      hint: describeCode(TASK_API, 1000).hint,
      params: { task_id: taskId },
      taskId,
    });
  }

  private failed(task: TaskState, subject: string): DsmError {
    const code = task.errorCode ?? 100;
    const base = dsmCodeError({ api: TASK_API, method: "get", endpoint: "", code, subject });
    return new DsmError({
      category: "task",
      api: TASK_API,
      method: "get",
      endpoint: this.caller.lastEndpoint,
      code,
      meaning: base.meaning,
      detail: `the task for ${subject} (${task.id}) failed at ${task.progress}%`,
      hint: base.hint,
      params: { task_id: task.id },
      taskId: task.id,
    });
  }

  private timedOut(taskId: string, subject: string, timeoutMs: number, last?: TaskState): DsmError {
    return new DsmError({
      category: "timeout",
      api: TASK_API,
      method: "get",
      endpoint: this.caller.lastEndpoint,
      meaning: "task did not finish in time",
      detail:
        `the task for ${subject} (${taskId}) was at ${last?.progress ?? 0}% after ${formatMs(timeoutMs)}; ` +
        "it keeps running on the cluster",
      hint: OPERATION_TIMEOUT_HINT,
      params: { task_id: taskId },
      taskId,
    });
  }
}

/** What to do when a task outlives its deadline: the object is recorded, so `up` finishes the job. */
export const OPERATION_TIMEOUT_HINT =
  "run 'pulumi up' again once the task is done (the object is recorded, the next run finishes it); " +
  "for slow imports raise the deadline: pulumi config set synovmm:operationTimeout 30m " +
  "(or SYNOVMM_OPERATION_TIMEOUT)";

/** Task id out of a `{task_id}` answer. */
export function parseTaskId(data: unknown): string {
  return str(asObject(data ?? {}, "task answer"), "task_id");
}

/** A `{task_id}` answer and the endpoint that gave it (CallSpec.parse's second argument). */
export function parseStartedTask(data: unknown, origin: string): StartedTask {
  return { taskId: parseTaskId(data), origin };
}

function formatMs(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
