import { describeCount, memberNames } from "./membership";
import type { ClusterModel, Finding, LiveView } from "./model";
import { at } from "./paths";

export const MAX_HOSTS = 7;

/** R1: a cluster has at most 7 hosts, counting live members the spec does not list. */
export function checkHostCount(desired: ClusterModel, live?: LiveView): Finding[] {
  const count = memberNames(desired, live).length;
  if (count <= MAX_HOSTS) return [];
  // Point at the first host over the limit when the spec alone is too long; otherwise at the list.
  const place =
    desired.hosts.length > MAX_HOSTS
      ? at.host(MAX_HOSTS, desired.hosts[MAX_HOSTS].name)
      : at.cluster(desired.name, "hosts");
  return [
    {
      rule: "R1",
      severity: "error",
      ...place,
      message: `The cluster would have ${describeCount(desired, live)}; VMM allows at most ${MAX_HOSTS} hosts per cluster (R1).`,
      fix: `Remove ${count - MAX_HOSTS} host(s) from spec.hosts (or from the live cluster), or split the hosts into a second cluster file.`,
    },
  ];
}
