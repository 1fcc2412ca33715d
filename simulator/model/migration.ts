/**
 * `Guest.Action move`: live migration of a running guest (R13: it stays `running` during the
 * whole task and never appears stopped) or re-placement of a stopped one; the host changes when
 * the task finishes.
 */
import { fail } from "./errors";
import { moveLive, requirePro } from "./ha";
import { checkFits } from "./power";
import type { BoxState, GuestState, TaskState } from "./state";
import { createTask } from "./tasks";
import type { World } from "./world";

export function move(world: World, g: GuestState, dest: BoxState, autoClean: boolean): TaskState {
  if (g.status === "creating")
    fail(402, "guest_id", `guest '${g.name}' is still being created; wait for its create task`);
  if (world.state.ha.some((p) => p.guestId === g.id)) {
    fail(
      402,
      "guest_id",
      `guest '${g.name}' has HA enabled; change its active host with SYNO.SynoVmmSim.HA set (R6)`,
      "R6",
    );
  }
  if (g.hostId === null)
    fail(
      901,
      "guest_id",
      `guest '${g.name}' has no host yet (never powered on, R11); power it on with host_id instead`,
      "R11",
    );
  if (g.hostId === dest.id)
    fail(401, "dest_host_id", `guest '${g.name}' is already on host '${dest.hostName}'`);
  if (world.state.tasks.some((t) => t.kind === "guest_move" && !t.done && t.objectId === g.id)) {
    fail(402, "guest_id", `guest '${g.name}' is already moving; wait for that task`);
  }
  if (g.status === "inaccessible") fail(601, "guest_id", `guest '${g.name}' is on a host that is down`);
  if (world.consuming(g)) {
    requirePro(world, "live migration");
    checkFits(world, g, dest, "dest_host_id");
  } else if (dest.status !== "online") {
    fail(601, "dest_host_id", `host '${dest.hostName}' is ${dest.status}; pick an online host`);
  }
  return createTask(world, "guest_move", g.id, autoClean, dest.id);
}

export function finishMove(world: World, task: TaskState, at: number): void {
  const g = world.findGuest(task.objectId);
  const dest = world.hostById(task.destHostId);
  if (g === undefined || dest === undefined) {
    task.errorCode = 401;
    return;
  }
  if (dest.status !== "online" || !dest.joined) {
    // The destination went away mid-move: the guest stays where it was, still running.
    task.errorCode = 601;
    return;
  }
  if (world.consuming(g)) moveLive(world, g, dest, "migrate", at);
  else world.place(g, dest.id, "move", at);
}
