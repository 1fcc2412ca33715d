import { memberNames } from "./membership";
import type { ClusterModel, Finding, LiveView } from "./model";
import { at } from "./paths";
import { didYouMean } from "../model/suggest";

/** R6: an HA pair names two different hosts, both members of the VM's cluster. */
export function checkHaPair(desired: ClusterModel, live?: LiveView): Finding[] {
  const members = memberNames(desired, live);
  // Below 2 hosts no pair can exist at all; R4 reports that one cause instead.
  if (members.length < 2) return [];
  const known = new Set(members);
  const findings: Finding[] = [];
  for (const ha of desired.haPairs) {
    const vm = { name: ha.vm };
    const i = ha.vmIndex;
    for (const role of ["active", "passive"] as const) {
      const name = ha[role];
      if (known.has(name)) continue;
      findings.push({
        rule: "R6",
        severity: "error",
        ...at.vm(i, vm.name, "highAvailability", role),
        message: `The ${role} host "${name}" of VM "${vm.name}"'s HA pair is not a host of this cluster (R6).${didYouMean(name, members)}`,
        fix: `Name one of the cluster's hosts (${members.join(", ")}) as ${role}, or add "${name}" to spec.hosts.`,
      });
    }
    if (ha.active === ha.passive) {
      findings.push({
        rule: "R6",
        severity: "error",
        ...at.vm(i, vm.name, "highAvailability", "passive"),
        message: `VM "${vm.name}"'s HA pair uses "${ha.active}" as both active and passive host; they must differ (R6).`,
        fix: `Choose a passive host other than "${ha.active}": ${members.filter((n) => n !== ha.active).join(", ") || "add another host"}.`,
      });
    }
  }
  return findings;
}
