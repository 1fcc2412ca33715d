/**
 * Disk changes of an existing guest through the private `SYNO.SynoVmmSim.Guest.Disk` `set` ([ours],
 * simulator/API.md §4.6; no public source shows a documented way, ADR 019): grow a vdisk, or append
 * a new empty one. Shrinking is refused because VMM cannot shrink a vdisk without losing data. Both
 * work while the guest runs, as growing does online in VMM.
 *
 * `planDiskChanges` checks everything and returns the change to apply later, so a refusal of any
 * part changes nothing.
 */
import { fail } from "./errors";
import { requireCreated } from "./guest";
import type { GuestState } from "./state";
import type { World } from "./world";

export interface DiskGrow {
  vdiskId: string;
  sizeMb: number;
}

export interface DiskAdd {
  sizeMb: number;
  controller: number;
  unmap: boolean;
}

export interface DiskChangeRequest {
  grow: DiskGrow[];
  add: DiskAdd[];
}

/** Checks the changes against the guest and its storage; returns a function that applies them. */
export function planDiskChanges(world: World, g: GuestState, req: DiskChangeRequest): () => void {
  if (req.grow.length === 0 && req.add.length === 0) return () => undefined;
  const storage = world.findStorage(g.storageId);
  if (storage === undefined || !world.storageOnline(storage)) {
    fail(
      700,
      "vdisks",
      `guest '${g.name}': its storage is unavailable (host down), so its vdisks cannot change; retry when the host is back`,
    );
  }
  const seen = new Set<string>();
  const targets = req.grow.map((change, i) => {
    const disk = g.vdisks.find((d) => d.id === change.vdiskId);
    if (disk === undefined) {
      fail(
        401,
        "vdisks",
        `vdisks[${i}]: guest '${g.name}' has no vdisk '${change.vdiskId}'; read its vdisks with SYNO.Virtualization.API.Guest get additional=true`,
      );
    }
    if (seen.has(disk.id))
      fail(401, "vdisks", `vdisks[${i}]: vdisk '${disk.id}' is listed twice; list it once`);
    seen.add(disk.id);
    if (change.sizeMb < disk.sizeMb) {
      fail(
        401,
        "vdisks",
        `vdisks[${i}]: vdisk '${disk.id}' of guest '${g.name}' is ${disk.sizeMb} MB; shrinking to ${change.sizeMb} MB is refused (VMM cannot shrink a vdisk without losing data) — keep the size or add a new disk`,
      );
    }
    return { disk, sizeMb: change.sizeMb };
  });
  const host = world.hostById(storage.hostId);
  const luns = world.usage(storage.hostId).luns;
  if (host !== undefined && luns + req.add.length > host.lunLimit) {
    fail(
      404,
      "vdisks",
      `host '${host.hostName}' holds ${luns} of its ${host.lunLimit} iSCSI LUNs; ${req.add.length} more vdisk(s) do not fit — delete unused vdisks or guests on that host`,
    );
  }
  return () => {
    for (const t of targets) t.disk.sizeMb = t.sizeMb;
    for (const a of req.add) {
      g.vdisks.push({
        id: world.rng.uuid(),
        sizeMb: a.sizeMb,
        controller: a.controller,
        unmap: a.unmap,
        imageId: null,
      });
    }
    world.touched();
  };
}

/** Checks, then applies, the whole change (all or nothing); 402 while the guest is being created. */
export function changeDisks(world: World, g: GuestState, req: DiskChangeRequest): void {
  requireCreated(g);
  planDiskChanges(world, g, req)();
}
