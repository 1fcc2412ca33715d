/**
 * SYNO.Virtualization.API.Guest — documented by Synology (official-api-evidence.md §2.1): create
 * takes only guest_name, storage, vdisks, vnics and auto_clean_task; CPU, memory, autorun and
 * description come with a later `set`. Disk growth lives in SYNO.SynoVmmSim.Guest.Disk [ours].
 */
import { fail } from "../../model/errors";
import { requireCluster } from "../../model/guards";
import { createGuest, deleteGuest, setGuest, type VdiskRequest, type VnicRequest } from "../../model/guest";
import type { StorageState } from "../../model/state";
import type { World } from "../../model/world";
import { isRecord, jsonArray, optStr, toInt, type Params } from "../params";
import { guestView } from "../views";
import { read, write, officialApi } from "../types";

/** Controller / vNIC model 1: what VMM gives a disk or vNIC nobody chose for [ours: the default]. */
const VIRTIO = 1;

/**
 * What a guest is until a `Guest set`: 1 vCPU and 1024 MB as a real NAS shows one created without
 * them (TFS #203, evidence §2.1 "Real observations"); autorun off and no description [ours]; BIOS
 * and no reserved threads, which the official API cannot set [ours].
 */
export const NEW_GUEST = {
  vcpuNum: 1,
  vramSizeMb: 1024,
  autorun: 0,
  description: "",
  firmware: "bios",
  reservedThreads: 0,
} as const;

function storageParam(world: World, params: Params): StorageState {
  const ref = params.either("storage_id", "storage_name");
  return (
    world.findStorage(ref) ??
    fail(
      700,
      "storage_id",
      `storage '${ref}' does not exist; list storages with SYNO.Virtualization.API.Storage list`,
    )
  );
}

/**
 * Create's `vdisks`: `create_type` 0 (`vdisk_size` MB) or 1 (`image_id`/`image_name`, the image's
 * size), official-api-evidence.md §2.1 (TR, DNC, GOS, TFS). Undocumented keys never get here (401 in
 * the service layer, official-params.ts); every disk is VirtIO without unmap until changed in VMM.
 */
export function parseVdisks(world: World, value: unknown): VdiskRequest[] {
  return jsonArray(value, "vdisks").map((item, i) => {
    if (!isRecord(item)) return fail(401, "vdisks", `vdisks[${i}] must be an object`);
    const type = toInt(item.create_type ?? 0, `vdisks[${i}].create_type`);
    if (type === 0) {
      if (item.vdisk_size === undefined)
        fail(401, "vdisks", `vdisks[${i}] with create_type 0 needs vdisk_size (MB)`);
      const sizeMb = toInt(item.vdisk_size, `vdisks[${i}].vdisk_size`);
      if (sizeMb < 1) fail(401, "vdisks", `vdisks[${i}].vdisk_size must be at least 1 (MB)`);
      return { sizeMb, image: null, controller: VIRTIO, unmap: false };
    }
    if (type !== 1) fail(401, "vdisks", `vdisks[${i}].create_type must be 0 (new) or 1 (clone an image)`);
    const ref = optStr(item, "image_id") ?? optStr(item, "image_name");
    if (ref === undefined)
      fail(401, "vdisks", `vdisks[${i}] with create_type 1 needs image_id or image_name`);
    const image =
      world.findImage(ref) ??
      fail(
        906,
        "vdisks",
        `image '${ref}' not found; list images with SYNO.Virtualization.API.Guest.Image list`,
      );
    return { sizeMb: image.sizeMb, image, controller: VIRTIO, unmap: false };
  });
}

/** Create's `vnics`: `network_id`/`network_name`, optional `mac` (evidence §2.1); every vNIC is VirtIO. */
export function parseVnics(world: World, value: unknown): VnicRequest[] {
  return jsonArray(value, "vnics").map((item, i) => {
    if (!isRecord(item)) return fail(401, "vnics", `vnics[${i}] must be an object`);
    const model = VIRTIO;
    const mac = optStr(item, "mac") ?? null;
    const id = optStr(item, "network_id");
    const name = optStr(item, "network_name");
    if (id === "" || (id === undefined && (name === undefined || name === "")))
      return { network: null, mac, model };
    const ref = (id ?? name) as string;
    const network =
      world.findNetwork(ref) ??
      fail(
        401,
        "vnics",
        `vnics[${i}]: network '${ref}' does not exist; list networks with SYNO.Virtualization.API.Network list`,
      );
    return { network, mac, model };
  });
}

export const guestApi = officialApi("SYNO.Virtualization.API.Guest", {
  list: read(({ world, params }) => {
    const additional = params.bool("additional", false);
    return { guests: world.state.guests.map((g) => guestView(world, g, additional)) };
  }),
  get: read(({ world, params }) => {
    const g = world.guest(params.either("guest_id", "guest_name"));
    return guestView(world, g, params.bool("additional", false));
  }),
  create: write(({ world, params }) => {
    const name = params.required("guest_name");
    requireCluster(world);
    const storage = storageParam(world, params);
    const vdisksRaw = params.json("vdisks");
    if (vdisksRaw === undefined) fail(114, "vdisks", "missing required parameter 'vdisks'");
    const vnicsRaw = params.json("vnics");
    if (vnicsRaw === undefined) fail(114, "vnics", "missing required parameter 'vnics'");
    const task = createGuest(world, {
      name,
      storage,
      vdisks: parseVdisks(world, vdisksRaw),
      vnics: parseVnics(world, vnicsRaw),
      ...NEW_GUEST,
      autoClean: params.bool("auto_clean_task", true),
    });
    return { task_id: task.id };
  }),
  set: write(({ world, params }) => {
    const g = world.guest(params.either("guest_id", "guest_name"));
    setGuest(world, g, {
      name: params.str("new_guest_name"),
      description: params.str("description"),
      autorun: params.int("autorun"),
      vcpuNum: params.int("vcpu_num"),
      vramSizeMb: params.int("vram_size"),
    });
    return {};
  }),
  delete: write(({ world, params }) => {
    deleteGuest(world, world.guest(params.either("guest_id", "guest_name")));
    return {};
  }),
});
