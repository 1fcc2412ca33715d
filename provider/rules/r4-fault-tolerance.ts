import { memberNames } from "./membership";
import type { ClusterModel, Finding, LiveView } from "./model";
import { at } from "./paths";

/**
 * R4: a cluster of fewer than 2 hosts has no fault tolerance: a warning for the cluster, an error
 * for each VM that asks for HA anyway. (A 2-host cluster with HA is R5's case, not this one.)
 */
export function checkFaultTolerance(desired: ClusterModel, live?: LiveView): Finding[] {
  const count = memberNames(desired, live).length;
  if (count >= 2) return [];
  const findings: Finding[] = [
    {
      rule: "R4",
      severity: "warning",
      ...at.cluster(desired.name, "hosts"),
      message: `The cluster has ${count} host${count === 1 ? "" : "s"}: fault tolerance is not available on fewer than 2 hosts (R4), so a host failure stops every VM.`,
      fix: "Fine for a lab; for production add hosts (3 or more allow HA, R5).",
    },
  ];
  for (const pair of desired.haPairs) {
    findings.push({
      rule: "R4",
      severity: "error",
      ...at.vm(pair.vmIndex, pair.vm, "highAvailability"),
      message: `VM "${pair.vm}" asks for high availability, but the cluster has ${count} host${count === 1 ? "" : "s"}; fault tolerance needs at least 2 (R4) and HA at least 3 (R5).`,
      fix: `Remove highAvailability from VM "${pair.vm}", or add hosts until the cluster has at least 3.`,
    });
  }
  return findings;
}
