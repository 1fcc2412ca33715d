/**
 * Checks every mutating call passes before it touches anything, whichever door it came through
 * (DSM API or control API): quorum (R2), version compatibility (501), an existing cluster (600).
 */
import { fail } from "./errors";
import type { World } from "./world";

/** R2: without a majority of joined hosts online, nothing may change. */
export function requireQuorum(world: World): void {
  if (!world.hasQuorum()) {
    const joined = world.joinedHosts();
    const down = joined.filter((b) => b.status !== "online").map((b) => b.hostName ?? b.name);
    fail(
      500,
      "cluster",
      `cluster frozen: ${down.length} of ${joined.length} hosts are down (${down.join(", ")}); ` +
        "more than half must be online before anything can change — bring a host back up",
      "R2",
    );
  }
}

/** 501: hosts with different VMM major.minor versions put the cluster in incompatible mode. */
export function requireCompatible(world: World): void {
  const versions = new Set(world.joinedHosts().map((b) => majorMinor(b.vmmVersion)));
  if (versions.size > 1) {
    fail(
      501,
      "cluster",
      `cluster in incompatible mode: hosts run VMM ${[...versions].join(" and ")}; upgrade every host to the same version`,
    );
  }
}

export function requireCluster(world: World, param = "cluster"): NonNullable<World["state"]["cluster"]> {
  return (
    world.state.cluster ??
    fail(
      600,
      param,
      "cluster not ready: no virtualization cluster exists yet; create one with SYNO.SynoVmmSim.Cluster create",
    )
  );
}

export function majorMinor(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

/** Guard of every mutating call. */
export function beforeMutation(world: World): void {
  requireQuorum(world);
  requireCompatible(world);
}
