// SYNO.Virtualization.API.Guest: list, read, create (a task), edit and delete VMs.

import type { Caller } from "../core/caller";
import { DsmError } from "../core/error";
import { pollUntil } from "../core/poll";
import { asObject, objects } from "../core/shape";
import { Guest, GuestCreateInput, GuestPatch, createParams, guestFromDsm, patchParams } from "./guest-model";
import { markCreated } from "../core/unfinished";
import { OPERATION_TIMEOUT_HINT, StartedTask, TaskInfoApi, WaitOptions, parseStartedTask } from "./task-info";
import type { PlacementApi, PlacementMap } from "../real/placement";

export const GUEST_API = "SYNO.Virtualization.API.Guest";

export interface ReadOptions {
  /** Include disks and NICs (DSM's `additional=true`). */
  readonly details?: boolean;
  /**
   * The guest was just made by our own create and never powered on: R11 places a guest at its first
   * power-on, so it runs nowhere yet and its placement is not read (one request less per create).
   */
  readonly neverPoweredOn?: boolean;
  /** Read where it runs (default); false when only its settings matter (one request less). */
  readonly placement?: boolean;
}

type Started = StartedTask | { readonly guestId: string };

function placed(guest: Guest, where: PlacementMap | undefined): Guest {
  const p = where?.get(guest.id);
  return p === undefined ? guest : { ...guest, hostId: p.hostId, hostName: p.hostName };
}

export class GuestApi {
  constructor(
    private readonly caller: Caller,
    private readonly tasks: TaskInfoApi,
    /** Where guests run: the official guest object does not say (see ../placement.ts). */
    private readonly placement?: PlacementApi,
  ) {}

  async list(options: ReadOptions = {}): Promise<Guest[]> {
    const [guests, where] = await Promise.all([
      this.caller.call({
        api: GUEST_API,
        method: "list",
        params: { additional: options.details === true },
        safety: "read",
        parse: (data) => objects(asObject(data ?? {}, "guest list"), "guests").map(guestFromDsm),
      }),
      this.placement?.all(),
    ]);
    return guests.map((g) => placed(g, where));
  }

  async get(id: string, options: ReadOptions = {}): Promise<Guest> {
    const [guest, where] = await Promise.all([
      this.caller.call({
        api: GUEST_API,
        method: "get",
        params: { guest_id: id, additional: options.details === true },
        safety: "read",
        subject: `guest ${id}`,
        parse: (data) => guestFromDsm(asObject(data, "guest")),
      }),
      options.neverPoweredOn || options.placement === false ? undefined : this.placement?.all(),
    ]);
    return placed(guest, where);
  }

  /** The guest of that name, or undefined (names are unique in VMM). */
  async findByName(name: string, options: ReadOptions = {}): Promise<Guest | undefined> {
    return (await this.list(options)).find((g) => g.name === name);
  }

  /**
   * Creates a guest and waits for its creation task. If the answer to the create call is lost, the
   * client looks the name up before sending it again, so no duplicate VM is ever made.
   */
  async create(input: GuestCreateInput, options: WaitOptions = {}): Promise<Guest> {
    const subject = `a guest named "${input.name}"`;
    const started = await this.caller.call<Started>({
      api: GUEST_API,
      method: "create",
      params: createParams(input),
      safety: "write",
      subject,
      parse: parseStartedTask,
      recheck: async () => {
        const found = await this.findByName(input.name);
        return found ? { applied: true, value: { guestId: found.id } } : { applied: false };
      },
      appliedCodes: [403],
    });
    try {
      return await this.finishCreate(started, input.name, subject, options);
    } catch (err) {
      // The create was accepted: whatever failed after, the guest may exist. Say so with its id,
      // or the caller would leave it behind as an object nobody manages.
      if (!(err instanceof Error)) throw err;
      const id = "guestId" in started ? started.guestId : await this.idOfNamed(input.name);
      throw id === undefined ? err : markCreated(err, id);
    }
  }

  private async finishCreate(
    started: Started,
    name: string,
    subject: string,
    options: WaitOptions,
  ): Promise<Guest> {
    const timeoutMs = options.timeoutMs ?? this.caller.options.operationTimeoutMs;
    let guestId: string | undefined;
    const madeByThisCall = "taskId" in started;
    if (madeByThisCall) {
      guestId = (await this.tasks.wait(started, { ...options, timeoutMs, subject })).guestId;
      guestId ??= (await this.findByName(name))?.id;
    } else {
      guestId = started.guestId;
    }
    if (!guestId) {
      throw new DsmError({
        category: "protocol",
        api: GUEST_API,
        method: "create",
        endpoint: this.caller.lastEndpoint,
        meaning: "unexpected answer",
        detail: `the create task for ${subject} finished, but no guest of that name exists`,
        hint: "check the VMM UI and its log; then run again",
      });
    }
    // An adopted guest (lost answer) may still be creating: wait for it like a task.
    const id = guestId;
    return pollUntil(
      async () => {
        // An adopted guest (lost answer) may have been powered on meanwhile: read where it runs.
        const guest = await this.get(id, { details: true, neverPoweredOn: madeByThisCall });
        return { done: guest.status !== "creating", value: guest };
      },
      { ...options, timeoutMs },
      () =>
        new DsmError({
          category: "timeout",
          api: GUEST_API,
          method: "get",
          endpoint: this.caller.lastEndpoint,
          meaning: "guest still creating",
          detail: `${subject} (${id}) was still creating at the deadline; it keeps going on the cluster`,
          hint: OPERATION_TIMEOUT_HINT,
        }),
    );
  }

  /** Best effort: the id of the guest of that name, or undefined (also when the lookup fails). */
  private async idOfNamed(name: string): Promise<string | undefined> {
    return (await this.findByName(name).catch(() => undefined))?.id;
  }

  /**
   * Edits a guest with the documented `Guest set` (name, description, autorun, vCPUs, memory);
   * repeating it is harmless (same values). CPU/RAM changes need the VM stopped.
   */
  async set(id: string, patch: GuestPatch): Promise<void> {
    await this.caller.call({
      api: GUEST_API,
      method: "set",
      params: { guest_id: id, ...patchParams(patch) },
      safety: "idempotent",
      subject: `guest ${id}`,
      parse: () => undefined,
    });
  }

  async delete(id: string): Promise<void> {
    await this.caller.call({
      api: GUEST_API,
      method: "delete",
      params: { guest_id: id },
      safety: "write",
      subject: `guest ${id}`,
      parse: () => undefined,
      // Re-sent after a lost answer, "unknown guest" (401) means the first send deleted it.
      recheck: async () =>
        (await this.list()).some((g) => g.id === id)
          ? { applied: false }
          : { applied: true, value: undefined },
      appliedCodes: [401],
    });
  }
}
