/** Builds the world at start (or on reset) from the options, or wires a restored one. */
import { formatIpv4, parseIpv4 } from "../../provider/net/ipv4";
import { seedState } from "../core/rng";
import type { BoxOptions, ClusterOptions } from "../types";
import { createCluster } from "./cluster";
import { registerBoots } from "./failover";
import { finishGuest } from "./guest";
import { joinHost } from "./host";
import { addReadyImage } from "./image";
import { finishMove } from "./migration";
import { createNetwork } from "./network";
import type { WorldState } from "./state";
import { registerTasks } from "./tasks";
import { World, type WorldSettings } from "./world";
import { finishImage } from "./image";

export interface WorldOptions {
  hosts: number;
  seed: string | number;
  bindBase: string;
  boxes: BoxOptions[];
  cluster: ClusterOptions | null;
  /** VM networks on every host, made before any cluster (as in VMM → Network). */
  networks: string[];
}

export function wireWorld(state: WorldState, settings: WorldSettings): World {
  const world = new World(state, settings);
  registerTasks(world, { guest_create: finishGuest, image_create: finishImage, guest_move: finishMove });
  registerBoots(world);
  return world;
}

export function buildWorld(opts: WorldOptions, settings: WorldSettings): World {
  const state: WorldState = {
    format: 1,
    cluster: null,
    boxes: [],
    storages: [],
    networks: [],
    images: [],
    guests: [],
    ha: [],
    tasks: [],
    rng: seedState(opts.seed),
  };
  const world = wireWorld(state, settings);
  for (let k = 1; k <= opts.hosts; k++) {
    const o = opts.boxes[k - 1] ?? {};
    state.boxes.push({
      index: k,
      id: world.rng.uuid(),
      name: o.name ?? `syno-${k}`,
      ip: `${opts.bindBase}.${k}`,
      cpuThreads: o.cpuThreads ?? 8,
      ramMb: o.ramMb ?? 16384,
      volumes: (o.volumes ?? [{ path: "/volume1", filesystem: "btrfs", sizeMb: 1048576 }]).map((v) => ({
        ...v,
      })),
      sha: o.sha ?? false,
      vmmVersion: o.vmmVersion ?? "2.7.0",
      lunLimit: o.lunLimit ?? 128,
      status: "online",
      joined: false,
      hostName: null,
      clusterIp: null,
      clusterVolumes: [],
    });
  }
  for (const name of opts.networks) createNetwork(world, name, null);
  const c = opts.cluster;
  if (c !== null) {
    createCluster(
      world,
      c.name,
      { subnet: c.subnet, reservedFrom: c.reservedFrom, reservedTo: c.reservedTo },
      c.domain ?? null,
    );
    const first = parseIpv4(c.reservedFrom) ?? 0;
    for (let i = 0; i < Math.min(c.joined, state.boxes.length); i++) {
      const box = state.boxes[i];
      // Pre-joined boxes skip the version check: a mixed-version start is how tests reach 501.
      const version = box.vmmVersion;
      box.vmmVersion = state.boxes[0].vmmVersion;
      joinHost(world, { box, hostName: box.name, clusterIp: formatIpv4(first + i), volumes: null });
      box.vmmVersion = version;
    }
    if (state.storages.length > 0) {
      addReadyImage(world, "ubuntu-22.04-cloud", "disk", [state.storages[0]]);
      addReadyImage(world, "ubuntu-22.04-live", "iso", [state.storages[0]]);
    }
  }
  world.version = 0;
  return world;
}
