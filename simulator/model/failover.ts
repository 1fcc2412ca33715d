/**
 * What happens when a host goes down or comes back (R2, R6). A guest with HA whose active host
 * goes `malfunction` moves to the passive host with no interruption (switchover); one whose host
 * becomes `unreachable` restarts there (failover: inaccessible → booting → running). Without HA,
 * with the passive down, or without quorum, the guest is inaccessible until its host returns.
 */
import { moveLive } from "./ha";
import type { BoxState } from "./state";
import type { DownMode } from "../types";
import type { World } from "./world";

export function hostDown(world: World, box: BoxState, mode: DownMode): void {
  if (box.status === mode) return;
  if (box.status !== "online") {
    // Already down (e.g. malfunction, then unreachable): its guests were handled then.
    box.status = mode;
    world.touched();
    return;
  }
  const now = world.now();
  box.status = mode;
  const quorum = world.hasQuorum();
  for (const g of world.state.guests) {
    if (g.hostId !== box.id || !world.consuming(g)) continue;
    const pair = world.state.ha.find((p) => p.guestId === g.id);
    const passive = pair === undefined ? undefined : world.hostById(pair.passiveHostId);
    if (pair !== undefined && passive !== undefined && passive.status === "online" && quorum) {
      pair.activeHostId = passive.id;
      pair.passiveHostId = box.id;
      pair.rolesBy = "ha";
      if (mode === "malfunction") {
        pair.status = "switched_over";
        moveLive(world, g, passive, "switchover", now);
      } else {
        pair.status = "failed_over";
        world.power(g, "inaccessible", "host_down", now);
        world.place(g, passive.id, "failover", now);
        world.power(g, "booting", "failover", now);
        g.bootUntil = now + world.settings.failoverBootMs;
      }
    } else {
      g.statusBeforeDown = g.status === "booting" ? "running" : g.status;
      g.bootUntil = null;
      world.power(g, "inaccessible", "host_down", now);
    }
  }
  for (const p of world.state.ha)
    if (p.passiveHostId === box.id && p.status === "protected") p.status = "degraded";
  world.touched();
}

export function hostUp(world: World, box: BoxState): void {
  if (box.status === "online") return;
  box.status = "online";
  for (const g of world.state.guests) {
    if (g.hostId === box.id && g.status === "inaccessible") {
      world.power(g, g.statusBeforeDown ?? "running", "host_up");
      g.statusBeforeDown = null;
    }
  }
  for (const p of world.state.ha) {
    const other = world.hostById(p.passiveHostId === box.id ? p.activeHostId : p.passiveHostId);
    if (
      (p.passiveHostId === box.id || p.activeHostId === box.id) &&
      other?.status === "online" &&
      !p.reservationFailed
    ) {
      p.status = "protected";
    }
  }
  world.touched();
}

/** Registers the end of failover boots with the world's lazy clock. */
export function registerBoots(world: World): void {
  world.dueSources.push(() => {
    let at = Infinity;
    let guest = null;
    for (const g of world.state.guests) {
      if (g.bootUntil !== null && g.bootUntil < at) {
        at = g.bootUntil;
        guest = g;
      }
    }
    if (guest === null) return null;
    const g = guest;
    return {
      at,
      apply: () => {
        g.bootUntil = null;
        if (g.status === "booting") world.power(g, "running", "boot", at);
      },
    };
  });
}
