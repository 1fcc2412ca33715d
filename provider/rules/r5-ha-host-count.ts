import { describeCount, memberNames } from "./membership";
import type { ClusterModel, Finding, LiveView } from "./model";
import { at } from "./paths";

export const MIN_HOSTS_FOR_HA = 3;

/** R5: HA can be enabled on a VM only in a cluster of at least 3 hosts. */
export function checkHaHostCount(desired: ClusterModel, live?: LiveView): Finding[] {
  const count = memberNames(desired, live).length;
  // Below 2 hosts R4 already rejects HA; one finding per cause.
  if (count < 2 || count >= MIN_HOSTS_FOR_HA) return [];
  const findings: Finding[] = [];
  for (const pair of desired.haPairs) {
    findings.push({
      rule: "R5",
      severity: "error",
      ...at.vm(pair.vmIndex, pair.vm, "highAvailability"),
      message: `VM "${pair.vm}" asks for high availability, but the cluster has ${describeCount(desired, live)}; HA needs at least ${MIN_HOSTS_FOR_HA} (R5).`,
      fix: `Add ${MIN_HOSTS_FOR_HA - count} host(s) to spec.hosts, or remove highAvailability from VM "${pair.vm}".`,
    });
  }
  return findings;
}
