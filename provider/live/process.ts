/**
 * Everything a provider process keeps for its lifetime, in one object made on first use: the
 * client's caches (sessions, discovery, limiters, work per endpoint, task estimates), the LiveApi
 * of each cluster, how stack config is read, where handlers' notices go, and the few "once per
 * process" facts. One process serves every resource of a run, so these are shared by all of them
 * (ADR 017, ADR 022). Tests start a clean one with `newProviderProcess()`.
 */
import { clientState, resetProcessState, type ClientProcessState } from "../api/core/process-state";
import type { LiveApi } from "./live-api";
import type { HandlerLog } from "./log";

export type LiveApiFactory = (cluster: string) => LiveApi;
export type ConfigGetter = (key: string) => string | undefined;

export class ProviderProcess {
  /** The LiveApi of each cluster, made on first use. */
  readonly liveApis = new Map<string, LiveApi>();
  /** Tests put a fake here; else the DSM-backed adapter. */
  liveApiFactory?: LiveApiFactory;
  /** Where handlers' notices go; stdout when unset. */
  log?: HandlerLog;
  /** Set by the logout at shutdown: nothing may log in again afterwards (ADR 022). */
  closed = false;
  /** How stack config is read, from the engine's `configure`. */
  config?: ConfigGetter;
  /** The official-only notice is said once per process. */
  saidOfficialOnly = false;
  /** The signal handlers that log out at the end are installed once. */
  shutdownHooked = false;
  /** The number of the last debug line. */
  debugSerial = 0;

  /** The client's caches, shared by every client of this process. */
  get client(): ClientProcessState {
    return clientState();
  }
}

// On globalThis, so two copies of this module in one process (a program and its provider loaded
// from different paths, ADR 007) still share one process object.
const CURRENT = Symbol.for("synovmm.providerProcess");
type Store = { [CURRENT]?: ProviderProcess };

export function providerProcess(): ProviderProcess {
  return ((globalThis as Store)[CURRENT] ??= new ProviderProcess());
}

/** A clean process object, with fresh client caches (tests only; a real process has one). */
export function newProviderProcess(): ProviderProcess {
  resetProcessState();
  return ((globalThis as Store)[CURRENT] = new ProviderProcess());
}
