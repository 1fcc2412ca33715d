import { memberNames } from "./membership";
import type { ClusterModel, Finding, LiveView } from "./model";
import { at } from "./paths";
import { toleratedHostFailures } from "./quorum";

/** R3: an even host count costs a host and buys no extra failure tolerance. */
export function checkOddHostCount(desired: ClusterModel, live?: LiveView): Finding[] {
  const count = memberNames(desired, live).length;
  if (count < 2 || count % 2 === 1) return [];
  const tolerated = toleratedHostFailures(count);
  return [
    {
      rule: "R3",
      severity: "warning",
      ...at.cluster(desired.name, "hosts"),
      message: `${count} hosts tolerate ${tolerated} host failure(s), no more than ${count - 1} hosts would; an odd number of hosts is recommended (R3).`,
      fix: `Add one host (tolerating ${toleratedHostFailures(count + 1)} failure(s)) or remove one.`,
    },
  ];
}
