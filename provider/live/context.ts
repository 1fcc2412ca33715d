/**
 * What every handler works with, one per provider process: the LiveApi of each cluster (the DSM
 * client behind it keeps one session per endpoint, shared by every resource: no login storm when
 * the engine runs 16 creates at once) and the log its notices go to. The sessions live as long as
 * the process: logged in once per NAS, logged out once at the end (ADR 022).
 */
import { connectionFor } from "./connection";
import type { LiveApi } from "./live-api";
import { STDOUT_LOG, type HandlerLog } from "./log";

type Factory = (cluster: string) => LiveApi;

const CACHE = Symbol.for("synovmm.liveApis");
const FACTORY = Symbol.for("synovmm.liveApiFactory");
const LOG = Symbol.for("synovmm.handlerLog");
const CLOSED = Symbol.for("synovmm.liveApisClosed");
type Store = {
  [CACHE]?: Map<string, LiveApi>;
  [FACTORY]?: Factory;
  [LOG]?: HandlerLog;
  [CLOSED]?: boolean;
};

/** Tests capture or silence the handlers' notices; `undefined` restores stdout. */
export function setHandlerLog(log: HandlerLog | undefined): void {
  (globalThis as Store)[LOG] = log;
}

export function handlerLog(): HandlerLog {
  return (globalThis as Store)[LOG] ?? STDOUT_LOG;
}

/** Tests replace the DSM-backed factory with a fake. */
export function setLiveApiFactory(factory: Factory | undefined): void {
  const store = globalThis as Store;
  store[FACTORY] = factory;
  store[CACHE] = new Map();
  store[CLOSED] = false;
}

/** The log as set when a message is written, not when the LiveApi was made (tests swap it). */
const CURRENT_LOG: HandlerLog = {
  notice: (message) => handlerLog().notice(message),
  warn: (message) => handlerLog().warn(message),
};

function dsmFactory(cluster: string): LiveApi {
  const { DsmLiveApi } = require("./dsm-live-api") as typeof import("./dsm-live-api");
  return new DsmLiveApi(connectionFor(cluster), CURRENT_LOG);
}

export function liveApiFor(cluster: string): LiveApi {
  const store = globalThis as Store;
  // After the logout at shutdown a new LiveApi would log in again: refuse instead (ADR 022).
  if (store[CLOSED]) throw new Error("the provider process is shutting down; run the command again");
  const cache = (store[CACHE] ??= new Map());
  let api = cache.get(cluster);
  if (api === undefined) {
    api = (store[FACTORY] ?? dsmFactory)(cluster);
    cache.set(cluster, api);
  }
  return api;
}

/**
 * Ends every cluster's sessions (one logout per NAS) when the provider process ends (shutdown.ts);
 * nothing may log in again afterwards.
 */
export async function closeLiveApis(): Promise<void> {
  const store = globalThis as Store;
  store[CLOSED] = true;
  const apis = [...(store[CACHE]?.values() ?? [])];
  store[CACHE] = new Map();
  await Promise.all(apis.map((api) => api.close?.()));
}
