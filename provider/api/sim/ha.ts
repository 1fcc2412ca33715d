// SYNO.SynoVmmSim.HA (the simulator's private API, our design): per-VM high availability (R5/R6).
// "managed" capability level only.

import { SIM_HA_API } from "../capabilities";
import type { Caller } from "../core/caller";
import type { Recheck } from "../core/call-spec";
import { DsmError } from "../core/error";
import { asObject, objects, optStr, str } from "../core/shape";

export const HA_API = SIM_HA_API;

const UNSUPPORTED =
  "this cluster offers only the official VMM API, which cannot manage HA: set it up in Virtual Machine " +
  "Manager > High Availability, then run pulumi refresh";

export interface HaPair {
  readonly guestId: string;
  readonly guestName: string;
  readonly activeHostId: string;
  readonly passiveHostId: string;
  /** protected, degraded, switched_over, failed_over */
  readonly status: string;
  /**
   * Who last chose the roles: `ha` once VMM moved the guest on its own (it outlives `status`, which
   * is back to `protected` when the left host returns), `request` after enable/set/switchover.
   */
  readonly rolesBy: "ha" | "request";
}

export interface HaInput {
  readonly guestId: string;
  readonly activeHostId: string;
  readonly passiveHostId: string;
}

export class HaApi {
  constructor(private readonly caller: Caller) {}

  list(): Promise<HaPair[]> {
    return this.caller.call({
      api: HA_API,
      method: "list",
      safety: "read",
      parse: (data) =>
        objects(asObject(data ?? {}, "HA list"), "ha_pairs").map((p) => ({
          guestId: str(p, "guest_id"),
          guestName: optStr(p, "guest_name") ?? "",
          activeHostId: str(p, "active_host_id"),
          passiveHostId: str(p, "passive_host_id"),
          status: optStr(p, "status") ?? "unknown",
          rolesBy: optStr(p, "roles_by") === "ha" ? "ha" : "request",
        })),
      unsupportedHint: UNSUPPORTED,
    });
  }

  async get(guestId: string): Promise<HaPair | undefined> {
    return (await this.list()).find((p) => p.guestId === guestId);
  }

  /** Enables HA; a lost answer is re-checked (pair present with these hosts) before re-sending. */
  async enable(input: HaInput): Promise<HaPair> {
    await this.write("enable", input, "write", [403]);
    return this.mustGet(input.guestId, "enable");
  }

  /** Changes the hosts of an existing pair (a running guest moves by switchover, R13). */
  async set(input: HaInput): Promise<HaPair> {
    await this.write("set", input, "idempotent", []);
    return this.mustGet(input.guestId, "set");
  }

  /** Swaps active and passive. Not idempotent (twice = back), so the pair is read first to re-check. */
  async switchover(guestId: string): Promise<HaPair> {
    const before = await this.mustGet(guestId, "switchover");
    await this.onGuest(guestId, "switchover", async () => {
      const now = await this.get(guestId);
      return now && now.activeHostId === before.passiveHostId;
    });
    return this.mustGet(guestId, "switchover");
  }

  async disable(guestId: string): Promise<void> {
    // 401 (HA not enabled) after a lost answer: the first try did it.
    await this.onGuest(guestId, "disable", async () => (await this.get(guestId)) === undefined, [401]);
  }

  private async write(
    method: "enable" | "set",
    input: HaInput,
    safety: "write" | "idempotent",
    appliedCodes: number[],
  ): Promise<void> {
    await this.caller.call({
      api: HA_API,
      method,
      params: {
        guest_id: input.guestId,
        active_host_id: input.activeHostId,
        passive_host_id: input.passiveHostId,
      },
      safety,
      subject: `HA of guest ${input.guestId}`,
      parse: () => undefined,
      recheck: async (): Promise<Recheck<void>> => {
        const p = await this.get(input.guestId);
        return p && p.activeHostId === input.activeHostId && p.passiveHostId === input.passiveHostId
          ? { applied: true, value: undefined }
          : { applied: false };
      },
      appliedCodes,
      unsupportedHint: UNSUPPORTED,
    });
  }

  /** A write about one guest's HA; a lost answer is re-checked by `applied` before it is re-sent. */
  private async onGuest(
    guestId: string,
    method: "switchover" | "disable",
    applied: () => Promise<boolean | undefined>,
    appliedCodes: number[] = [],
  ): Promise<void> {
    await this.caller.call({
      api: HA_API,
      method,
      params: { guest_id: guestId },
      safety: "write",
      subject: `HA of guest ${guestId}`,
      parse: () => undefined,
      recheck: async (): Promise<Recheck<void>> =>
        (await applied()) ? { applied: true, value: undefined } : { applied: false },
      appliedCodes,
      unsupportedHint: UNSUPPORTED,
    });
  }

  private async mustGet(guestId: string, method: string): Promise<HaPair> {
    const pair = await this.get(guestId);
    if (pair) return pair;
    throw new DsmError({
      category: "dsm",
      api: HA_API,
      method,
      endpoint: this.caller.lastEndpoint,
      code: 401,
      meaning: "HA is not enabled",
      detail: `guest ${guestId} has no HA pair`,
      hint: "enable HA first (client.ha.enable), or check the guest id",
    });
  }
}
