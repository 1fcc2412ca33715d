// The client's share of a provider process's state, in one object: what every client of the
// process shares for its lifetime (discovery per endpoint, one session per endpoint and account,
// the in-flight bound and the work handed to each endpoint, how long tasks of a kind take). One is
// made per process, on first use; the provider's own context (live/process.ts) holds it beside the
// rest. Tests start clean with resetProcessState(); production never needs to.

import type { ApiInfoMap } from "./discovery";
import type { Limiter } from "./limiter";
import type { SessionEntry } from "./session";

export class ClientProcessState {
  /** Every client in this process shares one discovery per endpoint. */
  readonly discovery = new Map<string, Promise<ApiInfoMap>>();
  /** Sessions are per process, not per client object (ADR 022). */
  readonly sessions = new Map<string, SessionEntry>();
  /** The in-flight bound is per endpoint for the whole process. */
  readonly limiters = new Map<string, Limiter>();
  /** Work this process handed each endpoint and has not seen finish (ADR 017). */
  readonly work = new Map<string, number>();
  /** Predicted task lengths per task kind (ADR 017). */
  readonly taskEstimates = new Map<string, number[]>();
}

// On globalThis, so two copies of this module in one process (a program and its provider loaded
// from different paths, ADR 007) still share one state.
const CURRENT = Symbol.for("synovmm.clientProcessState");
type Store = { [CURRENT]?: ClientProcessState };

export function clientState(): ClientProcessState {
  return ((globalThis as Store)[CURRENT] ??= new ClientProcessState());
}

/** A fresh state: the old sessions' ids are forgotten (no logout is sent). */
export function resetProcessState(): void {
  const old = (globalThis as Store)[CURRENT];
  for (const entry of old?.sessions.values() ?? []) entry.forget();
  (globalThis as Store)[CURRENT] = new ClientProcessState();
}
