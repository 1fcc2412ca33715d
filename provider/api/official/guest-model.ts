// The guest (VM) as the rest of the code sees it, and its mapping to and from DSM's fields.

import { JsonObject, ShapeError, num, objects, optBool, optNum, optStr, str } from "../core/shape";
import { dsmMbToMiB, mibToDsmMb } from "../units";
import { AUTORUNS, type Autorun } from "../../units/autorun";

export type { Autorun };

export type DiskController = "virtio" | "ide" | "sata";
export type NicModel = "virtio" | "e1000" | "rtl8139";

export interface GuestDisk {
  readonly id: string;
  readonly sizeMiB: number;
  readonly controller: DiskController;
  readonly unmap: boolean;
}

export interface GuestNic {
  readonly id: string;
  readonly mac: string;
  readonly model: NicModel;
  readonly networkId: string;
  readonly networkName: string;
}

export interface Guest {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** running, shutdown, creating, booting, shutting_down, moving, inaccessible, crashed, … */
  readonly status: string;
  readonly storageId: string;
  readonly storageName: string;
  readonly autorun: Autorun;
  readonly vcpus: number;
  readonly memoryMiB: number;
  /**
   * Where it runs (or last ran), from the placement source (../placement.ts), never from the official
   * guest object. Absent until first power-on (R11), and where placement is "unknown".
   */
  readonly hostId?: string;
  readonly hostName?: string;
  /** Present when read with `{ details: true }`. */
  readonly disks?: readonly GuestDisk[];
  readonly nics?: readonly GuestNic[];
}

/**
 * A new blank vdisk of a size (`create_type` 0), or a clone of a disk image by id or name
 * (`create_type` 1), which has the image's size: the documented create takes no size, controller
 * or unmap for a disk (evidence/official-api.json; VMM's defaults apply).
 */
export type DiskSpec =
  { readonly sizeMiB: number } | { readonly imageId: string } | { readonly imageName: string };

/** A vNIC on a network (by id or name); `networkId: ""` leaves it unconnected. No model: not documented at create. */
export interface NicSpec {
  readonly networkId?: string;
  readonly networkName?: string;
  readonly mac?: string;
}

/**
 * What the documented `Guest create` takes, and nothing more. A new guest has 1 vCPU and 1024 MB
 * (TFS #203, a real NAS): CPU, memory, autorun and description are given by `set` afterwards (ADR 020).
 */
export interface GuestCreateInput {
  readonly name: string;
  readonly storageId?: string;
  readonly storageName?: string;
  readonly disks: readonly DiskSpec[];
  readonly nics: readonly NicSpec[];
}

/** What the documented `Guest set` changes. */
export interface GuestPatch {
  readonly name?: string;
  readonly description?: string;
  readonly autorun?: Autorun;
  readonly vcpus?: number;
  readonly memoryMiB?: number;
}

/** DSM's `autorun` number is the index in `AUTORUNS`: 0 off, 1 last state, 2 on. */
const AUTORUN: readonly Autorun[] = AUTORUNS;
const CONTROLLERS: Record<number, DiskController> = { 1: "virtio", 2: "ide", 3: "sata" };
const NIC_MODELS: Record<number, NicModel> = { 1: "virtio", 2: "e1000", 3: "rtl8139" };

export function autorunToDsm(value: Autorun): number {
  const i = AUTORUN.indexOf(value);
  if (i < 0) throw new RangeError(`autorun must be one of ${AUTORUN.join(", ")}, got "${value}"`);
  return i;
}

export function guestFromDsm(g: JsonObject): Guest {
  const autorun = optNum(g, "autorun") ?? 0;
  const hasDetails = Array.isArray(g.vdisks) || Array.isArray(g.vnics);
  return {
    id: str(g, "guest_id"),
    name: str(g, "guest_name"),
    description: optStr(g, "description") ?? "",
    status: optStr(g, "status") ?? "unknown",
    storageId: optStr(g, "storage_id") ?? "",
    storageName: optStr(g, "storage_name") ?? "",
    autorun: AUTORUN[autorun] ?? "off",
    vcpus: num(g, "vcpu_num"),
    memoryMiB: dsmMbToMiB(num(g, "vram_size")),
    ...(hasDetails
      ? {
          disks: objects(g, "vdisks").map((d) => ({
            id: str(d, "vdisk_id"),
            sizeMiB: dsmMbToMiB(num(d, "vdisk_size")),
            controller: CONTROLLERS[optNum(d, "controller") ?? 1] ?? "virtio",
            unmap: optBool(d, "unmap") ?? false,
          })),
          nics: objects(g, "vnics").map((n) => ({
            id: str(n, "vnic_id"),
            mac: optStr(n, "mac") ?? "",
            model: NIC_MODELS[optNum(n, "model") ?? 1] ?? "virtio",
            networkId: optStr(n, "network_id") ?? "",
            networkName: optStr(n, "network_name") ?? "",
          })),
        }
      : {}),
  };
}

export function diskToDsm(d: DiskSpec, i: number): Record<string, unknown> {
  if ("imageId" in d) return { create_type: 1, image_id: d.imageId };
  if ("imageName" in d) return { create_type: 1, image_name: d.imageName };
  if ("sizeMiB" in d) return { create_type: 0, vdisk_size: mibToDsmMb(d.sizeMiB, `disks[${i}].sizeMiB`) };
  throw new ShapeError(`disks[${i}] needs sizeMiB, imageId or imageName`);
}

export function nicToDsm(n: NicSpec): Record<string, unknown> {
  return {
    ...(n.networkId !== undefined ? { network_id: n.networkId } : {}),
    ...(n.networkName !== undefined ? { network_name: n.networkName } : {}),
    ...(n.mac !== undefined ? { mac: n.mac } : {}),
  };
}

export function createParams(input: GuestCreateInput): Record<string, string | number | boolean | unknown[]> {
  if (!input.storageId && !input.storageName)
    throw new TypeError(`guest "${input.name}": storageId or storageName is required`);
  return {
    guest_name: input.name,
    ...(input.storageId ? { storage_id: input.storageId } : { storage_name: input.storageName as string }),
    vdisks: input.disks.map(diskToDsm),
    vnics: input.nics.map(nicToDsm),
    // Kept until we read the result; cleared by tasks.wait. Auto-clean could remove it before the first poll.
    auto_clean_task: false,
  };
}

export function patchParams(patch: GuestPatch): Record<string, string | number> {
  return {
    ...(patch.name !== undefined ? { new_guest_name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.autorun !== undefined ? { autorun: autorunToDsm(patch.autorun) } : {}),
    ...(patch.vcpus !== undefined ? { vcpu_num: patch.vcpus } : {}),
    ...(patch.memoryMiB !== undefined ? { vram_size: mibToDsmMb(patch.memoryMiB, "memoryMiB") } : {}),
  };
}
