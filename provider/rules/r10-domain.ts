import { memberNames } from "./membership";
import type { ClusterModel, Finding, LiveView } from "./model";
import { at } from "./paths";

/** R10: a local account signs in to one host only, so multi-host clusters want a domain. */
export function checkDomain(desired: ClusterModel, live?: LiveView): Finding[] {
  const count = memberNames(desired, live).length;
  if (count < 2 || (desired.domain !== undefined && desired.domain !== "")) return [];
  return [
    {
      rule: "R10",
      severity: "warning",
      ...at.cluster(desired.name, "domain"),
      message: `The cluster has ${count} hosts and no domain: local accounts can sign in to one host only, so domain accounts are strongly recommended (R10).`,
      fix: "Join all hosts to the same domain/LDAP and set spec.domain, e.g. domain: corp.example.com.",
    },
  ];
}
