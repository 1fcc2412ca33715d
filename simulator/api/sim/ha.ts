/** SYNO.SynoVmmSim.HA — our design, under a private prefix no NAS lists (API.md §4). */
import { disableHa, enableHa, haHost, setHa, switchover } from "../../model/ha";
import type { CallContext } from "../types";
import { haView } from "../views";
import { read, write, simulatorApi } from "../types";

function pairParams({ world, params }: CallContext) {
  const g = world.guest(params.required("guest_id"));
  const active = haHost(world, params.required("active_host_id"), "active_host_id");
  const passive = haHost(world, params.required("passive_host_id"), "passive_host_id");
  return { g, active, passive };
}

export const haApi = simulatorApi("SYNO.SynoVmmSim.HA", {
  list: read(({ world }) => ({ ha_pairs: world.state.ha.map((p) => haView(world, p)) })),
  enable: write((ctx) => {
    const { g, active, passive } = pairParams(ctx);
    enableHa(ctx.world, g, active, passive);
    return {};
  }),
  set: write((ctx) => {
    const { g, active, passive } = pairParams(ctx);
    setHa(ctx.world, g, active, passive);
    return {};
  }),
  switchover: write(({ world, params }) => {
    switchover(world, world.guest(params.required("guest_id")));
    return {};
  }),
  disable: write(({ world, params }) => {
    disableHa(world, world.guest(params.required("guest_id")));
    return {};
  }),
});
