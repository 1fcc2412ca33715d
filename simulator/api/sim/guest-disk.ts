/**
 * SYNO.SynoVmmSim.Guest.Disk `set` [ours] (simulator/API.md §4.6): grow or add a guest's vdisks.
 * No public source shows a documented way to do either (official-api-evidence.md §2.1; ADR 019),
 * so it lives under the private prefix, listed only by the `sim` flavour (102 in `real`).
 *
 * Contract (the provider's client is written against exactly this): `guest_id`* and `vdisks`*, a
 * JSON array whose items are `{"vdisk_id": "…", "vdisk_size": MB}` (grow that disk) or
 * `{"create_type": 0, "vdisk_size": MB}` (append a new empty disk; optional `controller` 1–3 and
 * `unmap`). Answers `{}`.
 */
import { changeDisks, type DiskChangeRequest } from "../../model/disks";
import { fail } from "../../model/errors";
import { isRecord, jsonArray, optStr, toBool, toInt } from "../params";
import { simulatorApi, write } from "../types";

/** `{vdisk_id, vdisk_size}` grows a disk, `{create_type: 0, vdisk_size}` adds one. */
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
        `vdisks[${i}]: Guest.Disk set adds only new empty disks (create_type 0); clone an image at guest create instead`,
      );
    }
    const controller = toInt(item.controller ?? 1, `vdisks[${i}].controller`);
    if (![1, 2, 3].includes(controller))
      fail(401, "vdisks", `vdisks[${i}].controller must be 1 (VirtIO), 2 (IDE) or 3 (SATA)`);
    req.add.push({ sizeMb, controller, unmap: toBool(item.unmap ?? false, `vdisks[${i}].unmap`) });
  });
  return req;
}

export const guestDiskApi = simulatorApi("SYNO.SynoVmmSim.Guest.Disk", {
  set: write(({ world, params }) => {
    const g = world.guest(params.required("guest_id"));
    const vdisks = params.json("vdisks");
    if (vdisks === undefined) fail(114, "vdisks", "missing required parameter 'vdisks'");
    changeDisks(world, g, parseDiskChanges(vdisks));
    return {};
  }),
});
