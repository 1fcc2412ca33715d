/**
 * The in-process control handle (`sim.control`). Direct creations go through the same model
 * functions as the DSM API, so the rules (R1, R2, R5, R6, R8, R9, …) hold for them too.
 */
import { createCluster } from "../model/cluster";
import { fail } from "../model/errors";
import { hostDown, hostUp } from "../model/failover";
import { beforeMutation } from "../model/guards";
import { addReadyGuest } from "../model/guest";
import { disableHa, enableHa } from "../model/ha";
import { joinHost } from "../model/host";
import { addReadyImage } from "../model/image";
import { createNetwork } from "../model/network";
import { powerOff, powerOn } from "../model/power";
import type { ImageType, StorageState } from "../model/state";
import type { SimCore } from "../service/core";
import type { BoxRef, DirectGuest, DirectJoin, SimulatorControl } from "../types";
import { snapshot } from "./snapshot";

export interface Runtime {
  core: SimCore;
  /** Close (unreachable) or reopen a box's listener. */
  setListening(boxIndex: number, on: boolean): Promise<void>;
  /** Rebuild the world from the start options and reopen every listener. */
  rebuild(): Promise<void>;
}

export function makeControl(rt: Runtime): SimulatorControl {
  const w = () => rt.core.world;
  const mutate = <T>(fn: () => T): T => {
    w().advance();
    beforeMutation(w());
    return fn();
  };
  const storage = (ref: string | undefined): StorageState =>
    ref === undefined
      ? (w().state.storages[0] ?? fail(700, "storage", "no storage: join a host first"))
      : (w().findStorage(ref) ?? fail(700, "storage", `no storage '${ref}'`));
  const hostOf = (ref: BoxRef) => {
    const b = w().box(ref, "host");
    if (!b.joined) fail(401, "host", `box '${b.name}' has not joined the cluster`);
    return b;
  };

  return {
    async hostDown(ref, mode) {
      if (mode !== "unreachable" && mode !== "malfunction")
        throw new Error(`mode must be unreachable or malfunction, got '${String(mode)}'`);
      const box = w().box(ref);
      w().advance();
      hostDown(w(), box, mode);
      rt.core.emit(`control: box ${box.index} (${box.name}) is now ${mode}`);
      await rt.setListening(box.index, mode !== "unreachable");
    },
    async hostUp(ref) {
      const box = w().box(ref);
      w().advance();
      hostUp(w(), box);
      rt.core.emit(`control: box ${box.index} (${box.name}) is online`);
      await rt.setListening(box.index, true);
    },
    addFault: (rule) => rt.core.faults.add(rule),
    removeFault: (id) => rt.core.faults.remove(id),
    listFaults: () => rt.core.faults.list(),
    clearFaults: () => rt.core.faults.clear(),
    setDelay: (rule) => rt.core.faults.setDelay(rule),
    clearDelays: () => rt.core.faults.clearDelays(),
    requestLog: () => rt.core.log.list(),
    clearLog: () => rt.core.log.clear(),
    inFlight: () => rt.core.log.inFlight(),
    snapshot: () => snapshot(w(), rt.core.addressOf),
    async reset() {
      rt.core.sessions.clear();
      rt.core.faults.clear();
      rt.core.faults.clearDelays();
      rt.core.log.clear();
      await rt.rebuild();
    },
    createCluster: (c) =>
      mutate(
        () =>
          createCluster(
            w(),
            c.name,
            { subnet: c.subnet, reservedFrom: c.reservedFrom, reservedTo: c.reservedTo },
            c.domain ?? null,
          ).id,
      ),
    joinHost: (j: DirectJoin) =>
      mutate(() => {
        const box = w().box(j.box);
        const cluster = w().state.cluster ?? fail(600, "cluster", "create a cluster first");
        let ip = j.clusterIp;
        if (ip === undefined) {
          // First free address of the reserved range.
          const used = new Set(
            w()
              .joinedHosts()
              .map((b) => b.clusterIp),
          );
          const [a, b, c, d] = cluster.reservedFrom.split(".").map(Number);
          for (let i = 0; ip === undefined && i < 256; i++) {
            const candidate = `${a}.${b}.${c}.${d + i}`;
            if (!used.has(candidate)) ip = candidate;
          }
        }
        return joinHost(w(), {
          box,
          hostName: j.hostName ?? box.name,
          clusterIp: ip ?? "",
          volumes: j.volumes ?? null,
        }).id;
      }),
    createGuest: (g: DirectGuest) =>
      mutate(() => {
        const net = g.network === undefined ? w().state.networks[0] : w().findNetwork(g.network);
        if (g.network !== undefined && net === undefined) fail(401, "network", `no network '${g.network}'`);
        if (g.vdiskController !== undefined && ![1, 2, 3].includes(g.vdiskController))
          fail(401, "vdiskController", "vdiskController must be 1 (VirtIO), 2 (IDE) or 3 (SATA)");
        if (g.nicModel !== undefined && ![1, 2, 3].includes(g.nicModel))
          fail(401, "nicModel", "nicModel must be 1 (VirtIO), 2 (e1000) or 3 (RTL8139)");
        if (g.bootFirmware !== undefined && g.bootFirmware !== "bios" && g.bootFirmware !== "uefi")
          fail(401, "bootFirmware", "bootFirmware must be bios or uefi");
        const guest = addReadyGuest(w(), {
          name: g.name,
          storage: storage(g.storage),
          vdisks: (g.vdiskSizesMb ?? [10240]).map((sizeMb) => ({
            sizeMb,
            image: null,
            controller: g.vdiskController ?? 1,
            unmap: false,
          })),
          vnics: [{ network: net ?? null, mac: null, model: g.nicModel ?? 1 }],
          vcpuNum: g.vcpuNum ?? 1,
          vramSizeMb: g.vramSizeMb ?? 1024,
          autorun: g.autorun ?? 0,
          description: g.description ?? "",
          firmware: g.bootFirmware ?? "bios",
          reservedThreads: g.cpuReservedThreads ?? 0,
        });
        if (g.host !== undefined && g.running !== true) w().place(guest, hostOf(g.host).id, "direct");
        if (g.running === true) powerOn(w(), guest, g.host === undefined ? null : hostOf(g.host));
        return guest.id;
      }),
    createImage: (i) =>
      mutate(() => {
        const storages =
          i.storages === undefined ? w().state.storages.slice(0, 1) : i.storages.map((s) => storage(s));
        return addReadyImage(w(), i.name, (i.type ?? "disk") as ImageType, storages).id;
      }),
    createNetwork: (n) =>
      mutate(
        () => createNetwork(w(), n.name, n.hosts === undefined ? null : n.hosts.map((h) => hostOf(h).id)).id,
      ),
    enableHa: (h) => mutate(() => enableHa(w(), w().guest(h.guest), hostOf(h.active), hostOf(h.passive))),
    disableHa: (guest) => mutate(() => disableHa(w(), w().guest(guest))),
    setGuestPower: (guest, on, host) =>
      mutate(() => {
        const g = w().guest(guest);
        if (on) powerOn(w(), g, host === undefined ? null : hostOf(host));
        else powerOff(w(), g, "poweroff");
      }),
  };
}
