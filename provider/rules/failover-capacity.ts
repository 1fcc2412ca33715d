import { tryParseSize } from "../units/size";
import { haPairsByVmIndex } from "./ha-pairs";
import type { ClusterModel, Finding, HaPairModel, VmModel } from "./model";
import { at } from "./paths";

interface Demand {
  cpu: number;
  memoryMiB: number;
  vms: string[];
}

const empty = (): Demand => ({ cpu: 0, memoryMiB: 0, vms: [] });

/** A size the schema has not accepted counts as nothing (the schema reports it). */
const mib = (size: string): number => tryParseSize(size) ?? 0;

function add(demand: Demand, vm: VmModel): void {
  demand.cpu += vm.cpu;
  demand.memoryMiB += mib(vm.memory);
  demand.vms.push(vm.name);
}

/** Where a running VM sits: an HA VM on its active host, others on their preferred host. */
function placement(vm: VmModel, ha: HaPairModel | undefined): string | undefined {
  return ha?.active ?? vm.host;
}

function gib(mib: number): string {
  return `${Math.round((mib / 1024) * 10) / 10} GiB`;
}

function over(d: Demand, cap: { cpu: number; memoryMiB: number }): string[] {
  const parts: string[] = [];
  if (d.memoryMiB > cap.memoryMiB) parts.push(`${gib(d.memoryMiB)} of memory (it has ${gib(cap.memoryMiB)})`);
  if (d.cpu > cap.cpu) parts.push(`${d.cpu} vCPUs (it has ${cap.cpu})`);
  return parts;
}

/**
 * Warning: the running guests placed on a host, plus the HA guests that would restart there if
 * their active host failed, need more memory or vCPUs than the host declares in `capacity`.
 * Only hosts with a declared capacity are judged; stopped and unplaced VMs use nothing.
 */
export function checkFailoverCapacity(desired: ClusterModel): Finding[] {
  const findings: Finding[] = [];
  const running = desired.virtualMachines.flatMap((vm, i) => (vm.power === "running" ? [{ vm, i }] : []));
  const haOf = haPairsByVmIndex(desired);
  desired.hosts.forEach((host, i) => {
    const declared = host.capacity;
    if (declared === undefined) return;
    const cap = { cpu: declared.cpu, memoryMiB: mib(declared.memory) };
    const own = empty();
    const incoming = new Map<string, Demand>();
    for (const { vm, i: vmIndex } of running) {
      const ha = haOf.get(vmIndex);
      if (placement(vm, ha) === host.name) add(own, vm);
      if (ha !== undefined && ha.passive === host.name && ha.active !== host.name) {
        const d = incoming.get(ha.active) ?? empty();
        add(d, vm);
        incoming.set(ha.active, d);
      }
    }
    const place = at.host(i, host.name, "capacity");
    const now = over(own, cap);
    if (now.length > 0) {
      findings.push({
        rule: "CAPACITY",
        severity: "warning",
        ...place,
        message: `The running VMs placed on host "${host.name}" (${own.vms.join(", ")}) need ${now.join(" and ")}.`,
        fix: `Move some of these VMs to another host, stop some, or raise "${host.name}"'s capacity if it is understated.`,
      });
      return;
    }
    for (const [failed, d] of incoming) {
      const total: Demand = {
        cpu: own.cpu + d.cpu,
        memoryMiB: own.memoryMiB + d.memoryMiB,
        vms: [...own.vms, ...d.vms],
      };
      const excess = over(total, cap);
      if (excess.length === 0) continue;
      findings.push({
        rule: "CAPACITY",
        severity: "warning",
        ...place,
        message: `If host "${failed}" fails, HA restarts ${d.vms.join(", ")} on "${host.name}"; with its own guests that needs ${excess.join(" and ")}, so the failover could not be absorbed.`,
        fix: `Spread the passive hosts of ${failed}'s HA VMs over other hosts, shrink those VMs, or add capacity to "${host.name}".`,
      });
    }
  });
  return findings;
}
