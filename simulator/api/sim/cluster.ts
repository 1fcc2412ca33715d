/** SYNO.SynoVmmSim.Cluster — our design, under a private prefix no NAS lists (API.md §4). */
import { createCluster, deleteCluster, setCluster, type ClusterNetwork } from "../../model/cluster";
import { fail } from "../../model/errors";
import { isRecord, optStr, type Params } from "../params";
import { read, write, simulatorApi } from "../types";

function networkParam(params: Params): ClusterNetwork | undefined {
  const v = params.json("cluster_network");
  if (v === undefined) return undefined;
  if (!isRecord(v))
    return fail(
      401,
      "cluster_network",
      "cluster_network must be a JSON object {subnet, reserved_from, reserved_to} (R7)",
      "R7",
    );
  const subnet = optStr(v, "subnet");
  const reservedFrom = optStr(v, "reserved_from");
  const reservedTo = optStr(v, "reserved_to");
  if (subnet === undefined || reservedFrom === undefined || reservedTo === undefined) {
    return fail(
      401,
      "cluster_network",
      "cluster_network needs subnet, reserved_from and reserved_to (R7, R8)",
      "R7",
    );
  }
  return { subnet, reservedFrom, reservedTo };
}

export const clusterApi = simulatorApi("SYNO.SynoVmmSim.Cluster", {
  get: read(({ world }) => {
    const c = world.state.cluster;
    const joined = world.joinedHosts();
    return {
      cluster_id: c?.id ?? null,
      cluster_name: c?.name ?? null,
      cluster_status: world.clusterStatus(),
      cluster_network:
        c === null ? null : { subnet: c.subnet, reserved_from: c.reservedFrom, reserved_to: c.reservedTo },
      domain: c?.domain ?? null,
      host_count: joined.length,
      online_host_count: joined.filter((b) => b.status === "online").length,
      quorum: world.hasQuorum(),
    };
  }),
  create: write(({ world, params }) => {
    const name = params.required("cluster_name");
    const net =
      networkParam(params) ??
      fail(
        114,
        "cluster_network",
        "missing required parameter 'cluster_network' (R7: a cluster needs a dedicated network)",
        "R7",
      );
    const c = createCluster(world, name, net, params.str("domain") ?? null);
    return { cluster_id: c.id };
  }),
  set: write(({ world, params }) => {
    setCluster(world, {
      name: params.str("cluster_name"),
      domain: params.str("domain"),
      net: networkParam(params),
    });
    return {};
  }),
  delete: write(({ world }) => {
    deleteCluster(world);
    return {};
  }),
});
