/**
 * The one error type of the simulator: a DSM error code plus the why. The HTTP layer turns it
 * into `{success:false, error:{code, errors:{name, reason, rule?}}}` (an object, as real DSM shapes it); the control API into
 * HTTP 400 with the same code, so tests can assert the code and read the reason.
 */

export interface ErrorDetail {
  /** Parameter or object the refusal is about. */
  name: string;
  /** What was refused, why, and how to fix it. */
  reason: string;
  /** Rule of docs/requirements.md (R1…R14) when one applies. */
  rule?: string;
}

export class SimError extends Error {
  readonly code: number;
  readonly detail: ErrorDetail;

  constructor(code: number, name: string, reason: string, rule?: string) {
    super(`${rule !== undefined ? `${rule}: ` : ""}${reason} (DSM error ${code}, ${name})`);
    this.name = "SimError";
    this.code = code;
    this.detail = rule === undefined ? { name, reason } : { name, reason, rule };
  }
}

/** Shorthand used by the object files: `fail(401, "guest_id", "…")`. */
export function fail(code: number, name: string, reason: string, rule?: string): never {
  throw new SimError(code, name, reason, rule);
}
