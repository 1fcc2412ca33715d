/** Cluster membership of boxes: join (R1, R8, R9), leave, rename / re-address (R8). */
import { cidrContains, parseCidr, parseIpv4 } from "../../provider/net/ipv4";
import { fail } from "./errors";
import { majorMinor, requireCluster } from "./guards";
import type { BoxState } from "./state";
import { addStorages, removeStorages } from "./storage";
import type { World } from "./world";

/** R1: VMM clusters take at most 7 hosts. */
export const MAX_HOSTS = 7;

export interface JoinRequest {
  box: BoxState;
  hostName: string;
  clusterIp: string;
  /** Volume paths to give the cluster; null = every btrfs volume. */
  volumes: string[] | null;
}

/** R8: inside the reserved range and not used by another host. */
function checkClusterIp(world: World, ip: string, self: BoxState | null): void {
  const cluster = requireCluster(world);
  const n = parseIpv4(ip);
  if (n === undefined) fail(401, "cluster_ip", `cluster_ip '${ip}' is not an IPv4 address`);
  const from = parseIpv4(cluster.reservedFrom) ?? 0;
  const to = parseIpv4(cluster.reservedTo) ?? 0;
  const subnet = parseCidr(cluster.subnet);
  if (n < from || n > to || subnet === undefined || !cidrContains(subnet, n)) {
    fail(
      401,
      "cluster_ip",
      `cluster_ip ${ip} is outside the reserved range ${cluster.reservedFrom}–${cluster.reservedTo} of the cluster network (R8); pick an address in that range`,
      "R8",
    );
  }
  const other = world.joinedHosts().find((b) => b !== self && b.clusterIp === ip);
  if (other !== undefined)
    fail(
      403,
      "cluster_ip",
      `cluster_ip ${ip} is already used by host '${other.hostName}'; pick a free address`,
    );
}

function checkHostName(world: World, name: string, self: BoxState | null): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(name)) {
    fail(
      401,
      "host_name",
      `host_name '${name}' must be 1–63 letters, digits or '-', starting with a letter or digit`,
    );
  }
  const other = world.joinedHosts().find((b) => b !== self && b.hostName === name);
  if (other !== undefined)
    fail(403, "host_name", `host_name '${name}' is already used by host ${other.id}; pick another name`);
}

export function joinHost(world: World, req: JoinRequest): BoxState {
  const cluster = requireCluster(world);
  const { box } = req;
  if (box.joined) fail(403, "box_address", `box ${box.ip} has already joined as host '${box.hostName}'`);
  if (box.status !== "online")
    fail(601, "box_address", `box ${box.ip} is ${box.status}; bring it online before it joins`);
  const joined = world.joinedHosts();
  if (joined.length >= MAX_HOSTS) {
    fail(
      402,
      "box_address",
      `cluster '${cluster.name}' already has ${joined.length} hosts; a cluster has at most ${MAX_HOSTS} (R1)`,
      "R1",
    );
  }
  checkHostName(world, req.hostName, null);
  checkClusterIp(world, req.clusterIp, null);
  const paths = req.volumes ?? box.volumes.filter((v) => v.filesystem === "btrfs").map((v) => v.path);
  for (const p of paths) {
    if (!box.volumes.some((v) => v.path === p)) {
      fail(
        401,
        "volumes",
        `box ${box.ip} has no volume '${p}' (it has ${box.volumes.map((v) => v.path).join(", ")})`,
      );
    }
  }
  const btrfs = paths.filter((p) => box.volumes.find((v) => v.path === p)?.filesystem === "btrfs");
  if (btrfs.length === 0) {
    fail(
      700,
      "volumes",
      `box ${box.ip} would join without a Btrfs volume (given: ${paths.join(", ") || "none"}); every host needs at least one Btrfs volume for VM storage (R9) — create one in Storage Manager or list it in volumes`,
      "R9",
    );
  }
  if (joined.length > 0 && majorMinor(joined[0].vmmVersion) !== majorMinor(box.vmmVersion)) {
    fail(
      501,
      "box_address",
      `box ${box.ip} runs VMM ${box.vmmVersion} but the cluster runs ${joined[0].vmmVersion}; upgrade it first`,
    );
  }
  box.joined = true;
  box.hostName = req.hostName;
  box.clusterIp = req.clusterIp;
  box.clusterVolumes = paths;
  addStorages(world, box);
  world.touched();
  return box;
}

export function leaveHost(world: World, box: BoxState): void {
  const placed = world.state.guests.filter((g) => g.hostId === box.id);
  if (placed.length > 0) {
    fail(
      402,
      "host_id",
      `host '${box.hostName}' still holds guest(s) ${placed.map((g) => g.name).join(", ")}; move or delete them first`,
    );
  }
  const storageIds = new Set(world.state.storages.filter((s) => s.hostId === box.id).map((s) => s.id));
  const stored = world.state.guests.filter((g) => storageIds.has(g.storageId));
  if (stored.length > 0) {
    fail(
      402,
      "host_id",
      `guest(s) ${stored.map((g) => g.name).join(", ")} keep their disks on host '${box.hostName}'; delete them first`,
    );
  }
  const ha = world.state.ha.filter((p) => p.activeHostId === box.id || p.passiveHostId === box.id);
  if (ha.length > 0) {
    fail(
      402,
      "host_id",
      `host '${box.hostName}' is used by the HA pair(s) of ${ha.map((p) => world.findGuest(p.guestId)?.name).join(", ")}; disable or move HA first`,
    );
  }
  removeStorages(world, box);
  for (const img of world.state.images) img.storageIds = img.storageIds.filter((id) => !storageIds.has(id));
  for (const net of world.state.networks)
    if (net.hostIds !== null) net.hostIds = net.hostIds.filter((id) => id !== box.id);
  box.joined = false;
  box.hostName = null;
  box.clusterIp = null;
  box.clusterVolumes = [];
  world.touched();
}

export function setHost(
  world: World,
  box: BoxState,
  changes: { hostName?: string; clusterIp?: string },
): void {
  if (changes.clusterIp !== undefined && changes.clusterIp !== box.clusterIp) {
    const joined = world.joinedHosts().length;
    if (joined > 1) {
      fail(
        402,
        "cluster_ip",
        `cannot change the static cluster IP of host '${box.hostName}' (${box.clusterIp} → ${changes.clusterIp}): ${joined} hosts have joined, and once more than one host has joined a host's static IP settings are fixed (R8); make the host leave and re-join instead`,
        "R8",
      );
    }
    checkClusterIp(world, changes.clusterIp, box);
  }
  if (changes.hostName !== undefined) checkHostName(world, changes.hostName, box);
  if (changes.hostName !== undefined) box.hostName = changes.hostName;
  if (changes.clusterIp !== undefined) box.clusterIp = changes.clusterIp;
  world.touched();
}
