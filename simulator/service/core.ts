/** Everything one running simulator holds, shared by the DSM layer and the control API. */
import type { ApiDef, DsmFlavour } from "../api/types";
import type { BoxState } from "../model/state";
import type { World } from "../model/world";
import type { Faults } from "./faults";
import type { RequestLog } from "./request-log";
import type { Sessions } from "./sessions";

export interface SimCore {
  /** Replaced on reset, so always read it through the core. */
  world: World;
  catalog: Map<string, ApiDef>;
  sessions: Sessions;
  faults: Faults;
  log: RequestLog;
  dsm: DsmFlavour;
  addressOf: (box: BoxState) => string;
  emit: (line: string) => void;
}
