import { memberNames } from "./membership";
import type { ClusterModel, Finding, LiveView } from "./model";
import { at } from "./paths";

/**
 * R7: hosts need a dedicated cluster network for cluster and cross-host storage traffic. A
 * single-host lab has no such traffic, so the network is required from 2 hosts on. An adopted
 * cluster already has one, which it keeps: where no read tells it (the official API), the file
 * may leave it out (ADR 023).
 */
export function checkClusterNetwork(desired: ClusterModel, live?: LiveView): Finding[] {
  const count = memberNames(desired, live).length;
  if (desired.clusterNetwork !== undefined || desired.adopted === true || count < 2) return [];
  return [
    {
      rule: "R7",
      severity: "error",
      ...at.cluster(desired.name, "clusterNetwork"),
      message: `The cluster has ${count} hosts but no clusterNetwork: hosts need a dedicated cluster network for cluster and storage traffic (R7).`,
      fix: "Add spec.clusterNetwork with the subnet the hosts share and the reservedRange their static addresses come from, e.g. { subnet: 10.20.0.0/24, reservedRange: { from: 10.20.0.10, to: 10.20.0.40 } }.",
    },
  ];
}
