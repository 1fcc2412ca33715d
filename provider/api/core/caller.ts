// The request pipeline every typed method goes through, in layers:
//   call()            retry with jittered back-off; a lost write is re-checked before it is re-sent
//   onAnyEndpoint()   spread and failover: a call goes to the least busy endpoint that is up (ADR 017);
//                     an unreachable host hands the call to the next endpoint
//   onEndpoint()      discovery, session (one transparent re-login on 106/119), DSM envelope → DsmError;
//                     reads leaving together share one SYNO.Entry.Request POST (batch.ts, ADR 018)
//   post()            concurrency limit per endpoint, timeout, transport failures → DsmError
// Nothing here knows about guests or hosts; the typed methods describe their calls with a CallSpec.

import { BUSY_CODES, SESSION_CODES, TRANSIENT_READ_CODES, isLoginRefusal } from "./codes";
import { backoffDelay, sleep } from "./backoff";
import { Batcher } from "./batch";
import { CallSpec, Params } from "./call-spec";
import { ApiInfo, ApiInfoMap, INFO_API, discoverOnce, parseApiInfo, pickVersion } from "./discovery";
import { hostOf } from "./endpoint";
import { Envelope, parseEnvelope } from "./envelope";
import { DsmError, dsmCodeError, withChanges } from "./error";
import { Limiter } from "./limiter";
import { refuseUndocumented } from "./official-guard";
import { clientState } from "./process-state";
import { scrub } from "./redact";
import { SessionEntry, dropSession, sessionFor } from "./session";
import { ShapeError } from "./shape";
import { Transport, TransportError } from "./transport";
import type { Logger, ResolvedOptions } from "../options";

export const AUTH_API = "SYNO.API.Auth";

/** The in-flight bound is per endpoint for the whole process, not per client object. */
const limiters = (): Map<string, Limiter> => clientState().limiters;

function limiterFor(origin: string, limit: number): Limiter {
  const existing = limiters().get(origin);
  if (existing && existing.limit === limit) return existing;
  // A different limit gets a fresh limiter; requests already queued on the old one drain there.
  const fresh = new Limiter(limit);
  limiters().set(origin, fresh);
  return fresh;
}

/**
 * The work this process has handed each endpoint and not seen finish — writes in
 * flight, and the tasks they started until they are waited out (`busyWith`). A write goes where
 * the least work is, so the creates of a large `up` spread over every member host (ADR 017),
 * while reads keep to the endpoint that answered last (one login for an idle run).
 */
const workOn = (): Map<string, number> => clientState().work;

function addWork(origin: string, delta: number): void {
  const next = (workOn().get(origin) ?? 0) + delta;
  if (next > 0) workOn().set(origin, next);
  else workOn().delete(origin);
}

const infoSpec: CallSpec<ApiInfoMap> = {
  api: INFO_API,
  method: "query",
  safety: "read",
  parse: parseApiInfo,
};

type Verdict = "retry" | "recheck" | "fail";

/** Whether (and how) a failed call may be tried again. */
export function classify(err: DsmError, spec: Pick<CallSpec<unknown>, "safety">): Verdict {
  if (err.api === AUTH_API && err.method === "login") return classifyLogin(err);
  if (err.category === "network") {
    if (err.networkReason === "tls") return "fail";
    if (err.networkReason === "http" && err.code !== undefined && err.code < 500) return "fail";
    if (!err.requestSent || spec.safety === "read") return "retry";
    return "recheck";
  }
  if (err.category === "dsm" && err.code !== undefined) {
    // Busy answers mean DSM did not carry the request out, so even a write may be re-sent.
    if (BUSY_CODES.has(err.code)) return "retry";
    if (TRANSIENT_READ_CODES.has(err.code) && spec.safety === "read") return "retry";
  }
  return "fail";
}

/**
 * A failed login means the call itself was never sent, so it may always be tried again — unless
 * DSM refused the account or password (400–411): retrying those makes DSM block the address (407).
 */
function classifyLogin(err: DsmError): Verdict {
  if (err.category === "dsm") return isLoginRefusal(err.code) ? "fail" : "retry";
  if (err.category !== "network" || err.networkReason === "tls") return "fail";
  if (err.networkReason === "http" && err.code !== undefined && err.code < 500) return "fail";
  return "retry";
}

export class Caller {
  private preferred = 0;
  private readonly downUntil = new Map<string, number>();
  private readonly touched = new Set<SessionEntry>();
  private closed = false;
  private readonly batcher = new Batcher(
    (origin, url, spec, version, params) => this.post(origin, url, spec, version, params),
    (level, message) => this.log(level, message),
  );

