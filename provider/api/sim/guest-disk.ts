// SYNO.SynoVmmSim.Guest.Disk (the simulator's private API) `set`: grow a guest's disks and add new
// empty ones. No public source shows a way to do either through Synology's official API (ADR 019),
// so this exists only at the "managed" capability level; at the official level the preview refuses
// such a change and says how to do it in Virtual Machine Manager.

import { SIM_GUEST_DISK_API } from "../capabilities";
import type { Caller } from "../core/caller";
import { mibToDsmMb } from "../units";

export const GUEST_DISK_API = SIM_GUEST_DISK_API;

/** Disk changes of an existing guest: grow disks by id, append new empty ones. */
export interface DiskChanges {
  readonly grow?: readonly { readonly id: string; readonly sizeMiB: number }[];
  readonly addMiB?: readonly number[];
}

/** The private wire shape: `{vdisk_id, vdisk_size}` grows a disk, `{create_type: 0, vdisk_size}` adds one (MB). */
export function diskChangeItems(changes: DiskChanges): Record<string, string | number>[] {
  return [
    ...(changes.grow ?? []).map((d, i) => ({
      vdisk_id: d.id,
      vdisk_size: mibToDsmMb(d.sizeMiB, `disks.grow[${i}]`),
    })),
    ...(changes.addMiB ?? []).map((size, i) => ({
      create_type: 0,
      vdisk_size: mibToDsmMb(size, `disks.addMiB[${i}]`),
    })),
  ];
}

export class GuestDiskApi {
  constructor(private readonly caller: Caller) {}

  async set(guestId: string, changes: DiskChanges): Promise<void> {
    const vdisks = diskChangeItems(changes);
    if (vdisks.length === 0) return;
    await this.caller.call({
      api: GUEST_DISK_API,
      method: "set",
      params: { guest_id: guestId, vdisks },
      // Adding a disk twice would make two disks: a plain write, never re-sent blindly.
      safety: changes.addMiB?.length ? "write" : "idempotent",
      subject: `guest ${guestId}`,
      parse: () => undefined,
      unsupportedHint:
        "this cluster offers only Synology's official VMM API, which has no documented way to grow or add a " +
        "virtual disk: do it in Virtual Machine Manager > Virtual Machine > Edit > Storage, then change the " +
        "spec to match and run pulumi refresh",
    });
  }
}
