// Batched reads (ADR 018): reads bound for the same endpoint within a short window go out
// as ONE `SYNO.Entry.Request` `request` POST, where that endpoint's SYNO.API.Info lists it. Real DSM 7
// lists SYNO.Entry.Request 1–2 at entry.cgi (evidence §1.2) and answers a compound with
// `data.has_fail` and `data.result[]`, one `{success, data | error}` per inner call (evidence §3,
// "Compound calls" [4]). The outer `success: true` says nothing about the inner calls, so each inner
// result becomes exactly the envelope that call would have got alone, and the caller's layer 3
// (parse, DsmError, one re-login on 106/119) runs on it per call, as for a plain request.
// Writes, SYNO.API.* (Info, Auth) and a window holding one read are always sent plainly.

import type { CallSpec } from "./call-spec";
import { encodeParams } from "./call-spec";
import { ApiInfoMap, pickVersion } from "./discovery";
import { hostOf } from "./endpoint";
import { Envelope, envelopeOf } from "./envelope";
import { DsmError } from "./error";
import { ShapeError, asArray, asObject } from "./shape";
import type { Logger } from "../options";

export const BATCH_API = "SYNO.Entry.Request";
export const BATCH_METHOD = "request";

/**
 * How long a read waits for company. The engine asks about many resources at once, and the reads
 * of one step (a refresh, the checks of a preview) leave within a millisecond or two of each
 * other; 2 ms catches them, and is small next to one DSM round trip (tens of ms), so a lone read
 * pays almost nothing for the chance.
 */
export const BATCH_WINDOW_MS = 2;

/**
 * Most reads in one compound. The compound is sent `sequential` (see compoundForm) under one
 * request timeout, so its time is the sum of its reads: 8 reads of a few hundred ms each stay far
 * inside timeoutMs (30 s) even on a slow NAS. The distinct reads of one window are usually fewer
 * (one per kind: cluster, hosts, networks, storages, images, guests, placement), so a larger cap
 * would rarely help. No public source shows DSM's own limit [U].
 */
export const MAX_BATCH = 8;

/** Sends one request as Caller.post does: limiter slot, timeout, failures as DsmError. */
export type Send = (
  origin: string,
  url: string,
  spec: CallSpec<unknown>,
  version: number,
  params: Readonly<Record<string, string>>,
) => Promise<Envelope>;

interface Member {
  readonly spec: CallSpec<unknown>;
  readonly version: number;
  /** Where the call would have gone alone (for its error messages and a plain fallback). */
  readonly url: string;
  /** The plain form without api/version/method, `_sid` included. */
  readonly form: Readonly<Record<string, string>>;
  readonly resolve: (envelope: Envelope) => void;
  readonly reject: (err: unknown) => void;
}

interface Group {
  readonly origin: string;
  readonly sid: string;
  readonly url: string;
  readonly version: number;
  readonly members: Member[];
}

const compoundSpec: CallSpec<unknown> = {
  api: BATCH_API,
  method: BATCH_METHOD,
  safety: "read",
  parse: (data) => data,
};

export class Batcher {
  /** Groups still taking members, by endpoint and session (a compound carries one `_sid`). */
  private readonly open = new Map<string, Group>();
  /** Endpoints whose DSM refused or garbled a compound: their reads go plainly from then on. */
  private readonly plainOnly = new Set<string>();

  constructor(
    private readonly send: Send,
    private readonly log: Logger,
  ) {}

  /** The envelope `spec` gets on `origin`: from a shared compound when it may join one, else plainly. */
  post(
    origin: string,
    apis: ApiInfoMap,
    url: string,
    spec: CallSpec<unknown>,
    version: number,
    sid: string,
  ): Promise<Envelope> {
    const form = { ...encodeParams(spec.params), _sid: sid };
    const route = this.route(origin, apis, spec);
    if (route === undefined) return this.send(origin, url, spec, version, form);
    return new Promise<Envelope>((resolve, reject) => {
      const key = `${origin}\n${sid}`;
      let group = this.open.get(key);
      if (group === undefined) {
        const fresh: Group = { origin, sid, url: route.url, version: route.version, members: [] };
        this.open.set(key, fresh);
        setTimeout(() => this.flush(key, fresh), BATCH_WINDOW_MS);
        group = fresh;
      }
      group.members.push({ spec, version, url, form, resolve, reject });
      // A full group takes no more; it still leaves when its window ends.
      if (group.members.length >= MAX_BATCH) this.open.delete(key);
    });
  }