  constructor(
    readonly options: ResolvedOptions,
    private readonly transport: Transport,
    private readonly log: Logger,
  ) {}

  /** The endpoint that answered last (or the first one): for errors raised outside a call. */
  get lastEndpoint(): string {
    return this.options.endpoints[this.preferred] ?? "";
  }

  // ── layer 1: retry ────────────────────────────────────────────────────────────────────────────

  /** Runs `spec` with retries and failover; `run` replaces the per-endpoint step (used by discovery). */
  async call<T>(spec: CallSpec<T>, run?: (origin: string) => Promise<T>): Promise<T> {
    refuseUndocumented(spec.api, spec.method, spec.params); // ADR 019: only documented calls reach a NAS
    const attempts = Math.max(1, Math.floor(this.options.retry.attempts));
    let maybeApplied = false;
    let last: DsmError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        const delay = backoffDelay(attempt - 1, this.options.retry.baseDelayMs);
        this.log("debug", `${spec.api} ${spec.method}: retry ${attempt} of ${attempts - 1} in ${delay} ms`);
        await sleep(delay);
      }
      try {
        return await this.onAnyEndpoint(spec, run ?? ((origin) => this.onEndpoint(origin, spec)));
      } catch (err) {
        if (!(err instanceof DsmError)) throw err;
        last = err;
        // A re-send answered e.g. "name taken": probably our own lost first send. Look, don't guess.
        if (
          maybeApplied &&
          spec.recheck &&
          err.category === "dsm" &&
          spec.appliedCodes?.includes(err.code ?? -1)
        ) {
          const seen = await spec.recheck();
          if (seen.applied) {
            this.log("info", `${spec.api} ${spec.method}: the earlier request had been applied after all`);
            return seen.value;
          }
          throw err;
        }
        const verdict = classify(err, spec);
        if (verdict === "fail") throw err;
        if (verdict === "recheck") {
          if (spec.safety === "idempotent") {
            maybeApplied = true;
          } else if (!spec.recheck) {
            throw outcomeUnknown(err, spec);
          } else {
            this.log(
              "info",
              `${spec.api} ${spec.method}: answer lost (${err.meaning}); checking whether it was applied`,
            );
            const seen = await spec.recheck();
            if (seen.applied) {
              this.log("info", `${spec.api} ${spec.method}: it was applied; not sending it again`);
              return seen.value;
            }
            this.log("info", `${spec.api} ${spec.method}: it was not applied; sending it again`);
            maybeApplied = true;
          }
        }
        this.log("warn", `${err.message} (attempt ${attempt + 1} of ${attempts})`);
      }
    }
    // `last` is set: the loop ran at least once and every pass that did not return set it.
    const final = last as DsmError;
    return Promise.reject(
      withChanges(final, {
        detail: `${final.detail ? `${final.detail}; ` : ""}gave up after ${attempts} attempts`,
      }),
    );
  }

  // ── layer 2: failover ─────────────────────────────────────────────────────────────────────────

  /**
   * Endpoints in the order to try them: those up first, the least busy of them first (a stable
   * sort, so the one that answered last leads while it has a free slot), then those down. Every
   * host of a VMM cluster answers for the whole cluster (one world), so any call, a write's
   * re-check included, may go to any of them; an idle run keeps to one endpoint and one login,
   * and a busy one (an `up` of many resources) spreads over all, each with its own login.
   */
  private endpointOrder(spec: CallSpec<unknown>): string[] {
    const all = this.options.endpoints;
    const rotated = all.map((_, i) => all[(this.preferred + i) % all.length]);
    const now = Date.now();
    const limit = this.options.maxInFlightPerEndpoint;
    const load = (e: string) => limiters().get(e)?.load ?? 0;
    // Reads: a free slot is as good as another, only a full endpoint is passed over. Writes start
    // work that lasts (a task): they go where the least of it is.
    const cost =
      spec.safety === "read"
        ? (e: string) => Math.max(0, load(e) - (limit - 1))
        : (e: string) => (workOn().get(e) ?? 0) + load(e);
    const up = rotated.filter((e) => (this.downUntil.get(e) ?? 0) <= now).sort((a, b) => cost(a) - cost(b));
    const down = rotated.filter((e) => (this.downUntil.get(e) ?? 0) > now);
    // A call about something one endpoint started (its task) asks that endpoint first.
    const pinned = spec.origin !== undefined && up.includes(spec.origin) ? [spec.origin] : [];
    return [...pinned, ...up.filter((e) => e !== spec.origin), ...down];
  }

  /**
   * Counts `work` (a task started on `origin`, waited out) as load on that endpoint until it
   * settles, so the next write goes elsewhere.
   */
  async busyWith<T>(origin: string | undefined, work: Promise<T>): Promise<T> {
    if (origin === undefined) return work;
    addWork(origin, 1);
    try {
      return await work;
    } finally {
      addWork(origin, -1);
    }
  }

  /** Whether `err` means "this host did not answer", so another host of the cluster may. */
  private canFailOver(err: unknown, spec: CallSpec<unknown>): err is DsmError {
    if (!(err instanceof DsmError) || err.category !== "network" || err.networkReason === "tls") return false;
    if (err.networkReason === "http" && err.code !== undefined && err.code < 500) return false;
    // A write that may have arrived must be re-checked before it goes anywhere else (layer 1).
    return spec.safety === "read" || !err.requestSent;
  }

  private async onAnyEndpoint<T>(spec: CallSpec<T>, run: (origin: string) => Promise<T>): Promise<T> {
    const order = this.endpointOrder(spec);
    let lastNetwork: DsmError | undefined;
    const isWrite = spec.safety !== "read";
    for (const [i, origin] of order.entries()) {
      if (isWrite) addWork(origin, 1);
      try {
        const result = await run(origin);
        this.preferred = this.options.endpoints.indexOf(origin);
        this.downUntil.delete(origin);
        return result;
      } catch (err) {
        if (!this.canFailOver(err, spec)) throw err;
        lastNetwork = err;
        this.downUntil.set(origin, Date.now() + this.options.endpointCooldownMs);
        const next = order[i + 1];
        if (next)
          this.log("warn", `${hostOf(origin)} did not answer (${err.meaning}); trying ${hostOf(next)}`);
      } finally {
        if (isWrite) addWork(origin, -1);
      }
    }
    const err = lastNetwork as DsmError;
    if (order.length < 2) throw err;
    throw withChanges(err, {
      detail: `none of the ${order.length} endpoints answered (${order.map(hostOf).join(", ")})`,
    });
  }

  // ── layer 3: one endpoint ─────────────────────────────────────────────────────────────────────

  private async onEndpoint<T>(origin: string, spec: CallSpec<T>): Promise<T> {
    this.assertOpen(spec);
    const apis = await this.discover(origin);
    const info = apis.get(spec.api);
    if (!info) throw unsupported(origin, spec);
    const version = pickVersion(info, spec.version ?? 1);
    if (version === undefined) throw unsupported(origin, spec, info);
    const url = `${origin}/webapi/${info.path}`;
    const session = this.session(origin);
    let reloggedIn = false;
    for (;;) {
      const sid = await session.acquire(
        () => this.login(origin, apis),
        (err) => err instanceof DsmError && err.category === "dsm" && isLoginRefusal(err.code),
      );
      // Reads may share one SYNO.Entry.Request with others (batch.ts); the answer is this call's own.
      const envelope = await this.batcher.post(origin, apis, url, spec, version, sid);
      if (envelope.ok) return this.parse(origin, spec, envelope.data, version, url);
      if (SESSION_CODES.has(envelope.code) && !reloggedIn) {
        // Session expired or unknown: drop it (unless a concurrent caller already replaced it) and log in once more.
        this.log("info", `session on ${hostOf(origin)} ended (${envelope.code}); logging in again`);
        session.invalidate(sid);
        reloggedIn = true;
        continue;
      }
      throw dsmCodeError({
        ...describe(spec, origin, version, url),
        code: envelope.code,
        reasons: envelope.reasons,
      });
    }
  }

  private parse<T>(origin: string, spec: CallSpec<T>, data: unknown, version: number, url: string): T {
    try {
      return spec.parse(data, origin);
    } catch (err) {
      if (!(err instanceof ShapeError)) throw err;
      throw protocolError(origin, spec, err.message, version, url);
    }
  }

  private session(origin: string): SessionEntry {
    const entry = sessionFor(origin, this.options.username, this.options.password);
    entry.holders.add(this);
    this.touched.add(entry);
    return entry;
  }

  /** SYNO.API.Info query, once per endpoint per process (shared across clients). */
  discover(origin: string): Promise<ApiInfoMap> {
    return discoverOnce(origin, async () => {
      const params = { query: "all" };
      let envelope: Envelope;
      try {
        envelope = await this.post(origin, `${origin}/webapi/query.cgi`, infoSpec, 1, params);
      } catch (err) {
        // DSM 7 also answers at entry.cgi; some proxies only forward that path.
        if (!(err instanceof DsmError) || err.networkReason !== "http") throw err;
        envelope = await this.post(origin, `${origin}/webapi/entry.cgi`, infoSpec, 1, params);
      }
      if (!envelope.ok) {
        throw dsmCodeError({
          ...describe(infoSpec, origin, 1),
          code: envelope.code,
          reasons: envelope.reasons,
        });
      }
      const apis = this.parse(origin, infoSpec, envelope.data, 1, `${origin}/webapi/query.cgi`);
      this.log("debug", `discovered ${apis.size} APIs on ${hostOf(origin)}`);
      return apis;
    });
  }

  /** Discovery from the first endpoint that answers (with retries and failover). */
  discoverAny(): Promise<ApiInfoMap> {
    return this.call(infoSpec, (origin) => {
      this.assertOpen(infoSpec);
      return this.discover(origin);
    });
  }

  private async login(origin: string, apis: ApiInfoMap): Promise<string> {
    const spec: CallSpec<string> = { api: AUTH_API, method: "login", safety: "write", parse: () => "" };
    const info = apis.get(AUTH_API);
    if (!info) throw unsupported(origin, spec);
    const version = pickVersion(info, 6, 2) ?? info.maxVersion;
    const url = `${origin}/webapi/${info.path}`;
    const form = {
      account: this.options.username,
      passwd: this.options.password,
      session: this.options.sessionName,
      format: "sid",
    };
    this.log("debug", `logging in to ${hostOf(origin)} as ${this.options.username}`);
    const envelope = await this.post(origin, url, spec, version, form);
    if (!envelope.ok) {
      throw dsmCodeError({
        ...describe(spec, origin, version, url),
        params: form,
        code: envelope.code,
        reasons: envelope.reasons,
      });
    }
    const data = envelope.data;
    const sid =
      typeof data === "object" && data !== null && typeof (data as { sid?: unknown }).sid === "string"
        ? (data as { sid: string }).sid
        : "";
    if (!sid) throw protocolError(origin, spec, "the login answer has no sid", version, url);
    return sid;
  }

  // ── layer 4: the wire ─────────────────────────────────────────────────────────────────────────

  private async post(
    origin: string,
    url: string,
    spec: CallSpec<unknown>,
    version: number,
    params: Readonly<Record<string, string>>,
  ): Promise<Envelope> {
    const form = { api: spec.api, version: String(version), method: spec.method, ...params };
    const limiter = limiterFor(origin, this.options.maxInFlightPerEndpoint);
    const request = { url, form, timeoutMs: this.options.timeoutMs };
    let status: number;
    let body: string;
    try {
      ({ status, body } = await limiter.run(() => this.transport(request)));
    } catch (err) {
      const te = err instanceof TransportError ? err : new TransportError("other", true, scrub(String(err)));
      throw new DsmError({
        category: "network",
        api: spec.api,
        method: spec.method,
        endpoint: origin,
        meaning: te.message,
        detail: networkDetail(te, origin),
        hint: networkHint(te),
        params: form,
        version,
        url,
        networkReason: te.reason,
        requestSent: te.sent,
      });
    }
    if (status !== 200) {
      throw new DsmError({
        category: "network",
        api: spec.api,
        method: spec.method,
        endpoint: origin,
        code: status,
        meaning: `HTTP status ${status}`,
        detail:
          status >= 500
            ? "the web server answered with an error instead of DSM's JSON"
            : "wrong address or path",
        hint:
          status >= 500
            ? "retried automatically where safe; if it persists, restart the DSM web service on that host"
            : "check that the endpoint points at DSM (port 5001 for HTTPS, 5000 for HTTP)",
        params: form,
        version,
        url,
        networkReason: "http",
        requestSent: true,
      });
    }
    try {
      return parseEnvelope(body);
    } catch (err) {
      if (!(err instanceof ShapeError)) throw err;
      throw protocolError(origin, spec, err.message, version, url);
    }
  }

  // ── lifecycle ─────────────────────────────────────────────────────────────────────────────────

  private assertOpen(spec: CallSpec<unknown>): void {
    if (!this.closed) return;
    throw new DsmError({
      category: "closed",
      api: spec.api,
      method: spec.method,
      endpoint: this.options.endpoints[0] ?? "",
      meaning: "the client was closed",
      hint: "create a new client with createClient(); close() ends its sessions",
    });
  }

  /** Releases this client's hold on its sessions; the last holder logs out (best effort). */
  async close(): Promise<void> {
    if (this.closed) return;
    // Closed first: a call made while the logouts are under way is refused instead of logging in again.
    this.closed = true;
    const logouts: Promise<void>[] = [];
    for (const entry of this.touched) {
      entry.holders.delete(this);
      if (entry.holders.size === 0) {
        dropSession(entry);
        if (entry.sid) logouts.push(this.logout(entry));
      }
    }
    this.touched.clear();
    await Promise.all(logouts);
  }

  private async logout(entry: SessionEntry): Promise<void> {
    const sid = entry.sid as string;
    try {
      const apis = await this.discover(entry.origin);
      const info = apis.get(AUTH_API);
      if (!info) return;
      const spec: CallSpec<void> = {
        api: AUTH_API,
        method: "logout",
        safety: "idempotent",
        parse: () => undefined,
      };
      const version = pickVersion(info, 6, 2) ?? info.maxVersion;
      await this.post(entry.origin, `${entry.origin}/webapi/${info.path}`, spec, version, {
        session: this.options.sessionName,
        _sid: sid,
      });
    } catch (err) {
      this.log(
        "debug",
        `logout from ${hostOf(entry.origin)} failed (ignored): ${err instanceof Error ? err.message : ""}`,
      );
    } finally {
      entry.forget();
    }
  }
}

