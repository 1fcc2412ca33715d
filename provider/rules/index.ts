/**
 * The rules engine: R1–R14 of requirements.md as pure functions over a ClusterModel. The same
 * functions run at spec load (offline), in a resource's check, and in diff against the live
 * cluster (architecture decision 2), so each takes the desired model and an optional live view.
 */
import { checkFailoverCapacity } from "./failover-capacity";
import { checkHaPlacement } from "./ha-placement";
import type { ClusterModel, Finding, LiveView, Rule } from "./model";
import { checkHostCount } from "./r1-host-count";
import { checkDomain } from "./r10-domain";
import { checkImageTypes } from "./r12-image-type";
import { checkSha } from "./r14-sha";
import { checkQuorum } from "./r2-quorum";
import { checkOddHostCount } from "./r3-odd-hosts";
import { checkFaultTolerance } from "./r4-fault-tolerance";
import { checkHaHostCount } from "./r5-ha-host-count";
import { checkHaPair } from "./r6-ha-pair";
import { checkClusterNetwork } from "./r7-cluster-network";
import { checkHostAddresses } from "./r8-host-addresses";
import { checkBtrfsVolumes } from "./r9-btrfs";
import { checkReferences } from "./references";
import { checkUniqueNames } from "./unique-names";

export * from "./model";
export {
  clusterModel,
  hostModel,
  vmModel,
  type ClusterParts,
  type HaPairParts,
  type HostParts,
  type VmParts,
} from "./from-inputs";
export { quorumSize, toleratedHostFailures } from "./quorum";
export { parseIpv4, parseCidr, cidrContains, formatIpv4 } from "../net/ipv4";
export { formatStorageRef, parseStorageRef, type StorageRef } from "../model/storage-ref";
export { closest, didYouMean } from "../model/suggest";
export { at, fieldText, pathOf, type Place } from "./paths";
export { CLONEABLE_IMAGE_TYPE, imageTypeFinding, imageTypeProblem } from "./r12-image-type";
export {
  checkHostCount,
  checkQuorum,
  checkOddHostCount,
  checkFaultTolerance,
  checkHaHostCount,
  checkHaPair,
  checkClusterNetwork,
  checkHostAddresses,
  checkBtrfsVolumes,
  checkDomain,
  checkImageTypes,
  checkSha,
  checkReferences,
  checkUniqueNames,
  checkHaPlacement,
  checkFailoverCapacity,
};

/**
 * Every rule, in the order findings are reported. R11 and R13 are behaviours the provider carries
 * out (placement at first power-on, live migration), not checks; of R12 (the guest OS comes from
 * an image at creation) the check is that a VM's image can be cloned (a `disk` image).
 */
export const rules: readonly Rule[] = [
  checkHostCount,
  checkQuorum,
  checkOddHostCount,
  checkFaultTolerance,
  checkHaHostCount,
  checkHaPair,
  checkClusterNetwork,
  checkHostAddresses,
  checkBtrfsVolumes,
  checkDomain,
  checkImageTypes,
  checkSha,
  checkUniqueNames,
  checkReferences,
  checkHaPlacement,
  checkFailoverCapacity,
];

/** Runs every rule; pass `live` during diff so unlisted and offline hosts are taken into account. */
export function evaluate(desired: ClusterModel, live?: LiveView): Finding[] {
  return rules.flatMap((rule) => rule(desired, live));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
