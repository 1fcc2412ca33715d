// The per-process caches (discovery, sessions, limiters) in one place, so tests can start clean.
// Production code never needs this: a process talks to one set of clusters for its lifetime.

import { forgetLimiters } from "./caller";
import { forgetDiscovery } from "./discovery";
import { forgetSessions } from "./session";

export function resetProcessState(): void {
  forgetDiscovery();
  forgetSessions();
  forgetLimiters();
}
