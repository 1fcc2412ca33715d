// SYNO.SynoVmmSim.Guest.Move (the simulator's private API) `move`: live migration of a running guest, or
// re-placement of a stopped one (R13). Present only at the "managed" capability level.

import { SIM_GUEST_MOVE_API } from "../capabilities";
import type { Caller } from "../core/caller";
import { DsmError } from "../core/error";
import type { GuestApi } from "../official/guest";
import type { Guest } from "../official/guest-model";
import { StartedTask, TaskInfoApi, WaitOptions, parseStartedTask } from "../official/task-info";

export const GUEST_MOVE_API = SIM_GUEST_MOVE_API;

type Started = StartedTask | { readonly done: true };

export class GuestMoveApi {
  constructor(
    private readonly caller: Caller,
    private readonly guests: GuestApi,
    private readonly tasks: TaskInfoApi,
  ) {}

  /** Moves a guest to another host and waits for the task; returns the guest as read afterwards. */
  async move(id: string, destHostId: string, options: WaitOptions = {}): Promise<Guest> {
    const subject = `guest ${id} (to host ${destHostId})`;
    const started = await this.caller.call<Started>({
      api: GUEST_MOVE_API,
      method: "move",
      params: { guest_id: id, dest_host_id: destHostId, auto_clean_task: false },
      safety: "write",
      subject,
      parse: parseStartedTask,
      // After a lost answer: already there, or a move task for this guest and host is running.
      recheck: async () => {
        if ((await this.guests.get(id)).hostId === destHostId)
          return { applied: true, value: { done: true } };
        for (const taskId of await this.tasks.list()) {
          if (!taskId.includes("move")) continue;
          const task = await this.tasks.get(taskId).catch(() => undefined);
          if (task && task.guestId === id && task.destHostId === destHostId)
            return { applied: true, value: { taskId } };
        }
        return { applied: false };
      },
      appliedCodes: [401],
      unsupportedHint:
        "this cluster offers only the official VMM API, which cannot migrate: move the VM in Virtual Machine " +
        "Manager > Virtual Machine > Action > Migrate, then run pulumi refresh",
    });
    if ("taskId" in started) await this.tasks.wait(started, { ...options, subject });
    const guest = await this.guests.get(id);
    if (guest.hostId !== destHostId) {
      throw new DsmError({
        category: "task",
        api: GUEST_MOVE_API,
        method: "move",
        endpoint: this.caller.lastEndpoint,
        meaning: "move did not take effect",
        detail: `${subject} finished, but the guest runs on ${guest.hostId ?? "no host"}`,
        hint: "an HA failover may have moved it meanwhile; run pulumi refresh and check the VMM UI",
      });
    }
    return guest;
  }
}
