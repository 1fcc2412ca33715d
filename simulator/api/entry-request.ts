/**
 * SYNO.Entry.Request — DSM's compound call [Synology]. Real DSM 7 lists it at entry.cgi, versions
 * 1–2, requestFormat JSON (docs/reference/vmm-internal-api-evidence.md §1.2); method `request`
 * takes `compound`, a JSON array of `{api, method, version, …params}`, optional `mode`
 * ("parallel"/"sequential") and `stop_when_error`, and answers `{has_fail, result[]}`, one
 * `{success, data | error}` per inner call (§3 "Compound calls" [4]). Listed and served in both
 * flavours, since every DSM 7 lists it.
 *
 * [ours], where the evidence is silent: every inner call runs through the same dispatcher as a
 * plain request (its own checks, session, faults and log entry), one after another whatever the
 * `mode`; each result echoes `api`, `method` and `version`; `stop_when_error` true leaves the calls
 * after the first failure out of `result`; a malformed `compound` is 120 on the compound itself;
 * an inner `drop` fault drops the whole connection.
 */
import { fail } from "../model/errors";
import { isRecord } from "./params";
import { read, type ApiDef, type CallContext } from "./types";

/** Form text of one inner value, as a plain request would carry it (strings bare, the rest JSON). */
function formText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The inner calls; anything but a JSON array is 120 on the compound itself [ours]. */
function compoundOf(text: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed))
    fail(
      120,
      "compound",
      `'compound' must be a JSON array of {api, method, version, …}; got ${text.slice(0, 40)}`,
    );
  return parsed;
}

async function request(ctx: CallContext): Promise<unknown> {
  const calls = compoundOf(ctx.params.required("compound"));
  const mode = ctx.params.str("mode");
  if (mode !== undefined && mode !== "parallel" && mode !== "sequential")
    fail(120, "mode", `'mode' must be "parallel" or "sequential", got ${JSON.stringify(mode)}`);
  const stopWhenError = ctx.params.bool("stop_when_error", false);
  const result: unknown[] = [];
  let hasFail = false;
  for (const [i, call] of calls.entries()) {
    if (!isRecord(call)) fail(120, "compound", `compound[${i}] must be an object {api, method, version, …}`);
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(call)) if (v !== undefined && v !== null) params[k] = formText(v);
    const body = await ctx.inner(params);
    const answer = isRecord(body) ? body : {};
    result.push({ api: call.api, method: call.method, version: call.version, ...answer });
    if (answer.success !== true) {
      hasFail = true;
      if (stopWhenError) break;
    }
  }
  return { has_fail: hasFail, result };
}

export const entryRequestApi: ApiDef = {
  name: "SYNO.Entry.Request",
  path: "entry.cgi",
  requestFormat: "JSON",
  minVersion: 1,
  maxVersion: 2,
  listedIn: "both",
  session: true,
  // Not mutating itself: each inner call meets the mutation guard (R2 quorum) on its own.
  methods: { request: read(request) },
};
