/** SYNO.SynoVmmSim.Host — our design, under a private prefix no NAS lists (API.md §4). */
import { fail } from "../../model/errors";
import { joinHost, leaveHost, setHost } from "../../model/host";
import { jsonArray } from "../params";
import { internalHostView } from "../views";
import { read, write, simulatorApi } from "../types";

export const internalHostApi = simulatorApi("SYNO.SynoVmmSim.Host", {
  list: read(({ world, addressOf }) => ({
    hosts: world.state.boxes.map((b) => internalHostView(world, b, addressOf(b))),
  })),
  /** Where each guest runs (null until its first power-on, R11): the official guest has no host fields. */
  placement: read(({ world }) => ({
    placements: world.state.guests.map((g) => ({
      guest_id: g.id,
      host_id: g.hostId,
      host_name: world.hostById(g.hostId)?.hostName ?? null,
    })),
  })),
  get: read(({ world, params, addressOf }) => {
    const ref = params.either("host_id", "host_name");
    const b = world.state.boxes.find((x) => x.id === ref || (x.hostName ?? x.name) === ref);
    if (b === undefined)
      return fail(401, "host_id", `no host '${ref}'; list them with SYNO.SynoVmmSim.Host list`);
    return internalHostView(world, b, addressOf(b));
  }),
  join: write(({ world, params }) => {
    const box = world.findBox(params.required("box_address"));
    if (box === undefined)
      return fail(
        401,
        "box_address",
        `no box answers at '${params.str("box_address")}'; use a box_address from SYNO.SynoVmmSim.Host list`,
      );
    const vols = params.json("volumes");
    const joined = joinHost(world, {
      box,
      hostName: params.str("host_name") ?? box.name,
      clusterIp: params.required("cluster_ip"),
      volumes: vols === undefined ? null : jsonArray(vols, "volumes").map(String),
    });
    return { host_id: joined.id };
  }),
  leave: write(({ world, params }) => {
    leaveHost(world, world.host(params.required("host_id")));
    return {};
  }),
  set: write(({ world, params }) => {
    setHost(world, world.host(params.required("host_id")), {
      hostName: params.str("host_name"),
      clusterIp: params.str("cluster_ip"),
    });
    return {};
  }),
});
