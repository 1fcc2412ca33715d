/**
 * The service layer of the DSM API: envelope checks (101–104), session (106/119), fault rules and
 * delays, the mutation guard (R2 quorum → 500, 501), the method itself, and the request log.
 * Faults and guards run before the method, so a refused call never changes the world.
 */
import { ConnectionDropped, servedIn, type CallContext, type DsmFlavour } from "../api/types";
import { refuseUndocumented } from "../api/official-params";
import { Params } from "../api/params";
import { SimError, type ErrorDetail } from "../model/errors";
import { beforeMutation, requireQuorum } from "../model/guards";
import type { BoxState } from "../model/state";
import type { SimCore } from "./core";
import { redact } from "./request-log";
import { hashSid } from "./sessions";

export interface DsmRequest {
  /** `query.cgi`, `auth.cgi` or `entry.cgi`. */
  cgi: string;
  /** The URL path as sent (`/webapi/entry.cgi/SYNO.API.Auth` keeps its segment in the log). */
  path: string;
  httpMethod: "GET" | "POST";
  params: Record<string, string>;
  cookieSid: string | undefined;
  headerToken: string | undefined;
  remote: string;
  box: BoxState;
}

export type DsmResult = { drop: true } | { drop: false; body: unknown; setCookie: string | null };

/**
 * On requestFormat JSON APIs DSM JSON-parses form values, so `"abc"` means abc (evidence §3, value
 * encoding [3]); a value that is not a JSON string stays as sent (bare strings also work [2]).
 */
function unquoted(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "string" ? parsed : value;
  } catch {
    return value;
  }
}

function unquoteAll(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, unquoted(v)]));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The error envelope. `dsm: "real"`: `{code}` only, as in the guide's samples (official-api-evidence.md
 * §1, FSG, TR, GOS `handle()`); a real client (go-synology) decodes `error.errors` as an array and
 * turns anything else into nonsense. `dsm: "sim"`: also our prose as one `errors` object [ours: the
 * texts]. Either way the prose goes to the request log (`reason`).
 */
function failure(dsm: DsmFlavour, code: number, detail: ErrorDetail): unknown {
  return dsm === "real"
    ? { success: false, error: { code } }
    : { success: false, error: { code, errors: detail } };
}

/** One line of prose for the request log: what was refused, its parameter, the rule. */
function reasonText(detail: ErrorDetail): string {
  return `${detail.name}: ${detail.reason}${detail.rule === undefined ? "" : ` (${detail.rule})`}`;
}

/**
 * `via` names the compound (SYNO.Entry.Request) an inner call came in: such a call is logged like
 * a plain one, marked, so a count of HTTP requests can leave it out.
 */