  /** Where a compound holding `spec` goes on `origin`, or undefined when `spec` must go plainly. */
  private route(
    origin: string,
    apis: ApiInfoMap,
    spec: CallSpec<unknown>,
  ): { url: string; version: number } | undefined {
    // Only reads: a write inside a compound could not be re-checked or retried on its own.
    if (spec.safety !== "read" || spec.api.startsWith("SYNO.API.") || spec.api === BATCH_API)
      return undefined;
    if (this.plainOnly.has(origin)) return undefined;
    const entry = apis.get(BATCH_API);
    const own = apis.get(spec.api);
    // The compound is served at its own path; an API elsewhere (a DSM 6 auth.cgi) stays plain.
    if (entry === undefined || own === undefined || own.path !== entry.path) return undefined;
    // Version 1: the lowest listed, and all the evidence needs (mode, stop_when_error, result[]).
    const version = pickVersion(entry, 1);
    if (version === undefined) return undefined;
    return { url: `${origin}/webapi/${entry.path}`, version };
  }

  private flush(key: string, group: Group): void {
    if (this.open.get(key) === group) this.open.delete(key);
    const { members } = group;
    if (members.length === 1) {
      this.plain(group.origin, members[0]);
      return;
    }
    this.log("debug", `${members.length} reads in one ${BATCH_API} to ${hostOf(group.origin)}`);
    void this.compound(group);
  }

  private plain(origin: string, m: Member): void {
    this.send(origin, m.url, m.spec, m.version, m.form).then(m.resolve, m.reject);
  }

  private async compound(group: Group): Promise<void> {
    const { origin, members } = group;
    let outer: Envelope;
    try {
      outer = await this.send(origin, group.url, compoundSpec, group.version, compoundForm(group));
    } catch (err) {
      // No answer at all: each read fails as it would have alone, so layers 1–2 retry or fail it over.
      for (const m of members) m.reject(err instanceof DsmError ? asMember(err, m) : err);
      return;
    }
    if (!outer.ok) {
      // 101–104: this DSM does not take the compound as we sent it; the reads go plainly, now and later.
      if (outer.code >= 101 && outer.code <= 104) return this.fallBack(origin, members, `code ${outer.code}`);
      // Anything else (session 106/119, busy) concerns every read alike: each handles it as its own.
      for (const m of members) m.resolve(outer);
      return;
    }
    let inner: Envelope[];
    try {
      inner = innerEnvelopes(outer.data, members.length);
    } catch (err) {
      if (err instanceof ShapeError) return this.fallBack(origin, members, err.message);
      for (const m of members) m.reject(err);
      return;
    }
    members.forEach((m, i) => m.resolve(inner[i]));
  }

  private fallBack(origin: string, members: readonly Member[], why: string): void {
    this.plainOnly.add(origin);
    this.log("info", `${hostOf(origin)} did not take ${BATCH_API} (${why}); sending reads one by one`);
    for (const m of members) this.plain(origin, m);
  }
}

/**
 * The compound's form. Inner parameters are JSON values, as DSM's requestFormat JSON reads them
 * (evidence §3, value encoding): a string stays a string, a list or object stays structured.
 * `sequential` keeps the NAS's load at one call per in-flight slot (the limiter's bound holds);
 * `stop_when_error=false`: every read wants its own answer, whatever the others got.
 */
function compoundForm(group: Group): Record<string, string> {
  const compound = group.members.map((m) => {
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(m.spec.params ?? {})) if (v !== undefined) params[k] = v;
    return { api: m.spec.api, method: m.spec.method, version: m.version, ...params };
  });
  return {
    compound: JSON.stringify(compound),
    mode: '"sequential"',
    stop_when_error: "false",
    _sid: group.sid,
  };
}

/** One envelope per member, in order; a missing or shapeless result makes the whole answer unusable. */
function innerEnvelopes(data: unknown, count: number): Envelope[] {
  const result = asArray(asObject(data, `the ${BATCH_API} data`).result, `the ${BATCH_API} result`);
  if (result.length !== count)
    throw new ShapeError(`the ${BATCH_API} answer has ${result.length} results for ${count} calls`);
  return result.map((r, i) => envelopeOf(r, `${BATCH_API} result ${i}`));
}

/** The compound's failure as this member's own: its API, method, parameters and URL. */
function asMember(err: DsmError, m: Member): DsmError {
  return new DsmError({
    category: err.category,
    api: m.spec.api,
    method: m.spec.method,
    endpoint: err.endpoint,
    code: err.code,
    meaning: err.meaning,
    detail: `${err.detail ? `${err.detail}; ` : ""}sent within one ${BATCH_API}`,
    hint: err.hint,
    params: { api: m.spec.api, version: String(m.version), method: m.spec.method, ...m.form },
    version: m.version,
    url: m.url,
    networkReason: err.networkReason,
    requestSent: err.requestSent,
  });
}
