// An in-memory DSM behind the client's injectable transport: answers SYNO.API.Info and Auth, records
// every request, and lets a test script the rest (handlers per "api method", transport failures).

import { createClient, Transport, TransportError, TransportRequest } from "../../../provider/api";

export type Reply = { data?: unknown } | { code: number } | TransportError | { status: number; body: string };
export type Handler = (
  form: Readonly<Record<string, string>>,
  req: TransportRequest,
) => Reply | Promise<Reply>;

export const OFFICIAL = [
  "SYNO.Virtualization.API.Task.Info",
  "SYNO.Virtualization.API.Network",
  "SYNO.Virtualization.API.Storage",
  "SYNO.Virtualization.API.Host",
  "SYNO.Virtualization.API.Guest",
  "SYNO.Virtualization.API.Guest.Action",
  "SYNO.Virtualization.API.Guest.Image",
];
/** The simulator's private APIs and its marker: listed only when `managed` is true. */
export const MANAGED = [
  "SYNO.SynoVmmSim.Cluster",
  "SYNO.SynoVmmSim.Host",
  "SYNO.SynoVmmSim.HA",
  "SYNO.SynoVmmSim.Guest.Move",
  "SYNO.SynoVmmSim.Guest.Disk",
  "SYNO.SynoVmmSim.Guest.Image",
  "SYNO.SynoVmmSim.Capability",
];

export class FakeDsm {
  readonly requests: TransportRequest[] = [];
  readonly handlers = new Map<string, Handler>();
  /** Per-origin failure injected before anything else (e.g. a refused connection). */
  readonly down = new Set<string>();
  password = "correct horse battery";
  managed = true;
  /** What `SYNO.SynoVmmSim.Host placement` answers by default. */
  placements: { guest_id: string; host_id: string | null; host_name: string | null }[] = [];
  private sidCount = 0;
  readonly validSids = new Set<string>();
  delayMs = 0;
  /** Lists and serves SYNO.Entry.Request (as real DSM 7 does); off by default, as before batching. */
  compound = false;
  /** Inner calls answered inside compounds, as forms (the HTTP requests stay in `requests`). */
  readonly innerCalls: Readonly<Record<string, string>>[] = [];
  /** A transport failure for a compound POST to this origin (none by default). */
  failCompound: (origin: string) => TransportError | undefined = () => undefined;

  on(api: string, method: string, handler: Handler): this {
    this.handlers.set(`${api} ${method}`, handler);
    return this;
  }

  calls(api: string, method?: string): TransportRequest[] {
    return this.requests.filter(
      (r) => r.form.api === api && (method === undefined || r.form.method === method),
    );
  }

  readonly transport: Transport = async (req) => {
    this.requests.push(req);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const origin = new URL(req.url).origin;
    if (this.down.has(origin))
      throw new TransportError("refused", false, "ECONNREFUSED: no connection could be made");
    return this.answer(req.form, req);
  };

  /** The answer to one call, plain or inner (a compound's inner calls come through here too). */
  private async answer(
    f: Readonly<Record<string, string>>,
    req: TransportRequest,
  ): Promise<{ status: number; body: string }> {
    if (f.api === "SYNO.API.Info") {
      const names = [
        "SYNO.API.Info",
        "SYNO.API.Auth",
        ...(this.compound ? [COMPOUND] : []),
        ...OFFICIAL,
        ...(this.managed ? MANAGED : []),
      ];
      const data = Object.fromEntries(
        names.map((n) => [
          n,
          {
            path: n === "SYNO.API.Info" ? "query.cgi" : "entry.cgi",
            minVersion: 1,
            maxVersion: n === "SYNO.API.Auth" ? 7 : n === COMPOUND ? 2 : 1,
          },
        ]),
      );
      return ok(data);
    }
    const custom = this.handlers.get(`${f.api} ${f.method}`);
    if (f.api === "SYNO.SynoVmmSim.Capability" && f.method === "get" && !custom)
      return ok({ schema: 1, simulator: "synovmm" });
    if (f.api === "SYNO.SynoVmmSim.Host" && f.method === "placement" && !custom)
      return ok({ placements: this.placements });
    if (f.api === "SYNO.API.Auth" && !custom) {
      if (f.method === "logout") {
        this.validSids.delete(f._sid);
        return ok({});
      }
      if (f.passwd !== this.password) return fail(400);
      const sid = `sid-${++this.sidCount}-abcdefgh`;
      this.validSids.add(sid);
      return ok({ sid });
    }
    if (f.api !== "SYNO.API.Auth" && !this.validSids.has(f._sid)) return fail(119);
    if (f.api === COMPOUND && f.method === "request" && this.compound && !custom)
      return this.compoundAnswer(f, req);
    if (!custom) return fail(103);
    const reply = await custom(f, req);
    if (reply instanceof TransportError) throw reply;
    if ("status" in reply) return reply;
    if ("code" in reply) return fail(reply.code);
    return ok(reply.data ?? {});
  }

  /** `{has_fail, result[]}`, each inner call answered as a plain one with the compound's session. */
  private async compoundAnswer(
    f: Readonly<Record<string, string>>,
    req: TransportRequest,
  ): Promise<{ status: number; body: string }> {
    const failure = this.failCompound(new URL(req.url).origin);
    if (failure) throw failure;
    const calls = JSON.parse(f.compound) as Record<string, unknown>[];
    const result: unknown[] = [];
    for (const call of calls) {
      const form: Record<string, string> = { _sid: f._sid };
      for (const [k, v] of Object.entries(call)) form[k] = typeof v === "string" ? v : JSON.stringify(v);
      this.innerCalls.push(form);
      const inner = JSON.parse((await this.answer(form, req)).body) as Record<string, unknown>;
      result.push({ api: call.api, method: call.method, version: call.version, ...inner });
    }
    return ok({ has_fail: result.some((r) => (r as { success: boolean }).success !== true), result });
  }
}

export const COMPOUND = "SYNO.Entry.Request";

function ok(data: unknown) {
  return { status: 200, body: JSON.stringify({ success: true, data }) };
}
function fail(code: number) {
  return { status: 200, body: JSON.stringify({ success: false, error: { code } }) };
}

export const EP1 = "https://127.0.10.1:5001";
export const EP2 = "https://127.0.10.2:5001";

export function reset(): TransportError {
  return new TransportError("reset", true, "connection dropped before the answer (ECONNRESET)");
}

export function guestJson(id: string, name: string, status = "shutdown") {
  return {
    guest_id: id,
    guest_name: name,
    status,
    vcpu_num: 2,
    vram_size: 2048,
    storage_id: "st1",
    storage_name: "s",
    autorun: 0,
    description: "",
  };
}

/** A client of one endpoint on the fake, with fast retries and no log. */
export function fakeClient(dsm: FakeDsm, operationTimeoutMs?: number) {
  return createClient({
    endpoints: [EP1],
    username: "admin",
    password: dsm.password,
    transport: dsm.transport,
    retry: { attempts: 3, baseDelayMs: 1 },
    logger: () => undefined,
    operationTimeoutMs,
  });
}
