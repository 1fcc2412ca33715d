/** SYNO.SynoVmmSim.Guest.Move `move` — our design (live migration, R13), private prefix (API.md §4). */
import { move } from "../../model/migration";
import { write, simulatorApi } from "../types";

export const guestMoveApi = simulatorApi("SYNO.SynoVmmSim.Guest.Move", {
  move: write(({ world, params }) => {
    const g = world.guest(params.required("guest_id"));
    const dest = world.host(params.required("dest_host_id"), "dest_host_id");
    const task = move(world, g, dest, params.bool("auto_clean_task", true));
    return { task_id: task.id };
  }),
});
