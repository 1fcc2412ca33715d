// What one typed method asks of the request pipeline: the DSM call and how safe it is to repeat.

export type ParamValue =
  string | number | boolean | readonly unknown[] | Readonly<Record<string, unknown>> | undefined;

export type Params = Readonly<Record<string, ParamValue>>;

/**
 * - `read`: no effect; repeat freely, on any endpoint.
 * - `idempotent`: a write that has the same effect when repeated (set to a value, delete by id).
 * - `write`: repeating could act twice (create, join, …): after a lost answer it is re-checked first.
 */
export type Safety = "read" | "idempotent" | "write";

export type Recheck<T> = { readonly applied: true; readonly value: T } | { readonly applied: false };

export interface CallSpec<T> {
  readonly api: string;
  readonly method: string;
  readonly params?: Params;
  readonly safety: Safety;
  /** Names the object for messages: `a guest named "web-1"`. */
  readonly subject?: string;
  /** Turns DSM's `data` into the client's plain object; `origin` is the endpoint that answered. */
  readonly parse: (data: unknown, origin: string) => T;
  /**
   * The endpoint to ask first: the one that started the task this call is about. DSM keeps task
   * records on the host that runs the task's request, so another host may not know the id [ours:
   * no capture shows a task read on a second host; asking the origin is safe either way].
   */
  readonly origin?: string;
  /** After an answer to a `write` was lost: did the write take effect? (reads through the client) */
  readonly recheck?: () => Promise<Recheck<T>>;
  /**
   * On a re-send after a lost answer, these codes may mean the first send did it after all (403 name
   * taken, 904 already running): `recheck` then decides, and a genuine refusal is still thrown.
   */
  readonly appliedCodes?: readonly number[];
  /** Highest API version this binding speaks (default 1). */
  readonly version?: number;
  /** What to tell the user when the API is missing (the official-only capability level). */
  readonly unsupportedHint?: string;
}

/** Form encoding: structured values as JSON text in one field, as DSM expects (`vdisks=[…]`). */
export function encodeParams(params: Params | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined) continue;
    out[key] =
      typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  return out;
}
