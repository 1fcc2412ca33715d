/**
 * The live cluster (read-cluster.ts) → the spec file's objects, each marked `adopt: true`, with a
 * note on every line whose value no read gave (ADR 023: nothing invented). What the API does not
 * tell is left out where the format allows it for an adopted object, so filling it in later is
 * recorded without touching the object; the notes say what to check and what editing does.
 */
import type { ClusterNetwork, Guest } from "../../api";
import { formatStorageRef } from "../../rules";
import { formatSize } from "../../units/size";
import { ownerMarkOf, withoutOwnerMark } from "../../handlers/ownership";
import type { LiveCluster } from "./read-cluster";

/** The format's names (common.schema.json `name`): a live name outside it cannot be declared. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** A VM's description in the spec (schemas/virtual-machine.schema.json, synovmm's own bound). */
const MAX_VM_DESCRIPTION = 1024;
/** What a guest under a provisional name carries (handlers/ownership.ts, ADR 020). */
const PROVISIONAL = ".synovmm-";

export interface ImportedHost {
  name: string;
  address?: string;
  addressNote?: string;
  endpoint?: string;
  volumes: { path: string; filesystem?: string }[];
  filesystemNote?: string;
  sha?: boolean;
}

export interface ImportedImage {
  name: string;
  type: string;
  storage: string[];
  pathNote: string;
}

export interface ImportedVm {
  name: string;
  description?: string;
  imageNote: string;
  cpu: number;
  memory: string;
  storage: string;
  disks: string[];
  disksNote?: string;
  nics: { network: string; mac: string }[];
  nicsNote?: string;
  host?: string;
  hostNote?: string;
  power: "running" | "stopped";
  powerNote?: string;
  autorun: "off" | "last" | "on";
  highAvailability?: { active: string; passive: string };
  /** Written commented out, for this reason (another stack owns it, or it cannot be declared). */
  commentedOut?: string;
}

export interface ImportedSpec {
  name: string;
  nameNote?: string;
  clusterNetwork?: ClusterNetwork;
  networkNote?: string;
  domain?: string;
  domainNote?: string;
  hosts: ImportedHost[];
  networks: string[];
  images: ImportedImage[];
  virtualMachines: ImportedVm[];
  haNote?: string;
}

export interface ImportOptions {
  /** The name the stack uses for this cluster (`--cluster`): the file's name where VMM's is unreadable. */
  cluster: string;
  /** `<project>/<stack>` of `--stack`: guests this stack marked are its own (mark stripped). */
  owner?: string;
}

const OFFICIAL = "not readable through Synology's official API";

function storageRefOf(live: LiveCluster, storageId: string): string | undefined {
  const s = live.storages.find((x) => x.id === storageId);
  return s && formatStorageRef({ host: s.hostName, volume: s.volumePath });
}

function officialHosts(live: LiveCluster): ImportedHost[] {
  return live.officialHosts.map((h) => ({
    name: h.name,
    addressNote: `address: ${OFFICIAL}; the host keeps its live cluster address. Check it in VMM > Cluster > Host; filling it in is recorded, never sent`,
    volumes: live.storages.filter((s) => s.hostId === h.id).map((s) => ({ path: s.volumePath })),
    filesystemNote: `filesystem: ${OFFICIAL}; VMM keeps guests on Btrfs (R9). Check Storage Manager; filling it in is recorded, never a replacement`,
  }));
}

