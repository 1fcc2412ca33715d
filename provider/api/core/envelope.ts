// DSM's answer envelope: HTTP 200 with {"success":true,"data":…} or {"success":false,"error":{"code":N}}.

import { ShapeError, asObject, optNum } from "./shape";

export type Envelope =
  { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly code: number };

export function parseEnvelope(body: string): Envelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ShapeError(`the answer is not JSON (starts with ${JSON.stringify(body.slice(0, 40))})`);
  }
  const o = asObject(parsed, "the answer");
  if (o.success === true) return { ok: true, data: o.data };
  if (o.success === false) {
    const code = o.error === undefined ? undefined : optNum(asObject(o.error, "error"), "code");
    return { ok: false, code: code ?? 100 };
  }
  throw new ShapeError('the answer has no boolean "success" field');
}
