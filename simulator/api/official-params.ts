/**
 * The simulator is strict like a real NAS (ADR 019): a call of an official
 * `SYNO.Virtualization.API.*` method that carries anything the public evidence does not document —
 * a parameter, or a key of a `vdisks`/`vnics` item — is refused with 401 before the method runs.
 * The table is evidence/official-api.json, read through provider/evidence/ (never a second list).
 *
 * Why 401: one public client reports 401 for extra create parameters (TFS comment, unverified), and
 * 401 is the guide's "bad parameter" (official-api-evidence.md §2.2); the strict choice.
 */
import { undocumentedParts } from "../../provider/evidence/official-api";
import { fail } from "../model/errors";
import { isRecord } from "./params";

function items(value: string | undefined): unknown[] {
  if (value === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/**
 * `vdisk_size` on a clone (`create_type: 1`) item of Guest create: the evidence gives create_type 1
 * only `image_id`/`image_name`, and the clone has the image's size (official-api-evidence.md §2.1,
 * TR, DNC, GOS, TFS). A size "grown to" on the clone is [ours], so refused like any undocumented key.
 */
function sizedClones(api: string, method: string, params: Readonly<Record<string, string>>): string[] {
  if (api !== "SYNO.Virtualization.API.Guest" || method !== "create") return [];
  return items(params.vdisks).flatMap((item, i) =>
    isRecord(item) && String(item.create_type) === "1" && item.vdisk_size !== undefined
      ? [`vdisks[${i}].vdisk_size`]
      : [],
  );
}

/** Throws DSM 401 naming the first undocumented part of an official call; other APIs pass. */
export function refuseUndocumented(
  api: string,
  method: string,
  params: Readonly<Record<string, string>>,
): void {
  const [first] = undocumentedParts(api, method, params);
  if (first !== undefined)
    fail(
      401,
      first.param,
      `${first.why}: no public source documents it (evidence/official-api.json), so a real NAS may refuse it — leave it out`,
    );
  const [clone] = sizedClones(api, method, params);
  if (clone !== undefined)
    fail(
      401,
      clone,
      `${clone}: a vdisk cloned from an image (create_type 1) takes only image_id or image_name and has the image's size; grow it afterwards (SYNO.SynoVmmSim.Guest.Disk set in the simulator, Virtual Machine Manager on a NAS)`,
    );
}
