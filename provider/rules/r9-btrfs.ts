import type { ClusterModel, Finding, HostModel } from "./model";
import type { Place } from "./paths";
import { at } from "./paths";
import { parseStorageRef } from "../model/storage-ref";

const isBtrfs = (filesystem: string): boolean => filesystem.toLowerCase() === "btrfs";
/** A filesystem left out (an adopted host's, where no read tells it, ADR 023) cannot be judged. */
const unknown = (filesystem: string | undefined): filesystem is undefined => filesystem === undefined;

/**
 * R9: every host needs a Btrfs volume before VMM is installed, and VM storage lives on Btrfs, so
 * a VM's or image's `storage` must name a Btrfs volume. (A volume that does not exist is REF's.)
 */
export function checkBtrfsVolumes(desired: ClusterModel): Finding[] {
  const findings: Finding[] = [];
  const byName = new Map(desired.hosts.map((h) => [h.name, h]));
  desired.hosts.forEach((host, i) => {
    if (host.volumes.some((v) => unknown(v.filesystem) || isBtrfs(v.filesystem))) return;
    const found = host.volumes.map((v) => `${v.path} (${v.filesystem})`).join(", ") || "none";
    findings.push({
      rule: "R9",
      severity: "error",
      ...at.host(i, host.name, "volumes"),
      message: `Host "${host.name}" has no Btrfs volume (volumes: ${found}); VMM needs at least one Btrfs volume on every host (R9).`,
      fix: `Create a Btrfs volume on "${host.name}" in DSM Storage Manager and list it with filesystem: btrfs.`,
    });
  });
  const checkRef = (text: string, place: Place, owner: string): void => {
    const ref = parseStorageRef(text);
    const volume = ref && findVolume(byName.get(ref.host), ref.volume);
    if (volume === undefined || unknown(volume.filesystem) || isBtrfs(volume.filesystem)) return;
    findings.push({
      rule: "R9",
      severity: "error",
      ...place,
      message: `${owner} uses storage ${text}, a ${volume.filesystem} volume; VM storage must be on a Btrfs volume (R9).`,
      fix: "Point storage at a Btrfs volume of that host.",
    });
  };
  desired.virtualMachines.forEach((vm, i) =>
    checkRef(vm.storage, at.vm(i, vm.name, "storage"), `VM "${vm.name}"`),
  );
  desired.images.forEach((image, i) =>
    image.storage.forEach((s, j) =>
      checkRef(s, at.image(i, image.name, "storage", j), `Image "${image.name}"`),
    ),
  );
  return findings;
}

function findVolume(host: HostModel | undefined, path: string): HostModel["volumes"][number] | undefined {
  return host?.volumes.find((v) => v.path === path);
}
