/** SYNO.Virtualization.API.Task.Info — documented by Synology. */
import { clearTask, readTask } from "../../model/tasks";
import { read, officialApi } from "../types";

export const taskInfoApi = officialApi("SYNO.Virtualization.API.Task.Info", {
  list: read(({ world }) => ({ task_ids: world.state.tasks.map((t) => t.id) })),
  get: read(({ world, params }) => readTask(world, params.required("task_id"))),
  // Clearing a task record is bookkeeping, not a cluster change: allowed without quorum.
  clear: read(({ world, params }) => {
    clearTask(world, params.required("task_id"));
    return {};
  }),
});
