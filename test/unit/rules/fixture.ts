/** A valid three-host cluster model that tests change one field at a time. */
import type { ClusterModel, HostModel, VmModel } from "../../../provider/rules/model";

/** A VM as the spec writes it: its HA pair, if any, is part of it (cluster() moves it to haPairs). */
export type VmFixture = VmModel & { highAvailability?: { active: string; passive: string } };

export function host(name: string, last: number, extra: Partial<HostModel> = {}): HostModel {
  return {
    name,
    address: `10.20.0.${last}`,
    volumes: [{ path: "/volume1", filesystem: "btrfs" }],
    sha: false,
    ...extra,
  };
}

export function vm(name: string, extra: Partial<VmFixture> = {}): VmFixture {
  return {
    name,
    image: "ubuntu",
    cpu: 2,
    memory: "4GiB",
    storage: "nas-a:/volume1",
    nics: [{ network: "vm-lan" }],
    power: "running",
    autorun: "last",
    allowRestart: false,
    ...extra,
  };
}

type ClusterFixture = Partial<Omit<ClusterModel, "virtualMachines">> & { virtualMachines?: VmFixture[] };

export function cluster(extra: ClusterFixture = {}): ClusterModel {
  const vms = extra.virtualMachines ?? [
    vm("web-1"),
    vm("db-1", { highAvailability: { active: "nas-a", passive: "nas-b" } }),
  ];
  return {
    name: "lab",
    clusterNetwork: { subnet: "10.20.0.0/24", reservedRange: { from: "10.20.0.10", to: "10.20.0.40" } },
    domain: "corp.example.com",
    hosts: [host("nas-a", 11), host("nas-b", 12), host("nas-c", 13)],
    networks: [{ name: "vm-lan" }],
    images: [{ name: "ubuntu", type: "disk", storage: ["nas-a:/volume1"] }],
    ...extra,
    virtualMachines: vms.map(({ highAvailability: _ha, ...v }) => v),
    haPairs:
      extra.haPairs ??
      vms.flatMap((v, vmIndex) =>
        v.highAvailability ? [{ vm: v.name, ...v.highAvailability, vmIndex }] : [],
      ),
  };
}