function describe(spec: CallSpec<unknown>, origin: string, version: number, url?: string) {
  return {
    api: spec.api,
    method: spec.method,
    endpoint: origin,
    subject: spec.subject,
    params: spec.params as Params | undefined,
    version,
    url,
  };
}

function unsupported(origin: string, spec: CallSpec<unknown>, info?: ApiInfo): DsmError {
  const why = info
    ? `this host speaks versions ${info.minVersion}-${info.maxVersion}, the client needs ${spec.version ?? 1}`
    : `${hostOf(origin)} does not list ${spec.api} in SYNO.API.Info`;
  return new DsmError({
    category: "unsupported",
    api: spec.api,
    method: spec.method,
    endpoint: origin,
    meaning: info ? "API version not supported" : "API not available on this cluster",
    detail: `${why}${spec.api.startsWith("SYNO.Virtualization.API.") ? "" : " (capability level official-only)"}`,
    hint:
      spec.unsupportedHint ??
      "do this step in Virtual Machine Manager's web UI, then run pulumi refresh; or update VMM on the host",
    params: spec.params as Params | undefined,
  });
}

function protocolError(
  origin: string,
  spec: CallSpec<unknown>,
  why: string,
  version: number,
  url: string,
): DsmError {
  return new DsmError({
    category: "protocol",
    api: spec.api,
    method: spec.method,
    endpoint: origin,
    meaning: "unexpected answer",
    detail: why,
    hint: "check that the endpoint is a DSM host running a supported Virtual Machine Manager version",
    params: spec.params as Params | undefined,
    version,
    url,
  });
}

