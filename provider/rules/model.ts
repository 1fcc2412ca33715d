/**
 * The plain data the rules judge: the resources' own inputs (provider/model/inputs.ts), each cut
 * to the fields the rules read (a documented Pick), with defaults filled in. The spec loader and
 * every handler's check build it with the same functions (from-inputs.ts), so it holds no YAML
 * positions and no Pulumi types, and no word of its own. Array order matches the spec file, so a
 * finding's path (`spec.hosts[3]`) points into the file.
 */
import type {
  ClusterInputs,
  HAPairInputs,
  HostInputs,
  ImageInputs,
  VirtualMachineInputs,
} from "../model/inputs";

/** A host as R1, R8, R9, R14 and the capacity warning see it; `sha` defaulted to false. */
export type HostModel = Pick<HostInputs, "name" | "address" | "endpoint" | "volumes" | "capacity"> & {
  sha: boolean;
};

/** A VM network the spec declares (not a resource: VMs name networks that already exist). */
export interface NetworkModel {
  name: string;
}

/** An image as the references, R9 and R12 see it: its name, type and where it is stored. */
export type ImageModel = Pick<ImageInputs, "name" | "type" | "storage">;

/** A VM as the references, R9, HA placement and the capacity warning see it, defaults filled in. */
export type VmModel = Pick<
  VirtualMachineInputs,
  "name" | "image" | "cpu" | "memory" | "storage" | "nics" | "host" | "power" | "autorun" | "allowRestart"
>;

/**
 * An HA pair (R4–R6), with the index of its VM in the spec: the spec writes the pair as that VM's
 * `highAvailability`, so findings point there. An HAPair resource's check judges one without a VM.
 */
export type HaPairModel = Pick<HAPairInputs, "vm" | "active" | "passive"> & { vmIndex: number };

export interface ClusterModel {
  name: string;
  /** The cluster exists and is taken over as it is: it keeps its live network (R7). */
  adopted?: boolean;
  clusterNetwork?: ClusterInputs["clusterNetwork"];
  domain?: string;
  hosts: HostModel[];
  networks: NetworkModel[];
  images: ImageModel[];
  virtualMachines: VmModel[];
  haPairs: HaPairModel[];
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
  /** A VM's image must be of type disk: only a disk image can be cloned into a boot disk. */
  | "R12"
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
