// DSM's answer envelope: HTTP 200 with {"success":true,"data":…} or {"success":false,"error":{"code":N}}.

import { ShapeError, asObject, optNum } from "./shape";

export type Envelope =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly code: number; readonly reasons: readonly string[] };

/**
 * DSM adds `error.errors` for some refusals: one object `{name|path, reason?}` on real DSM 7
 * (evidence §3, PMI), a list of them elsewhere; keep the readable parts of either.
 */
function reasonsOf(error: Readonly<Record<string, unknown>>): string[] {
  const errors = error.errors;
  const list: unknown[] = Array.isArray(errors)
    ? errors
    : typeof errors === "object" && errors !== null
      ? [errors]
      : [];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== "object" || item === null) continue;
    const e = item as Record<string, unknown>;
    const reason = typeof e.reason === "string" ? e.reason : undefined;
    const name = typeof e.name === "string" ? e.name : typeof e.path === "string" ? e.path : undefined;
    const rule = typeof e.rule === "string" ? ` [${e.rule}]` : "";
    if (reason) out.push(`${name ? `${name}: ` : ""}${reason}${rule}`);
  }
  return out;
}

export function parseEnvelope(body: string): Envelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ShapeError(`the answer is not JSON (starts with ${JSON.stringify(body.slice(0, 40))})`);
  }
  return envelopeOf(parsed, "the answer");
}

/**
 * One envelope from an already parsed value: the whole answer, or one inner result of a
 * SYNO.Entry.Request compound, which has the same `success`/`data`/`error` shape (evidence §3).
 */
export function envelopeOf(parsed: unknown, what: string): Envelope {
  const o = asObject(parsed, what);
  if (o.success === true) return { ok: true, data: o.data };
  if (o.success === false) {
    const error = o.error === undefined ? {} : asObject(o.error, "error");
    return { ok: false, code: optNum(error, "code") ?? 100, reasons: reasonsOf(error) };
  }
  throw new ShapeError(`${what} has no boolean "success" field`);
}
