/**
 * The plain data the rules judge. The spec loader builds it from YAML and the provider builds it
 * from Pulumi inputs, so it holds no YAML positions and no Pulumi types; sizes are already MiB.
 * Array order matches the spec file, so a finding's path (`spec.hosts[3]`) points into the file.
 */

export interface VolumeModel {
  path: string;
  filesystem: string;
}

export interface HostModel {
  name: string;
  address: string;
  endpoint?: string;
  volumes: VolumeModel[];
  /** True when this host is a Synology High Availability pair (R14: it must already exist). */
  sha: boolean;
  /** What the host can give its guests; only needed for the failover-capacity warning. */
  capacity?: { cpu: number; memoryMiB: number };
}

export interface NetworkModel {
  name: string;
}

export interface ImageModel {
  name: string;
  type: string;
  path: string;
  /** `<host>:<volume>` references. */
  storage: string[];
}

export interface HaPairModel {
  active: string;
  passive: string;
}

export interface VmModel {
  name: string;
  image: string;
  cpu: number;
  memoryMiB: number;
  /** `<host>:<volume>` where the VM's disks live. */
  storage: string;
  disks: { sizeMiB: number }[];
  nics: { network: string; mac?: string }[];
  /** Preferred host at first power-on (R11); a change later is a live migration (R13). */
  host?: string;
  power: "running" | "stopped";
  autorun: "off" | "last" | "on";
  allowRestart: boolean;
  highAvailability?: HaPairModel;
}

export interface ClusterModel {
  name: string;
  clusterNetwork?: { subnet: string; reservedRange: { from: string; to: string } };
  domain?: string;
  hosts: HostModel[];
  networks: NetworkModel[];
  images: ImageModel[];
  virtualMachines: VmModel[];
}

/** One member of the live cluster as the provider reads it during diff. */
export interface LiveHost {
  name: string;
  address?: string;
  online: boolean;
  sha?: boolean;
}

/**
 * The live cluster: every host that is a member now, including hosts this spec does not list
 * (they still count toward R1 and toward quorum, R2).
 */
export interface LiveView {
  hosts: LiveHost[];
}

export type Severity = "error" | "warning";

export type RuleId =
  | "R1"
  | "R2"
  | "R3"
  | "R4"
  | "R5"
  | "R6"
  | "R7"
  | "R8"
  | "R9"
  | "R10"
  | "R14"
  /** A name that refers to nothing declared (host, image, network, storage volume). */
  | "REF"
  /** Two hosts, VMs, images or networks with the same name. */
  | "UNIQUE"
  /** An HA VM whose `host` is not its HA `active` host. */
  | "HA_HOST"
  /** Guests on a host need more memory or vCPUs than it has, now or after an HA failover. */
  | "CAPACITY";

/** What a finding can be about: a resource kind, or one of the spec's networks. */
export type TargetKind = "Cluster" | "Host" | "Image" | "VirtualMachine" | "Network";

/** The offending value, by resource and field: handlers read this, never the path. */
export interface FindingTarget {
  kind: TargetKind;
  /** The entry's name as the spec writes it (the cluster's name for `Cluster`). */
  name: string;
  /** The entry's index in its spec list (file order); absent for `Cluster`. */
  index?: number;
  /** The field within the entry, e.g. `["volumes", 0, "path"]`; empty for the entry itself. */
  field: readonly (string | number)[];
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  target: FindingTarget;
  /** Spec path of the offending value, e.g. `spec.hosts[3].address`: made from `target` (paths.ts). */
  path: string;
  /** What failed and why, naming the offending value. */
  message: string;
  /** How to fix it, as an instruction. */
  fix: string;
}

/** A rule: pure, total, never throws; returns no finding when it has nothing to say. */
export type Rule = (desired: ClusterModel, live?: LiveView) => Finding[];
