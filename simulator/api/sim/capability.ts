/**
 * SYNO.SynoVmmSim.Capability — the read-only marker that tells the provider it talks to this
 * simulator, so it may use the private SYNO.SynoVmmSim.* APIs ("managed" level). [ours]
 */
import { read, simulatorApi } from "../types";

export const capabilityMarkerApi = simulatorApi("SYNO.SynoVmmSim.Capability", {
  get: read(() => ({ schema: 1, simulator: "synovmm" })),
});
