import { haPairsByVmIndex } from "./ha-pairs";
import type { ClusterModel, Finding } from "./model";
import { at } from "./paths";

/**
 * An HA VM runs on its active host; a different `host` would make the provider migrate the VM
 * away while the HA pair pulls it back. The HAPair resource owns placement of HA VMs.
 */
export function checkHaPlacement(desired: ClusterModel): Finding[] {
  const findings: Finding[] = [];
  const haOf = haPairsByVmIndex(desired);
  desired.virtualMachines.forEach((vm, i) => {
    const ha = haOf.get(i);
    if (ha === undefined || vm.host === undefined || vm.host === ha.active) return;
    findings.push({
      rule: "HA_HOST",
      severity: "error",
      ...at.vm(i, vm.name, "host"),
      message: `VM "${vm.name}" asks for host "${vm.host}", but its HA pair makes "${ha.active}" the active host; an HA VM runs on its active host.`,
      fix: `Set host: ${ha.active}, or drop host (the HA pair places the VM), or make "${vm.host}" the active host.`,
    });
  });
  return findings;
}
