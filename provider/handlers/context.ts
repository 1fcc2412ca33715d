/**
 * One LiveApi per cluster per provider process: the DSM client behind it keeps one session per
 * endpoint, shared by every resource (no login storm when the engine runs 16 creates at once).
 */
import { connectionFor } from "./connection";
import type { LiveApi } from "./live-api";

type Factory = (cluster: string) => LiveApi;

const CACHE = Symbol.for("synovmm.liveApis");
const FACTORY = Symbol.for("synovmm.liveApiFactory");
type Store = { [CACHE]?: Map<string, LiveApi>; [FACTORY]?: Factory };

/** Tests replace the DSM-backed factory with a fake. */
export function setLiveApiFactory(factory: Factory | undefined): void {
  const store = globalThis as Store;
  store[FACTORY] = factory;
  store[CACHE] = new Map();
}

function dsmFactory(cluster: string): LiveApi {
  const { DsmLiveApi } = require("./dsm-live-api") as typeof import("./dsm-live-api");
  return new DsmLiveApi(connectionFor(cluster));
}

export function liveApiFor(cluster: string): LiveApi {
  const store = globalThis as Store;
  const cache = (store[CACHE] ??= new Map());
  let api = cache.get(cluster);
  if (api === undefined) {
    api = (store[FACTORY] ?? dsmFactory)(cluster);
    cache.set(cluster, api);
  }
  return api;
}
