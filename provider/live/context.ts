/**
 * What every handler works with, kept in the provider process's one object (process.ts): the LiveApi of each cluster (the DSM
 * client behind it keeps one session per endpoint, shared by every resource: no login storm when
 * the engine runs 16 creates at once) and the log its notices go to. The sessions live as long as
 * the process: logged in once per NAS, logged out once at the end (ADR 022).
 */
import { connectionFor } from "./connection";
import type { LiveApi } from "./live-api";
import { STDOUT_LOG, type HandlerLog } from "./log";
import { providerProcess, type LiveApiFactory } from "./process";

/** Tests capture or silence the handlers' notices; `undefined` restores stdout. */
export function setHandlerLog(log: HandlerLog | undefined): void {
  providerProcess().log = log;
}

export function handlerLog(): HandlerLog {
  return providerProcess().log ?? STDOUT_LOG;
}

/** Tests replace the DSM-backed factory with a fake. */
export function setLiveApiFactory(factory: LiveApiFactory | undefined): void {
  const proc = providerProcess();
  proc.liveApiFactory = factory;
  proc.liveApis.clear();
  proc.closed = false;
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
  const proc = providerProcess();
  // After the logout at shutdown a new LiveApi would log in again: refuse instead (ADR 022).
  if (proc.closed) throw new Error("the provider process is shutting down; run the command again");
  let api = proc.liveApis.get(cluster);
  if (api === undefined) {
    api = (proc.liveApiFactory ?? dsmFactory)(cluster);
    proc.liveApis.set(cluster, api);
  }
  return api;
}

/**
 * Ends every cluster's sessions (one logout per NAS) when the provider process ends (shutdown.ts);
 * nothing may log in again afterwards.
 */
export async function closeLiveApis(): Promise<void> {
  const proc = providerProcess();
  proc.closed = true;
  const apis = [...proc.liveApis.values()];
  proc.liveApis.clear();
  await Promise.all(apis.map((api) => api.close?.()));
}
