/**
 * R2, checked right before acting (architecture decision 2): without a majority of the cluster's
 * hosts online, VMM refuses every change, so the provider refuses first and says why.
 */
import { checkQuorum, clusterModel } from "../rules";
import type { ResourceKind } from "../model/kinds";
import { ruleViolation } from "./errors";
import type { LiveApi } from "../live/live-api";
import { liveView } from "../live/live-view";

/** R2 reads the live view only: the desired cluster is left empty. */
const EMPTY_MODEL = clusterModel({ name: "" });

export async function assertQuorum(
  api: LiveApi,
  op: string,
  kind: ResourceKind,
  name: string,
): Promise<void> {
  const findings = checkQuorum(EMPTY_MODEL, await liveView(api));
  if (findings.length > 0) throw ruleViolation(op, kind, name, findings);
}
