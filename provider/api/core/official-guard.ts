// The client's half of ADR 019: a call to Synology's official VMM API leaves only if every method,
// parameter and vdisks/vnics item key in it is in the evidence table (evidence/official-api.json).
// Our private SYNO.SynoVmmSim.* APIs and DSM's envelope APIs are not judged here.

import { undocumentedParts } from "../../evidence/official-api";
import type { Params } from "./call-spec";
import { DsmError } from "./error";

/** Throws, before anything is sent, when the call would carry what no public source documents. */
export function refuseUndocumented(api: string, method: string, params: Params | undefined): void {
  const parts = undocumentedParts(api, method, params ?? {});
  if (parts.length === 0) return;
  throw new DsmError({
    category: "protocol",
    api,
    method,
    endpoint: "",
    meaning: "undocumented official call refused",
    detail: `synovmm was about to send ${parts.map((p) => p.param).join(", ")}, which no public source documents (${parts.map((p) => p.why).join("; ")}); nothing was sent`,
    hint: "this is a synovmm defect, not a problem of your NAS: report it with this message",
  });
}
