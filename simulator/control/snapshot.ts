/** The plain JSON view of the whole world that tests and demos assert on (`GET /sim/state`). */
import { storageUsedMb } from "../model/storage";
import { progress } from "../model/tasks";
import type { BoxState } from "../model/state";
import type { World } from "../model/world";
import type { WorldSnapshot } from "../types";

export function snapshot(world: World, addressOf: (b: BoxState) => string): WorldSnapshot {
  world.advance();
  const s = world.state;
  const c = s.cluster;
  return {
    cluster: {
      id: c?.id ?? null,
      name: c?.name ?? null,
      status: world.clusterStatus(),
      subnet: c?.subnet ?? null,
      reservedFrom: c?.reservedFrom ?? null,
      reservedTo: c?.reservedTo ?? null,
      domain: c?.domain ?? null,
      quorum: world.hasQuorum(),
    },
    hosts: s.boxes.map((b) => {
      const used = world.usage(b.id);
      return {
        hostId: b.id,
        boxIndex: b.index,
        boxName: b.name,
        boxAddress: addressOf(b),
        hostName: b.hostName,
        clusterIp: b.clusterIp,
        joined: b.joined,
        status: b.status,
        sha: b.sha,
        cpuThreads: b.cpuThreads,
        ramMb: b.ramMb,
        freeCpuThreads: b.cpuThreads - used.threads,
        freeRamMb: b.ramMb - used.ramMb,
        vmmVersion: b.vmmVersion,
        volumes: b.volumes.map((v) => {
          const st = s.storages.find((x) => x.hostId === b.id && x.volumePath === v.path);
          return {
            ...v,
            usedMb: st === undefined ? 0 : storageUsedMb(world, st),
            inCluster: b.clusterVolumes.includes(v.path),
          };
        }),
      };
    }),
    storages: s.storages.map((st) => ({
      storageId: st.id,
      name: world.storageName(st),
      hostId: st.hostId,
      volumePath: st.volumePath,
      status: world.storageOnline(st) ? "online" : "unavailable",
    })),
    networks: s.networks.map((n) => ({
      networkId: n.id,
      name: n.name,
      hostIds: n.hostIds === null ? null : [...n.hostIds],
    })),
    images: s.images.map((i) => ({
      imageId: i.id,
      name: i.name,
      type: i.type,
      storageIds: [...i.storageIds],
      ready: i.ready,
      owner: i.owner ?? null,
    })),
    guests: s.guests.map((g) => ({
      guestId: g.id,
      name: g.name,
      status: g.status,
      hostId: g.hostId,
      storageId: g.storageId,
      vcpuNum: g.vcpuNum,
      vramSizeMb: g.vramSizeMb,
      autorun: g.autorun,
      description: g.description,
      powerHistory: g.powerHistory.map((e) => ({ ...e })),
      hostHistory: g.hostHistory.map((e) => ({ ...e })),
    })),
    haPairs: s.ha.map((p) => ({
      guestId: p.guestId,
      activeHostId: p.activeHostId,
      passiveHostId: p.passiveHostId,
      status: p.status,
    })),
    tasks: s.tasks.map((t) => ({
      taskId: t.id,
      kind: t.kind,
      progress: progress(world, t),
      finished: t.done,
      objectId: t.objectId,
    })),
  };
}