function outcomeUnknown(err: DsmError, spec: CallSpec<unknown>): DsmError {
  return withChanges(err, {
    category: "outcome-unknown",
    detail: `${err.meaning}; the request may or may not have been applied${spec.subject ? ` to ${spec.subject}` : ""}, and it was not sent again`,
    hint: "check the object in the VMM UI or run pulumi refresh, then run again",
  });
}

/** What a network failure means for one endpoint, in words (also used by `synovmm doctor`). */
export function networkDetail(err: TransportError, origin: string): string {
  switch (err.reason) {
    case "refused":
      return `nothing listens at ${origin}`;
    case "unreachable":
    case "dns":
      return `${hostOf(origin)} cannot be reached from here`;
    case "tls":
      return `the certificate of ${hostOf(origin)} is not trusted`;
    case "timeout":
      return `${hostOf(origin)} did not answer in time`;
    case "reset":
      return `${hostOf(origin)} closed the connection`;
    default:
      return `talking to ${hostOf(origin)} failed`;
  }
}

/** How to fix a network failure (also used by `synovmm doctor`). */
export function networkHint(err: TransportError): string {
  switch (err.reason) {
    case "tls":
      return "pass the DSM certificate or its CA as caCertificate (PEM); insecureSkipTlsVerify only for tests";
    case "timeout":
      return "the host may be overloaded: raise timeoutMs, or lower maxInFlightPerEndpoint";
    default:
      return "check that the host is powered on and DSM is reachable on that address and port; add other hosts of the cluster to endpoints";
  }
}
