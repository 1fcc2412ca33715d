/**
 * Plain input and output shapes of every resource, shared by the Pulumi face (resources/) and the
 * reconcilers (handlers/). Inputs mirror the spec file's entries (sizes as "4GiB", names as in
 * the spec), so YAML and TypeScript users speak one vocabulary and one JSON Schema per resource
 * (schemas/) checks both. No Pulumi types here: handlers must stay testable without an engine.
 */
import type { Autorun } from "../units/autorun";

export type { Autorun };

/** What every resource carries to find its cluster and to take over existing objects. */
export interface CommonInputs {
  /**
   * Name of the VMM cluster the object belongs to. Selects the connection: the stack config
   * `synovmm:clusters.<name>` when present, else `synovmm:endpoints`/`username`/`password`.
   */
  cluster: string;
  /** Take over an existing object with the same name instead of failing on the name clash. */
  adopt?: boolean;
}

export interface ClusterInputs extends CommonInputs {
  /** R7: the dedicated network between hosts, and R8: the range host addresses come from. */
  clusterNetwork?: { subnet: string; reservedRange: { from: string; to: string } };
  /** Directory domain all hosts are joined to (R10). */
  domain?: string;
}

export interface ClusterOutputs extends ClusterInputs {
  clusterId: string;
  /** `managed` on the synovmm simulator (its private cluster APIs and marker are listed); `official-only` everywhere else, a real NAS included. */
  capability: "managed" | "official-only";
  status: string;
  hostCount: number;
  onlineHostCount: number;
  quorum: boolean;
}

export interface HostInputs extends CommonInputs {
  name: string;
  /**
   * Static IP on the cluster network (R8). Only an adopted host may leave it out: where no read
   * tells it (the official API), the host keeps the live address it has.
   */
  address?: string;
  /** Where this host's DSM Web API answers, e.g. https://nas-a.lan:5001. */
  endpoint?: string;
  /**
   * R9: at least one Btrfs volume. An adopted host may leave a volume's filesystem out where no
   * read tells it (the official API); R9 then cannot judge that volume.
   */
  volumes: { path: string; filesystem?: string }[];
  /** R14: true when this host is an existing Synology High Availability pair. */
  sha?: boolean;
  /** What the host can give its guests (e.g. { cpu: 16, memory: "64GiB" }): enables the failover-capacity warning. */
  capacity?: { cpu: number; memory: string };
  /** Names of every host the spec declares: lets R1 tell hosts this stack does not manage. */
  specHosts?: string[];
}

export interface HostOutputs extends HostInputs {
  hostId: string;
  status: string;
  cpuThreads: number;
  ramMiB: number;
}

export interface ImageInputs extends CommonInputs {
  name: string;
  type: "iso" | "disk" | "vdsm";
  /**
   * Absolute path of the image file on the NAS, e.g. /images/ubuntu.img. Only an adopted image may
   * leave it out: no documented read reports it, and it is needed only to create the image.
   */
  path?: string;
  /** `<host>:<volume>` storages that keep a copy. */
  storage: string[];
  /**
   * `<project>/<stack>` that declares this image, set by the resource class: at the managed level
   * the create marks the image with it, so an interrupted run's image is taken over by the next
   * `up` (ADR 027). A real NAS has no field for it.
   */
  owner?: string;
}

export interface ImageOutputs extends ImageInputs {
  imageId: string;
}

export interface VirtualMachineInputs extends CommonInputs {
  name: string;
  /**
   * The disk image (type `disk`) the boot disk is cloned from (R12). Without it the boot disk is a
   * new blank disk of the first disk's size, to install from an ISO attached in VMM.
   */
  image?: string;
  cpu: number;
  /** e.g. "4GiB" (units MiB, GiB, TiB). */
  memory: string;
  /** `<host>:<volume>` where the disks live. */
  storage: string;
  /**
   * The first disk is the boot disk: the image's clone when `image` is set (its size is then the
   * image's own unless given, and only the managed level can grow it), else a blank disk of this
   * size. The others are new, empty disks. Only the first disk of a VM with an image may omit `size`.
   */
  disks: { size?: string }[];
  nics: { network: string; mac?: string }[];
  /** Preferred host (R11); a change on a running VM is a live migration (R13). */
  host?: string;
  power: "running" | "stopped";
  autorun: Autorun;
  /** May an update power-cycle this VM (a CPU or memory change while it runs)? */
  allowRestart: boolean;
  description?: string;
  /** Set when an HAPair owns this VM's placement: `host` is then not this resource's to enforce. */
  haManaged?: boolean;
  /**
   * `<project>/<stack>` that declares this VM, set by the resource class: the create marks the
   * guest with it, so an interrupted run's guest is taken over by the next `up` (handlers/ownership.ts).
   */
  owner?: string;
}

export interface VirtualMachineOutputs extends VirtualMachineInputs {
  guestId: string;
  status: string;
  /** Where the VM runs now. May differ from `host` after an HA failover; never fought. */
  runningHost: string | null;
  macs: string[];
}

export interface HAPairInputs extends CommonInputs {
  /** Name of the protected VM. */
  vm: string;
  active: string;
  passive: string;
  specHosts?: string[];
}

export interface HAPairOutputs extends HAPairInputs {
  guestId: string;
  /** `protected`, `degraded`, `switched_over`, `failed_over`, or `unverified` (official API only). */
  status: string;
  /** Where VMM says the VM is active now (after a failover, the former passive). */
  currentActive: string | null;
  verified: boolean;
}
