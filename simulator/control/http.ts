/** The control API over HTTP (`/sim/…`), a thin JSON face over the control handle. */
import type { ServerResponse } from "node:http";
import { SimError } from "../model/errors";
import type { DelayRule, DirectGuest, DirectJoin, DownMode, FaultRule, SimulatorControl } from "../types";

type Body = Record<string, unknown>;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function str(body: Body, key: string): string {
  const v = body[key];
  if (typeof v !== "string" || v === "") throw new Error(`body field '${key}' must be a non-empty string`);
  return v;
}

export async function handleControl(
  control: SimulatorControl,
  method: string,
  path: string,
  raw: string,
  res: ServerResponse,
): Promise<void> {
  try {
    const body: Body = raw.trim() === "" ? {} : (JSON.parse(raw) as Body);
    const parts = path
      .replace(/^\/sim\/?/, "")
      .split("/")
      .filter(Boolean)
      .map(decodeURIComponent);
    const route = `${method} ${parts[0] ?? ""}`;
    const ref = (s: string | undefined): string | number =>
      s !== undefined && /^\d+$/.test(s) ? Number(s) : (s ?? "");
    switch (route) {
      case "GET state":
        return send(res, 200, control.snapshot());
      case "POST hosts":
        if (parts[1] === "join")
          return send(res, 200, { id: control.joinHost(body as unknown as DirectJoin) });
        if (parts[2] === "down") {
          await control.hostDown(ref(parts[1]), str(body, "mode") as DownMode);
          return send(res, 200, { ok: true });
        }
        if (parts[2] === "up") {
          await control.hostUp(ref(parts[1]));
          return send(res, 200, { ok: true });
        }
        break;
      case "POST faults":
        return send(res, 200, { id: control.addFault(body as FaultRule) });
      case "GET faults":
        return send(res, 200, { faults: control.listFaults() });
      case "DELETE faults":
        if (parts[1] !== undefined) control.removeFault(parts[1]);
        else control.clearFaults();
        return send(res, 200, { ok: true });
      case "POST delays":
        control.setDelay(body as unknown as DelayRule);
        return send(res, 200, { ok: true });
      case "DELETE delays":
        control.clearDelays();
        return send(res, 200, { ok: true });
      case "GET log":
        return send(res, 200, { entries: control.requestLog() });
      case "GET inflight":
        return send(res, 200, { requests: control.inFlight() });
      case "DELETE log":
        control.clearLog();
        return send(res, 200, { ok: true });
      case "POST reset":
        await control.reset();
        return send(res, 200, { ok: true });
      case "POST cluster":
        return send(res, 200, {
          id: control.createCluster({
            name: str(body, "name"),
            subnet: str(body, "subnet"),
            reservedFrom: str(body, "reservedFrom"),
            reservedTo: str(body, "reservedTo"),
            domain: typeof body.domain === "string" ? body.domain : undefined,
          }),
        });
      case "POST guests":
        if (parts[1] !== undefined && parts[2] === "power") {
          const host = body.host as string | number | undefined;
          control.setGuestPower(parts[1], body.on === true, host);
          return send(res, 200, { ok: true });
        }
        return send(res, 200, { id: control.createGuest(body as unknown as DirectGuest) });
      case "POST images":
        return send(res, 200, { id: control.createImage(body as { name: string }) });
      case "POST networks":
        return send(res, 200, { id: control.createNetwork(body as { name: string }) });
      case "POST ha":
        control.enableHa(body as { guest: string; active: string; passive: string });
        return send(res, 200, { ok: true });
      case "DELETE ha":
        if (parts[1] === undefined) break;
        control.disableHa(decodeURIComponent(parts[1]));
        return send(res, 200, { ok: true });
    }
    send(res, 404, { error: `no control route ${method} ${path}; see simulator/API.md section 5` });
  } catch (e) {
    if (e instanceof SimError) return send(res, 400, { error: e.message, code: e.code, errors: e.detail });
    send(res, 400, { error: (e as Error).message });
  }
}