function managedHosts(live: LiveCluster): ImportedHost[] {
  return live.members.map((h) => {
    const given = h.volumes.filter((v) => v.inCluster);
    return {
      name: h.name,
      ...(h.clusterIp === undefined
        ? { addressNote: `address: the cluster API gave none` }
        : { address: h.clusterIp }),
      ...(/^https?:\/\//.test(h.boxAddress) ? { endpoint: h.boxAddress } : {}),
      volumes: (given.length > 0 ? given : h.volumes).map((v) => ({
        path: v.path,
        filesystem: v.filesystem,
      })),
      ...(h.sha ? { sha: true } : {}),
    };
  });
}

function images(live: LiveCluster): ImportedImage[] {
  return live.images.map((i) => ({
    name: i.name,
    type: i.type,
    storage: i.storages.map((s) => storageRefOf(live, s.id)).filter((s): s is string => s !== undefined),
    pathNote:
      "path: no documented read reports an image's file. Check VMM > Image; filling it in is recorded, never a new image",
  }));
}

function power(g: Guest): Pick<ImportedVm, "power" | "powerNote"> {
  if (g.status === "running" || g.status === "booting") return { power: "running" };
  if (g.status === "shutdown" || g.status === "shutting_down") return { power: "stopped" };
  return {
    power: "stopped",
    powerNote: `VMM reports status "${g.status}": check whether it should run`,
  };
}

function vm(live: LiveCluster, g: Guest, options: ImportOptions): ImportedVm {
  const mark = ownerMarkOf(g.description);
  const ha = live.haPairs?.find((p) => p.guestId === g.id);
  const hostName = (id: string) => live.members.find((m) => m.id === id)?.name ?? id;
  const controllers = [...new Set((g.disks ?? []).map((d) => d.controller))].filter((c) => c !== "virtio");
  const models = [...new Set((g.nics ?? []).map((n) => n.model))].filter((m) => m !== "virtio");
  const description = withoutOwnerMark(g.description);
  let commentedOut: string | undefined;
  if (g.name.includes(PROVISIONAL))
    commentedOut = "a synovmm stack is creating it (provisional name, ADR 020): it belongs to that stack";
  else if (mark !== undefined && mark !== options.owner)
    commentedOut = `the Pulumi stack ${mark} manages it (one owner per VM)`;
  else if (!NAME.test(g.name))
    commentedOut = `its name is not a spec name (letters, digits, . _ -; at most 63): rename it in VMM, then import again`;
  else if ((g.nics ?? []).some((n) => n.networkName === ""))
    // Nothing invented: a NIC the spec could only declare with a made-up network stays out.
    commentedOut = `a NIC of it is connected to no network, and the spec names one per NIC: connect it in VMM (Edit → Network), then import again`;
  else if (description.length > MAX_VM_DESCRIPTION)
    commentedOut = `its description has ${description.length} characters, more than the spec's ${MAX_VM_DESCRIPTION}: shorten it in VMM, then import again (clipping it here would change it on the first up)`;
  return {
    name: g.name,
    ...(description === "" ? {} : { description }),
    imageNote:
      "image: VMM does not say which image a disk was cloned from. Filling it in is recorded, never a new VM",
    cpu: g.vcpus,
    memory: formatSize(g.memoryMiB),
    storage: storageRefOf(live, g.storageId) ?? g.storageName,
    disks: (g.disks ?? []).map((d) => formatSize(d.sizeMiB)),
    ...(controllers.length > 0
      ? {
          disksNote: `controller ${controllers.join(", ")}: kept as it is (the spec does not set controllers)`,
        }
      : {}),
    nics: (g.nics ?? []).map((n) => ({ network: n.networkName, mac: n.mac.toLowerCase() })),
    ...(models.length > 0
      ? { nicsNote: `model ${models.join(", ")}: kept as it is (the spec does not set NIC models)` }
      : {}),
    ...placement(live, g, ha !== undefined),
    ...power(g),
    autorun: g.autorun,
    ...(ha === undefined
      ? {}
      : { highAvailability: { active: hostName(ha.activeHostId), passive: hostName(ha.passiveHostId) } }),
    ...(commentedOut === undefined ? {} : { commentedOut }),
  };
}

function placement(live: LiveCluster, g: Guest, ha: boolean): Pick<ImportedVm, "host" | "hostNote"> {
  // An HA VM is placed by its pair (one owner per fact): its `host` is left to the pair.
  if (ha) return {};
  if (g.hostName !== undefined && g.hostName !== "") return { host: g.hostName };
  if (!live.placementKnown) return { hostNote: `host: ${OFFICIAL} on this NAS; VMM keeps it where it runs` };
  return { hostNote: "host: never powered on, so it runs nowhere yet; VMM chooses at first power-on (R11)" };
}

export function importedSpec(live: LiveCluster, options: ImportOptions): ImportedSpec {
  const managed = live.level === "managed";
  const name = managed && live.cluster !== undefined ? live.cluster.name : options.cluster;
  return {
    name,
    ...(managed
      ? name === options.cluster
        ? {}
        : {
            nameNote: `VMM's name for the cluster; the connection settings synovmm:clusters.${options.cluster} apply to a cluster of that name only`,
          }
      : {
          nameNote: `the cluster's own name is ${OFFICIAL}; this is the name the stack uses (--cluster). Renaming it later renames every resource: keep it`,
        }),
    ...(live.cluster?.network === undefined
      ? {
          networkNote: `clusterNetwork: ${OFFICIAL}; the adopted cluster keeps its live network (R7). Check VMM > Cluster > Settings; filling it in is recorded, never sent`,
        }
      : { clusterNetwork: live.cluster.network }),
    ...(managed
      ? live.cluster?.domain
        ? { domain: live.cluster.domain }
        : {}
      : {
          domainNote: `domain: ${OFFICIAL}; check VMM > Cluster > Settings (R10); filling it in is recorded, never sent`,
        }),
    hosts: managed ? managedHosts(live) : officialHosts(live),
    networks: live.networks.map((n) => n.name),
    images: images(live),
    virtualMachines: live.guests.map((g) => vm(live, g, options)),
    ...(managed
      ? {}
      : {
          haNote: `HA pairs are ${OFFICIAL}: add highAvailability to a VM by hand (it is then verified, not set)`,
        }),
  };
}
