// Where each VM runs. The official guest object has no host fields (synology-vmm-api.md §2.6), so
// placement comes from elsewhere, chosen by the capability level (../capabilities.ts):
// - "managed": the simulator's private SYNO.SynoVmmSim.Host `placement` (our design);
// - "internal-guest-list": Synology's internal SYNO.Virtualization.Guest `list`, read only, its
//   shape checked strictly (field names and KiB units from two real captures, evidence §2.3);
// - "unknown": nowhere; callers leave hostId unset.

import { Capabilities, REAL_GUEST_LIST_API, SIM_HOST_API } from "../capabilities";
import type { Caller } from "../core/caller";
import { ShapeError, asObject, num, objects, optStr, str } from "../core/shape";
import { kibToMiB } from "../units";

export interface Placement {
  readonly hostId: string;
  readonly hostName: string;
}

/** guest id → where it runs; a guest never powered on (R11) has no entry. */
export type PlacementMap = ReadonlyMap<string, Placement>;

/** Strict reading of the real internal guest list: a changed shape is a protocol error, never a guess. */
export function placementFromInternalGuestList(data: unknown): PlacementMap {
  const map = new Map<string, Placement>();
  for (const g of objects(asObject(data ?? {}, "internal guest list"), "guests")) {
    const id = str(g, "guest_id");
    str(g, "name");
    // RAM is KiB here (not MB as in the official API): read it only to prove the shape is the real one.
    if (kibToMiB(num(g, "vram_size")) <= 0) throw new ShapeError(`guest ${id}: vram_size is not a KiB count`);
    if (!("host_id" in g)) throw new ShapeError(`guest ${id}: field "host_id" is missing`);
    const hostId = optStr(g, "host_id");
    if (hostId !== undefined) map.set(id, { hostId, hostName: optStr(g, "host_name") ?? "" });
  }
  return map;
}

export function placementFromSimulator(data: unknown): PlacementMap {
  const map = new Map<string, Placement>();
  for (const p of objects(asObject(data ?? {}, "placement"), "placements")) {
    const hostId = optStr(p, "host_id");
    if (hostId !== undefined) map.set(str(p, "guest_id"), { hostId, hostName: optStr(p, "host_name") ?? "" });
  }
  return map;
}

export class PlacementApi {
  constructor(
    private readonly caller: Caller,
    private readonly capabilities: () => Promise<Capabilities>,
  ) {}

  /** Every placed guest, or undefined when this cluster cannot say ("unknown"). */
  async all(): Promise<PlacementMap | undefined> {
    const { placement } = await this.capabilities();
    if (placement === "managed") {
      return this.caller.call({
        api: SIM_HOST_API,
        method: "placement",
        safety: "read",
        parse: placementFromSimulator,
      });
    }
    if (placement === "internal-guest-list") {
      return this.caller.call({
        api: REAL_GUEST_LIST_API,
        method: "list",
        // v2 as PYD sends it; the caller falls back to v1 where only v1 is listed (DSMH).
        version: 2,
        safety: "read",
        parse: placementFromInternalGuestList,
      });
    }
    return undefined;
  }
}
