// SYNO.Virtualization.API.Network: the cluster's VM networks.

import type { Caller } from "../core/caller";
import { asObject, objects, str } from "../core/shape";

export interface Network {
  readonly id: string;
  readonly name: string;
}

export class NetworkApi {
  constructor(private readonly caller: Caller) {}

  list(): Promise<Network[]> {
    return this.caller.call({
      api: "SYNO.Virtualization.API.Network",
      method: "list",
      safety: "read",
      parse: (data) =>
        objects(asObject(data ?? {}, "network list"), "networks").map((n) => ({
          id: str(n, "network_id"),
          name: str(n, "network_name"),
        })),
    });
  }
}
