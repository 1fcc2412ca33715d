// SYNO.Virtualization.API.Guest.Action: power a guest on (optionally on a host), off, or shut it down.
// Power calls are writes, but cheap to re-check: after a lost answer the guest's status tells whether
// the first call landed, so "already running" (904) / "already off" (907) never surfaces as an error.

import type { Caller } from "../core/caller";
import type { Recheck } from "../core/call-spec";
import type { GuestApi } from "./guest";

export const GUEST_ACTION_API = "SYNO.Virtualization.API.Guest.Action";

export interface PowerOnOptions {
  /** Host to start it on; without one VMM picks (first power-on) or reuses the guest's host (R11). */
  readonly hostId?: string;
  readonly hostName?: string;
}

const ON = new Set(["running", "booting"]);
const OFF = new Set(["shutdown", "shutting_down"]);

export class GuestActionApi {
  constructor(
    private readonly caller: Caller,
    private readonly guests: GuestApi,
  ) {}

  async powerOn(id: string, options: PowerOnOptions = {}): Promise<void> {
    await this.power("poweron", id, { host_id: options.hostId, host_name: options.hostName }, ON, 904);
  }

  /** Hard power-off (like pulling the plug). */
  async powerOff(id: string): Promise<void> {
    await this.power("poweroff", id, {}, OFF, 907);
  }

  /** Graceful ACPI shutdown. */
  async shutdown(id: string): Promise<void> {
    await this.power("shutdown", id, {}, OFF, 907);
  }

  private async power(
    method: string,
    id: string,
    extra: Record<string, string | undefined>,
    target: ReadonlySet<string>,
    alreadyCode: number,
  ): Promise<void> {
    const recheck = async (): Promise<Recheck<void>> =>
      target.has((await this.guests.get(id)).status)
        ? { applied: true, value: undefined }
        : { applied: false };
    await this.caller.call({
      api: GUEST_ACTION_API,
      method,
      params: { guest_id: id, ...extra },
      safety: "write",
      subject: `guest ${id}`,
      parse: () => undefined,
      recheck,
      appliedCodes: [alreadyCode],
    });
  }
}
