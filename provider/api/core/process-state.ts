// The per-process caches (discovery, sessions, limiters, work per endpoint, task estimates) in one
// place, so tests can start clean.
// Production code never needs this: a process talks to one set of clusters for its lifetime.

import { forgetLimiters, forgetWork } from "./caller";
import { forgetDiscovery } from "./discovery";
import { forgetSessions } from "./session";
import { forgetTaskEstimates } from "./task-estimate";

export function resetProcessState(): void {
  forgetDiscovery();
  forgetSessions();
  forgetLimiters();
  forgetWork();
  forgetTaskEstimates();
}
