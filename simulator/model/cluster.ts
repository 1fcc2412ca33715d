/** The virtualization cluster itself: name, cluster network (R7), reserved range (R8), domain. */
import { cidrContains, parseCidr, parseIpv4 } from "../../provider/net/ipv4";
import { fail } from "./errors";
import { requireCluster } from "./guards";
import { createNetwork, DEFAULT_NETWORK } from "./network";
import type { ClusterState } from "./state";
import type { World } from "./world";

export interface ClusterNetwork {
  subnet: string;
  reservedFrom: string;
  reservedTo: string;
}

/** R7/R8: a CIDR subnet and a reserved range inside it, from ≤ to. */
export function checkClusterNetwork(net: ClusterNetwork, param = "cluster_network"): void {
  const subnet = parseCidr(net.subnet);
  if (subnet === undefined)
    fail(401, param, `subnet '${net.subnet}' is not an IPv4 CIDR like 10.10.0.0/24 (R7)`, "R7");
  const from = parseIpv4(net.reservedFrom);
  const to = parseIpv4(net.reservedTo);
  if (from === undefined || to === undefined) {
    fail(
      401,
      param,
      `reserved range '${net.reservedFrom}'–'${net.reservedTo}' must be two IPv4 addresses (R8)`,
      "R8",
    );
  }
  if (!cidrContains(subnet, from) || !cidrContains(subnet, to) || from > to) {
    fail(
      401,
      param,
      `reserved range ${net.reservedFrom}–${net.reservedTo} must lie inside ${net.subnet} with from ≤ to (R8)`,
      "R8",
    );
  }
}

export function createCluster(
  world: World,
  name: string,
  net: ClusterNetwork,
  domain: string | null,
): ClusterState {
  if (world.state.cluster !== null) {
    fail(
      402,
      "cluster_name",
      `a cluster ('${world.state.cluster.name}') exists already; a box belongs to one cluster only`,
    );
  }
  if (name.trim() === "") fail(401, "cluster_name", "cluster_name must not be empty");
  checkClusterNetwork(net);
  const cluster: ClusterState = { id: world.rng.uuid(), name, ...net, domain };
  world.state.cluster = cluster;
  if (world.findNetwork(DEFAULT_NETWORK) === undefined) createNetwork(world, DEFAULT_NETWORK, null);
  world.touched();
  return cluster;
}

export function setCluster(
  world: World,
  changes: { name?: string; domain?: string; net?: ClusterNetwork },
): void {
  const cluster = requireCluster(world);
  if (changes.net !== undefined) {
    const same =
      changes.net.subnet === cluster.subnet &&
      changes.net.reservedFrom === cluster.reservedFrom &&
      changes.net.reservedTo === cluster.reservedTo;
    const joined = world.joinedHosts().length;
    if (!same && joined > 1) {
      fail(
        402,
        "cluster_network",
        `cannot change the cluster network: ${joined} hosts have joined and their static IPs are fixed once more than one host has joined (R8); rebuild the cluster to change it`,
        "R8",
      );
    }
    checkClusterNetwork(changes.net);
  }
  if (changes.name !== undefined && changes.name.trim() === "")
    fail(401, "cluster_name", "cluster_name must not be empty");
  if (changes.name !== undefined) cluster.name = changes.name;
  if (changes.domain !== undefined) cluster.domain = changes.domain === "" ? null : changes.domain;
  if (changes.net !== undefined) Object.assign(cluster, changes.net);
  world.touched();
}

export function deleteCluster(world: World): void {
  requireCluster(world);
  const joined = world.joinedHosts();
  if (joined.length > 0) {
    fail(
      402,
      "cluster",
      `${joined.length} host(s) still joined (${joined.map((b) => b.hostName).join(", ")}); make them leave first`,
    );
  }
  if (world.state.guests.length > 0) fail(402, "cluster", "guests still exist; delete them first");
  world.state.cluster = null;
  world.state.networks = [];
  world.state.images = [];
  world.touched();
}
