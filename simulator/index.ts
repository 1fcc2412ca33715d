/**
 * Public entry of the VMM cluster simulator: `startSimulator` and its types.
 * Everything else under simulator/ is internal and may change; this file and API.md do not.
 */
import type { SimulatorHandle, SimulatorOptions } from "./types";

export * from "./types";
export { SimError } from "./model/errors";

/** Starts a simulated VMM cluster on loopback; `await sim.close()` stops it. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const { start } = require("./start") as typeof import("./start");
  return start(options);
}
