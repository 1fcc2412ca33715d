/** SYNO.Virtualization.API.Guest — documented by Synology (extras marked in API.md). */
import { fail } from "../../model/errors";
import { requireCluster } from "../../model/guards";
import { createGuest, deleteGuest, setGuest, type VdiskRequest, type VnicRequest } from "../../model/guest";
import type { DiskChangeRequest } from "../../model/disks";
import type { StorageState } from "../../model/state";
import type { World } from "../../model/world";
import { isRecord, jsonArray, optStr, toBool, toInt, type Params } from "../params";
import { guestView } from "../views";
import { read, write, officialApi } from "../types";

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

export function parseVdisks(world: World, value: unknown): VdiskRequest[] {
  return jsonArray(value, "vdisks").map((item, i) => {
    if (!isRecord(item)) return fail(401, "vdisks", `vdisks[${i}] must be an object`);
    const type = toInt(item.create_type ?? 0, `vdisks[${i}].create_type`);
    const controller = toInt(item.controller ?? 1, `vdisks[${i}].controller`);
    if (![1, 2, 3].includes(controller))
      fail(401, "vdisks", `vdisks[${i}].controller must be 1 (VirtIO), 2 (IDE) or 3 (SATA)`);
    const unmap = toBool(item.unmap ?? false, `vdisks[${i}].unmap`);
    if (type === 0) {
      if (item.vdisk_size === undefined)
        fail(401, "vdisks", `vdisks[${i}] with create_type 0 needs vdisk_size (MB)`);
      const sizeMb = toInt(item.vdisk_size, `vdisks[${i}].vdisk_size`);
      if (sizeMb < 1) fail(401, "vdisks", `vdisks[${i}].vdisk_size must be at least 1 (MB)`);
      return { sizeMb, image: null, controller, unmap };
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
    const sizeMb =
      item.vdisk_size === undefined ? image.sizeMb : toInt(item.vdisk_size, `vdisks[${i}].vdisk_size`);
    return { sizeMb, image, controller, unmap };
  });
}

/** `set` `vdisks` [ours]: `{vdisk_id, vdisk_size}` grows a disk, `{create_type: 0, vdisk_size}` adds one. */
export function parseDiskChanges(value: unknown): DiskChangeRequest {
  const req: DiskChangeRequest = { grow: [], add: [] };
  jsonArray(value, "vdisks").forEach((item, i) => {
    if (!isRecord(item)) return fail(401, "vdisks", `vdisks[${i}] must be an object`);
    if (item.vdisk_size === undefined)
      fail(401, "vdisks", `vdisks[${i}] needs vdisk_size (MB): the new size, or the size of the new disk`);
    const sizeMb = toInt(item.vdisk_size, `vdisks[${i}].vdisk_size`);
    if (sizeMb < 1) fail(401, "vdisks", `vdisks[${i}].vdisk_size must be at least 1 (MB)`);
    const vdiskId = optStr(item, "vdisk_id");
    if (vdiskId !== undefined) {
      if (item.create_type !== undefined)
        fail(
          401,
          "vdisks",
          `vdisks[${i}]: give vdisk_id to grow a disk or create_type 0 to add one, not both`,
        );
      req.grow.push({ vdiskId, sizeMb });
      return;
    }
    if (toInt(item.create_type ?? 0, `vdisks[${i}].create_type`) !== 0) {
      fail(
        401,
        "vdisks",
        `vdisks[${i}]: set adds only new empty disks (create_type 0); clone an image at guest create instead`,
      );
    }
    const controller = toInt(item.controller ?? 1, `vdisks[${i}].controller`);
    if (![1, 2, 3].includes(controller))
      fail(401, "vdisks", `vdisks[${i}].controller must be 1 (VirtIO), 2 (IDE) or 3 (SATA)`);
    req.add.push({ sizeMb, controller, unmap: toBool(item.unmap ?? false, `vdisks[${i}].unmap`) });
  });
  return req;
}

export function parseVnics(world: World, value: unknown): VnicRequest[] {
  return jsonArray(value, "vnics").map((item, i) => {
    if (!isRecord(item)) return fail(401, "vnics", `vnics[${i}] must be an object`);
    const model = toInt(item.model ?? 1, `vnics[${i}].model`);
    if (![1, 2, 3].includes(model))
      fail(401, "vnics", `vnics[${i}].model must be 1 (VirtIO), 2 (e1000) or 3 (rtl8139)`);
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
    const firmware = params.str("boot_firmware") ?? "bios";
    if (firmware !== "bios" && firmware !== "uefi")
      fail(401, "boot_firmware", "boot_firmware must be bios or uefi");
    const task = createGuest(world, {
      name,
      storage,
      vdisks: parseVdisks(world, vdisksRaw),
      vnics: parseVnics(world, vnicsRaw),
      vcpuNum: params.int("vcpu_num", 1) as number,
      vramSizeMb: params.int("vram_size", 1024) as number,
      autorun: params.int("autorun", 0) as number,
      description: params.str("description") ?? "",
      firmware,
      reservedThreads: params.int("cpu_reserved_threads", 0) as number,
      autoClean: params.bool("auto_clean_task", true),
    });
    return { task_id: task.id };
  }),
  set: write(({ world, params }) => {
    const g = world.guest(params.either("guest_id", "guest_name"));
    const vdisks = params.json("vdisks");
    setGuest(world, g, {
      ...(vdisks === undefined ? {} : { disks: parseDiskChanges(vdisks) }),
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
