/** SYNO.Virtualization.API.Task.Info — documented by Synology. */
import { clearTask, readTask } from "../../model/tasks";
import { read, type ApiDef } from "../types";

export const taskInfoApi: ApiDef = {
  name: "SYNO.Virtualization.API.Task.Info",
  path: "entry.cgi",
  requestFormat: "JSON",
  minVersion: 1,
  maxVersion: 1,
  listedIn: "both",
  session: true,
  methods: {
    list: read(({ world }) => ({ task_ids: world.state.tasks.map((t) => t.id) })),
    get: read(({ world, params }) => readTask(world, params.required("task_id"))),
    // Clearing a task record is bookkeeping, not a cluster change: allowed without quorum.
    clear: read(({ world, params }) => {
      clearTask(world, params.required("task_id"));
      return {};
    }),
  },
};
