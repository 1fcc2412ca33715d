import type { ClusterModel, Finding } from "./model";

/**
 * Names are identities: the provider adopts and updates objects by name, so two hosts, VMs,
 * images or networks with one name would fight. MAC addresses must be unique on a network too, and
 * a host lists each of its volumes once.
 * Duplicate host addresses are R8's.
 */
export function checkUniqueNames(desired: ClusterModel): Finding[] {
  const findings: Finding[] = [];
  const lists: [string, string, { name: string }[]][] = [
    ["host", "spec.hosts", desired.hosts],
    ["VM", "spec.virtualMachines", desired.virtualMachines],
    ["image", "spec.images", desired.images],
    ["network", "spec.networks", desired.networks],
  ];
  for (const [noun, base, items] of lists) {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const earlier = first.get(item.name);
      if (earlier === undefined) {
        first.set(item.name, i);
        return;
      }
      findings.push({
        rule: "UNIQUE",
        severity: "error",
        path: `${base}[${i}].name`,
        message: `Another ${noun} is already named "${item.name}" (${base}[${earlier}]); ${noun} names must be unique.`,
        fix: `Rename one of them, or merge the two entries.`,
      });
    });
  }
  desired.hosts.forEach((host, h) => {
    const seen = new Map<string, number>();
    host.volumes.forEach((volume, v) => {
      const earlier = seen.get(volume.path);
      if (earlier === undefined) {
        seen.set(volume.path, v);
        return;
      }
      findings.push({
        rule: "UNIQUE",
        severity: "error",
        path: `spec.hosts[${h}].volumes[${v}].path`,
        message: `Host "${host.name}" lists volume ${volume.path} twice (volumes[${earlier}] and volumes[${v}]); a volume is listed once per host.`,
        fix: "Remove the repeated entry, or correct its path if it meant another volume.",
      });
    });
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
        path: `spec.virtualMachines[${i}].nics[${k}].mac`,
        message: `MAC address ${nic.mac} of VM "${vm.name}" is already used by VM "${owner}"; MAC addresses must be unique.`,
        fix: "Change one MAC address, or remove mac to let VMM assign one.",
      });
    }),
  );
  return findings;
}
