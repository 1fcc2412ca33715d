/**
 * A VM's desired state in VMM's units, and the same view read from the live guest, so diff,
 * update and read compare like with like ("4GiB" and "4096MiB" are the same memory: no phantom
 * diffs from notation).
 */
import { withVmDefaults } from "../../model/defaults";
import { formatSize, parseSize } from "../../units/size";
import type { Autorun, VirtualMachineInputs } from "../../model/inputs";
import type { CapabilityLevel, Guest, Storage } from "../../live/live-api";
import { storageRef } from "../../model/storage-ref";

export interface VmShape {
  cluster: string;
  name: string;
  /** Absent: the boot disk is blank (no image). */
  image?: string;
  cpu: number;
  memoryMiB: number;
  storage: string;
  /** `null`: the boot disk of a clone, at the image's own size (none declared). */
  disksMiB: (number | null)[];
  nics: { network: string; mac?: string }[];
  /** Preferred host, when this resource owns placement. */
  host?: string;
  power: "running" | "stopped";
  autorun: Autorun;
  description: string;
}

export function shapeOf(inputs: VirtualMachineInputs): VmShape {
  const v = withVmDefaults(inputs);
  return {
    cluster: v.cluster,
    name: v.name,
    image: v.image,
    cpu: v.cpu,
    memoryMiB: parseSize(v.memory),
    storage: v.storage,
    disksMiB: v.disks.map((d) => (d.size === undefined ? null : parseSize(d.size))),
    nics: v.nics.map((n) =>
      n.mac ? { network: n.network, mac: n.mac.toLowerCase() } : { network: n.network },
    ),
    host: v.haManaged ? undefined : v.host,
    power: v.power,
    autorun: v.autorun,
    description: v.description ?? "",
  };
}

export function isRunning(guest: Guest): boolean {
  return guest.status === "running" || guest.status === "booting";
}

/**
 * Same disks: as many, and each the declared size, where one is declared (a clone's boot disk
 * without a size is whatever the image gave it: no phantom diff, ADR 021).
 */
export function sameDisks(
  recorded: readonly (number | null)[],
  declared: readonly (number | null)[],
): boolean {
  return (
    recorded.length === declared.length &&
    declared.every((size, i) => size === null || recorded[i] === null || size === recorded[i])
  );
}

/** The disks as they are live, in the user's notation where the size is the declared one (state records the live size). */
export function liveDisks(
  declared: VirtualMachineInputs["disks"],
  guest: Guest,
): VirtualMachineInputs["disks"] {
  if (guest.disks === undefined) return declared;
  return guest.disks.map((d, i) => ({ size: sizeText(declared[i]?.size, d.sizeMiB) }));
}

/** Keep the user's notation when the value did not change, so refresh shows no diff. */
function sizeText(declared: string | undefined, mib: number): string {
  return declared !== undefined && parseSize(declared) === mib ? declared : formatSize(mib);
}

/**
 * The inputs that describe the live guest, for `read`. Fields VMM does not report (image,
 * allowRestart…) keep their declared values; placement follows decision 5: an HA-managed VM's
 * preference is not this resource's, and a VM whose host is down is not "stopped". On the official
 * level a stopped guest's host is only where it last ran: no documented call moves it, and its next
 * power-on by the update places it on the declared host (R11), so the declared host stands (soak
 * seeds 4029, 4030 on `--dsm real`: moved and stopped in one up, then refresh showed `~host`).
 */
export function inputsFromLive(
  declared: VirtualMachineInputs,
  guest: Guest,
  storages: Storage[],
  level: CapabilityLevel,
): VirtualMachineInputs {
  const power = isRunning(guest) ? "running" : guest.status === "shutdown" ? "stopped" : declared.power;
  const placedAtPowerOn = level === "official-only" && guest.status === "shutdown";
  const host =
    declared.haManaged || declared.host === undefined || guest.hostName === undefined || placedAtPowerOn
      ? declared.host
      : guest.hostName;
  const macsDeclared = new Set((declared.nics ?? []).filter((n) => n.mac).map((n) => n.network));
  return {
    ...declared,
    name: guest.name,
    cpu: guest.vcpus,
    memory: sizeText(declared.memory, guest.memoryMiB),
    storage: storageRef(storages, guest.storageId) ?? declared.storage,
    disks: liveDisks(declared.disks, guest),
    nics: (guest.nics ?? []).map((n) =>
      macsDeclared.has(n.networkName) ? { network: n.networkName, mac: n.mac } : { network: n.networkName },
    ),
    host,
    power,
    autorun: guest.autorun,
    description:
      guest.description === "" && declared.description === undefined ? undefined : guest.description,
  };
}
