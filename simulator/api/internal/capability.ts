/**
 * SYNO.SynoVmmSim.Capability — the read-only marker that tells the provider it talks to this
 * simulator, so it may use the private SYNO.SynoVmmSim.* APIs ("managed" level). [ours]
 */
import { read, type ApiDef } from "../types";

export const capabilityMarkerApi: ApiDef = {
  name: "SYNO.SynoVmmSim.Capability",
  path: "entry.cgi",
  minVersion: 1,
  maxVersion: 1,
  listedIn: "sim",
  session: true,
  methods: {
    get: read(() => ({ schema: 1, simulator: "synovmm" })),
  },
};
