/**
 * HA pairs (R4–R6): one active and one different passive host per guest, ≥ 3 joined hosts.
 * Changing the hosts of a running guest moves it live (R13: it is never seen stopped).
 */
import { fail } from "./errors";
import { checkFits } from "./power";
import type { BoxState, GuestState, HaState } from "./state";
import type { World } from "./world";

/** R5: HA needs at least 3 hosts in the cluster. */
export const HA_MIN_HOSTS = 3;

export function requirePro(world: World, what: string): void {
  if (!world.settings.pro)
    fail(1001, "guest_id", `${what} needs Virtual Machine Manager Pro; install a Pro licence`);
}

/** Moves a running guest to another host without interruption (switchover / live migration). */
export function moveLive(
  world: World,
  g: GuestState,
  to: BoxState,
  reason: string,
  at: number = world.now(),
): void {
  world.place(g, to.id, reason, at);
  if (world.consuming(g)) world.power(g, g.status, reason, at);
}

function checkPair(world: World, g: GuestState, active: BoxState, passive: BoxState): void {
  const joined = world.joinedHosts().length;
  if (joined < HA_MIN_HOSTS) {
    fail(
      402,
      "guest_id",
      `HA needs at least ${HA_MIN_HOSTS} hosts in the cluster, it has ${joined} (R5); join more hosts first`,
      "R5",
    );
  }
  if (active === passive) {
    fail(
      401,
      "passive_host_id",
      `active and passive host are both '${active.hostName}'; an HA pair needs two different hosts (R6)`,
      "R6",
    );
  }
  if (g.status === "creating")
    fail(402, "guest_id", `guest '${g.name}' is still being created; wait for its create task`);
  for (const [b, param] of [
    [active, "active_host_id"],
    [passive, "passive_host_id"],
  ] as const) {
    if (b.status !== "online")
      fail(601, param, `host '${b.hostName}' is ${b.status}; both HA hosts must be online`);
  }
  if (world.consuming(g)) {
    checkFits(world, g, active, "active_host_id");
    checkFits(world, g, passive, "passive_host_id");
  }
}

/** R6: both hosts must be joined members of the guest's cluster. */
export function haHost(world: World, ref: string, param: string): BoxState {
  const b = world.state.boxes.find((x) => x.joined && (x.id === ref || x.hostName === ref));
  return (
    b ??
    fail(
      401,
      param,
      `'${ref}' is not a host of this cluster; both HA hosts must belong to the guest's cluster (R6)`,
      "R6",
    )
  );
}

function apply(world: World, g: GuestState, active: BoxState, reason: string): void {
  if (g.hostId === active.id) return;
  if (world.consuming(g)) moveLive(world, g, active, reason);
  else world.place(g, active.id, reason);
}

export function enableHa(world: World, g: GuestState, active: BoxState, passive: BoxState): void {
  requirePro(world, "HA");
  if (world.state.ha.some((p) => p.guestId === g.id)) {
    fail(
      403,
      "guest_id",
      `guest '${g.name}' has HA enabled already; change its hosts with SYNO.SynoVmmSim.HA set`,
    );
  }
  checkPair(world, g, active, passive);
  apply(world, g, active, "ha_enable");
  world.state.ha.push({
    guestId: g.id,
    activeHostId: active.id,
    passiveHostId: passive.id,
    status: "protected",
    rolesBy: "request",
    reservationFailed: false,
  });
  world.touched();
}

export function pairOf(world: World, g: GuestState): HaState {
  return (
    world.state.ha.find((p) => p.guestId === g.id) ??
    fail(401, "guest_id", `guest '${g.name}' has no HA pair; enable HA first`)
  );
}

/** Runs checks with the pair lifted, so its own reservation does not count against itself. */
function withoutPair<T>(world: World, pair: HaState, fn: () => T): T {
  world.state.ha = world.state.ha.filter((p) => p !== pair);
  try {
    return fn();
  } finally {
    world.state.ha.push(pair);
  }
}

export function setHa(world: World, g: GuestState, active: BoxState, passive: BoxState): void {
  const pair = pairOf(world, g);
  withoutPair(world, pair, () => checkPair(world, g, active, passive));
  apply(world, g, active, "switchover");
  pair.activeHostId = active.id;
  pair.passiveHostId = passive.id;
  pair.status = "protected";
  pair.rolesBy = "request";
  pair.reservationFailed = false;
  world.touched();
}

export function switchover(world: World, g: GuestState): void {
  const pair = pairOf(world, g);
  const active = world.hostById(pair.passiveHostId) as BoxState;
  const passive = world.hostById(pair.activeHostId) as BoxState;
  if (active.status !== "online")
    fail(
      601,
      "guest_id",
      `passive host '${active.hostName}' is ${active.status}; switchover needs it online`,
    );
  withoutPair(world, pair, () => {
    if (world.consuming(g)) checkFits(world, g, active, "guest_id");
  });
  apply(world, g, active, "switchover");
  pair.activeHostId = active.id;
  pair.passiveHostId = passive.id;
  pair.status = passive.status === "online" ? "protected" : "degraded";
  pair.rolesBy = "request";
  world.touched();
}

export function disableHa(world: World, g: GuestState): void {
  const pair = pairOf(world, g);
  world.state.ha = world.state.ha.filter((p) => p !== pair);
  world.touched();
}
