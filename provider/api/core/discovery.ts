// SYNO.API.Info discovery, once per endpoint per process: where each API lives (path) and which
// versions it speaks. The answer also tells which capability level the cluster offers, since the
// internal cluster/HA/migration APIs are listed only where they exist.

import { clientState } from "./process-state";
import { ShapeError, asObject, optNum, optStr } from "./shape";

export interface ApiInfo {
  readonly path: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  readonly requestFormat?: string;
}

export type ApiInfoMap = ReadonlyMap<string, ApiInfo>;

export const INFO_API = "SYNO.API.Info";

/**
 * Runs `fetch` once per origin; concurrent callers share the promise. A failed discovery is forgotten
 * so the next call tries again (the host may just have been down).
 */
export function discoverOnce(origin: string, fetch: () => Promise<ApiInfoMap>): Promise<ApiInfoMap> {
  const cache = clientState().discovery;
  let pending = cache.get(origin);
  if (!pending) {
    pending = fetch();
    cache.set(origin, pending);
    pending.catch(() => {
      if (cache.get(origin) === pending) cache.delete(origin);
    });
  }
  return pending;
}

export function parseApiInfo(data: unknown): ApiInfoMap {
  const o = asObject(data, "SYNO.API.Info data");
  const map = new Map<string, ApiInfo>();
  for (const [name, value] of Object.entries(o)) {
    const entry = asObject(value, `SYNO.API.Info entry ${name}`);
    const path = optStr(entry, "path");
    if (!path) throw new ShapeError(`SYNO.API.Info entry ${name} has no path`);
    map.set(name, {
      path,
      minVersion: optNum(entry, "minVersion") ?? 1,
      maxVersion: optNum(entry, "maxVersion") ?? 1,
      requestFormat: optStr(entry, "requestFormat"),
    });
  }
  return map;
}

/** The highest version both sides speak, or undefined when the ranges do not meet. */
export function pickVersion(info: ApiInfo, wanted: number, oldest = 1): number | undefined {
  const v = Math.min(info.maxVersion, wanted);
  return v >= info.minVersion && v >= oldest ? v : undefined;
}