export async function dispatch(core: SimCore, req: DsmRequest, via?: string): Promise<DsmResult> {
  const started = Date.now();
  // Some real clients JSON-quote even api and method (DSMH: "SYNO.Virtualization.Guest.Action").
  const api = unquoted(req.params.api ?? "");
  const method = unquoted(req.params.method ?? "");
  const version = Number(req.params.version ?? "0");
  const sid = req.params._sid ?? req.cookieSid;
  let setCookie: string | null = null;
  let mutated = false;
  const versionBefore = core.world.version;

  const open = core.log.begin({
    api,
    method,
    box: core.addressOf(req.box),
    since: new Date(started).toISOString(),
  });
  const finish = (code: number, body: unknown, detail?: ErrorDetail): DsmResult => {
    core.log.end(open);
    mutated = core.world.version !== versionBefore;
    const entry = core.log.add({
      time: new Date(started).toISOString(),
      box: core.addressOf(req.box),
      httpMethod: req.httpMethod,
      path: req.path,
      api,
      method,
      version,
      params: redact(req.params),
      mutated,
      session: hashSid(sid),
      code,
      durationMs: Date.now() - started,
      ...(detail === undefined ? {} : { reason: reasonText(detail) }),
      ...(via === undefined ? {} : { via }),
    });
    core.emit(
      `${entry.time} ${req.box.ip} ${via === undefined ? "" : "  ↳ "}${api}.${method} v${version} → ${code === 0 ? "ok" : code}${mutated ? " (changed)" : ""}`,
    );
    return code === -1 ? { drop: true } : { drop: false, body, setCookie };
  };
  const refuse = (code: number, detail: ErrorDetail): DsmResult =>
    finish(code, failure(core.dsm, code, detail), detail);

  try {
    core.world.advance();
    if (api === "" || method === "" || req.params.version === undefined) {
      return refuse(101, { name: "api", reason: "every request needs api, version and method" });
    }
    const def = core.catalog.get(api);
    const wrongPath =
      (req.cgi === "query.cgi" && api !== "SYNO.API.Info") ||
      (req.cgi === "auth.cgi" && api !== "SYNO.API.Auth");
    if (def === undefined || !servedIn(def, core.dsm) || wrongPath) {
      return refuse(102, {
        name: "api",
        reason: `API '${api}' does not exist at /webapi/${req.cgi}; ask SYNO.API.Info query=all`,
      });
    }
    if (!Number.isInteger(version) || version < def.minVersion || version > def.maxVersion) {
      return refuse(104, {
        name: "version",
        reason: `${api} supports versions ${def.minVersion}–${def.maxVersion}`,
      });
    }
    const m = def.methods[method];
    if (m === undefined) {
      return refuse(103, {
        name: "method",
        reason:
          Object.keys(def.methods).length === 0
            ? `${api} has no method '${method}' in this simulator: no public source shows its contract`
            : `${api} has methods ${Object.keys(def.methods).join(", ")}`,
      });
    }
    const fault = core.faults.decide(
      api,
      method,
      (ref) => ref !== undefined && core.world.findBox(ref) === req.box,
    );
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.drop)
      return finish(-1, null, { name: "fault", reason: "connection dropped by a simulator fault rule" });
    if (fault.code !== null)
      return refuse(fault.code, { name: "fault", reason: "injected by a simulator fault rule" });
    if (def.session) core.sessions.use(sid, req.headerToken ?? req.params.SynoToken, req.box.ip);
    const params = def.requestFormat === "JSON" ? unquoteAll(req.params) : req.params;
    // Before the guards and the method, in both flavours, inner calls of a compound included (ADR 019).
    refuseUndocumented(api, method, params);
    core.world.advance();
    if (m.mutating) {
      // A host may leave an incompatible (501) cluster: that is how it gets fixed.
      if (api === "SYNO.SynoVmmSim.Host" && method === "leave") requireQuorum(core.world);
      else beforeMutation(core.world);
    }
    const ctx: CallContext = {
      world: core.world,
      params: new Params(params, api.startsWith("SYNO.API.") ? 120 : 401),
      box: req.box,
      sessions: core.sessions,
      remote: req.remote,
      dsm: core.dsm,
      addressOf: core.addressOf,
      setCookie: (value) => {
        setCookie = value;
      },
      inner: async (params) => {
        // An inner call has no session of its own: it runs in the compound's (evidence §3 [4]).
        const carried = Object.fromEntries(
          ["_sid", "SynoToken"].flatMap((k) => (req.params[k] === undefined ? [] : [[k, req.params[k]]])),
        );
        const result = await dispatch(core, { ...req, params: { ...params, ...carried } }, api);
        if (result.drop) throw new ConnectionDropped();
        return result.body;
      },
    };
    const data: unknown = await m.run(ctx);
    if (fault.dropAnswer)
      return finish(-1, null, {
        name: "fault",
        reason: "answer dropped after the method ran, by a simulator fault rule",
      });
    return finish(0, { success: true, data: data ?? {} });
  } catch (e) {
    if (e instanceof ConnectionDropped)
      return finish(-1, null, {
        name: "compound",
        reason: "an inner call's connection was dropped by a fault rule",
      });
    if (e instanceof SimError) return refuse(e.code, e.detail);
    core.emit(`internal error in ${api}.${method}: ${(e as Error).stack ?? String(e)}`);
    return refuse(100, { name: "simulator", reason: `internal simulator error: ${(e as Error).message}` });
  }
}
