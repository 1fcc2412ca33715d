import type { ClusterModel, Finding } from "./model";
import { at, type Place } from "./paths";

/**
 * Names are identities: the provider adopts and updates objects by name, so two hosts, VMs,
 * images or networks with one name would fight. MAC addresses must be unique on a network too, and
 * a host lists each of its volumes once.
 * Duplicate host addresses are R8's.
 */
/** Each item whose key an earlier item already has: its index and the earlier one's. */
function repeats<T>(items: readonly T[], key: (item: T) => string): { index: number; earlier: number }[] {
  const first = new Map<string, number>();
  const found: { index: number; earlier: number }[] = [];
  items.forEach((item, index) => {
    const earlier = first.get(key(item));
    if (earlier === undefined) first.set(key(item), index);
    else found.push({ index, earlier });
  });
  return found;
}

export function checkUniqueNames(desired: ClusterModel): Finding[] {
  const findings: Finding[] = [];
  type Entry = (index: number, name: string, ...field: string[]) => Place;
  const lists: [string, string, Entry, { name: string }[]][] = [
    ["host", "spec.hosts", at.host, desired.hosts],
    ["VM", "spec.virtualMachines", at.vm, desired.virtualMachines],
    ["image", "spec.images", at.image, desired.images],
    ["network", "spec.networks", at.network, desired.networks],
  ];
  for (const [noun, base, entry, items] of lists) {
    for (const { index, earlier } of repeats(items, (item) => item.name)) {
      findings.push({
        rule: "UNIQUE",
        severity: "error",
        ...entry(index, items[index].name, "name"),
        message: `Another ${noun} is already named "${items[index].name}" (${base}[${earlier}]); ${noun} names must be unique.`,
        fix: `Rename one of them, or merge the two entries.`,
      });
    }
  }
  desired.hosts.forEach((host, h) => {
    for (const { index, earlier } of repeats(host.volumes, (volume) => volume.path)) {
      findings.push({
        rule: "UNIQUE",
        severity: "error",
        ...at.host(h, host.name, "volumes", index, "path"),
        message: `Host "${host.name}" lists volume ${host.volumes[index].path} twice (volumes[${earlier}] and volumes[${index}]); a volume is listed once per host.`,
        fix: "Remove the repeated entry, or correct its path if it meant another volume.",
      });
    }
  });
  const macs = new Map<string, string>();
  desired.virtualMachines.forEach((vm, i) =>
    vm.nics.forEach((nic, k) => {
      if (nic.mac === undefined) return;
      const mac = nic.mac.toLowerCase();
      const owner = macs.get(mac);
      if (owner === undefined) {
        macs.set(mac, vm.name);
        return;
      }
      findings.push({
        rule: "UNIQUE",
        severity: "error",
        ...at.vm(i, vm.name, "nics", k, "mac"),
        message: `MAC address ${nic.mac} of VM "${vm.name}" is already used by VM "${owner}"; MAC addresses must be unique.`,
        fix: "Change one MAC address, or remove mac to let VMM assign one.",
      });
    }),
  );
  return findings;
}
