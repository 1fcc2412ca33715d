/** A valid three-host cluster model that tests change one field at a time. */
import type { ClusterModel, HostModel, VmModel } from "../../../provider/rules/model";

export function host(name: string, last: number, extra: Partial<HostModel> = {}): HostModel {
  return {
    name,
    address: `10.20.0.${last}`,
    volumes: [{ path: "/volume1", filesystem: "btrfs" }],
    sha: false,
    ...extra,
  };
}

export function vm(name: string, extra: Partial<VmModel> = {}): VmModel {
  return {
    name,
    image: "ubuntu",
    cpu: 2,
    memoryMiB: 4096,
    storage: "nas-a:/volume1",
    disks: [{ sizeMiB: 40960 }],
    nics: [{ network: "vm-lan" }],
    power: "running",
    autorun: "last",
    allowRestart: false,
    ...extra,
  };
}

export function cluster(extra: Partial<ClusterModel> = {}): ClusterModel {
  return {
    name: "lab",
    clusterNetwork: { subnet: "10.20.0.0/24", reservedRange: { from: "10.20.0.10", to: "10.20.0.40" } },
    domain: "corp.example.com",
    hosts: [host("nas-a", 11), host("nas-b", 12), host("nas-c", 13)],
    networks: [{ name: "vm-lan" }],
    images: [{ name: "ubuntu", type: "iso", path: "/images/u.iso", storage: ["nas-a:/volume1"] }],
    virtualMachines: [vm("web-1"), vm("db-1", { highAvailability: { active: "nas-a", passive: "nas-b" } })],
    ...extra,
  };
}
