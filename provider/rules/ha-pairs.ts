import type { ClusterModel, HaPairModel } from "./model";

/**
 * Each HA pair by the index of its VM in `virtualMachines` (by index, not name: two VMs may share
 * a name in a file that UNIQUE rejects, and each keeps its own pair).
 */
export function haPairsByVmIndex(desired: ClusterModel): Map<number, HaPairModel> {
  return new Map(desired.haPairs.map((p) => [p.vmIndex, p]));
}
