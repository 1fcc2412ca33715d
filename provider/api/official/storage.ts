// SYNO.Virtualization.API.Storage: volumes the cluster keeps VM disks on.

import type { Caller } from "../core/caller";
import { asObject, objects, optNum, optStr, str } from "../core/shape";
import { dsmMbToMiB } from "../units";

export interface Storage {
  readonly id: string;
  readonly name: string;
  readonly hostId: string;
  readonly hostName: string;
  readonly volumePath: string;
  /** Absent while the owning host is offline. */
  readonly sizeMiB?: number;
  readonly usedMiB?: number;
  /** online, unavailable, missing, degraded, crashed, full, provision_warning */
  readonly status: string;
}

export class StorageApi {
  constructor(private readonly caller: Caller) {}

  list(): Promise<Storage[]> {
    return this.caller.call({
      api: "SYNO.Virtualization.API.Storage",
      method: "list",
      safety: "read",
      parse: (data) =>
        objects(asObject(data ?? {}, "storage list"), "storages").map((s) => {
          const size = optNum(s, "size");
          const used = optNum(s, "used");
          return {
            id: str(s, "storage_id"),
            name: str(s, "storage_name"),
            hostId: optStr(s, "host_id") ?? "",
            hostName: optStr(s, "host_name") ?? "",
            volumePath: optStr(s, "volume_path") ?? "",
            sizeMiB: size === undefined ? undefined : dsmMbToMiB(size),
            usedMiB: used === undefined ? undefined : dsmMbToMiB(used),
            status: optStr(s, "status") ?? "unknown",
          };
        }),
    });
  }
}
