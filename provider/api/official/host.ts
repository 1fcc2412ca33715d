// SYNO.Virtualization.API.Host: the official, read-only view of the cluster's hosts.

import type { Caller } from "../core/caller";
import { asObject, num, objects, optStr, str } from "../core/shape";
import { dsmMbToMiB } from "../units";

export interface Host {
  readonly id: string;
  readonly name: string;
  /** running, inaccessible, network_warn, control_unavail */
  readonly status: string;
  readonly cpuThreads: number;
  readonly freeCpuThreads: number;
  readonly memoryMiB: number;
  readonly freeMemoryMiB: number;
}

export class HostApi {
  constructor(private readonly caller: Caller) {}

  list(): Promise<Host[]> {
    return this.caller.call({
      api: "SYNO.Virtualization.API.Host",
      method: "list",
      safety: "read",
      parse: (data) =>
        objects(asObject(data ?? {}, "host list"), "hosts").map((h) => ({
          id: str(h, "host_id"),
          name: str(h, "host_name"),
          status: optStr(h, "status") ?? "unknown",
          cpuThreads: num(h, "total_cpu_core"),
          freeCpuThreads: num(h, "free_cpu_core"),
          memoryMiB: dsmMbToMiB(num(h, "total_ram_size")),
          freeMemoryMiB: dsmMbToMiB(num(h, "free_ram_size")),
        })),
    });
  }
}
