/**
 * What the reconcilers need from a cluster, in the provider's own words (MiB, names, plain
 * objects). One adapter (dsm-live-api.ts) implements it on the DSM client; unit tests can
 * implement it with a fake. Capability level "official-only" means the cluster, host-membership,
 * HA and migration calls do not exist (architecture decision 1): handlers verify instead.
 */

import type { Autorun, CapabilityLevel, Guest } from "../api";
import type { ClusterInputs } from "../model/inputs";

export type { CapabilityLevel, Guest };

/** The cluster network in the inputs' words and shape (`reservedRange.from`), the client's too. */
export type ClusterNetwork = NonNullable<ClusterInputs["clusterNetwork"]>;

export interface LiveClusterInfo {
  id: string | null;
  name: string | null;
  /** healthy | degraded | no_quorum | not_created */
  status: string;
  network: ClusterNetwork | null;
  domain: string | null;
  hostCount: number;
  onlineHostCount: number;
  quorum: boolean;
}

export interface LiveHostInfo {
  id: string;
  name: string;
  /** Where its DSM answers (managed level only). */
  boxAddress: string | null;
  clusterIp: string | null;
  /** online | unreachable | malfunction */
  status: string;
  joined: boolean;
  sha: boolean;
  cpuThreads: number;
  memoryMiB: number;
  volumes: { path: string; filesystem: string; inCluster: boolean }[];
}

export interface LiveStorage {
  id: string;
  name: string;
  hostId: string;
  hostName: string;
  volumePath: string;
  status: string;
}

export interface LiveNetwork {
  id: string;
  name: string;
}

export interface LiveImage {
  id: string;
  name: string;
  type: string;
  storageIds: string[];
}

export interface LiveHaPair {
  guestId: string;
  guestName: string;
  activeHostId: string;
  passiveHostId: string;
  /** protected | degraded | switched_over | failed_over */
  status: string;
}

/**
 * What the documented `Guest create` takes (ADR 020): CPU, memory, autorun and description
 * follow with `setGuest`, since a real NAS ignores them at create (1 vCPU, 1024 MB).
 */
export interface NewGuest {
  /** The provisional name that marks the guest as this stack's until `setGuest` renames it (ADR 020). */
  name: string;
  storageId: string;
  /** The disk image the boot disk is cloned from, at the image's own size (R12). */
  imageName?: string;
  /** Blank disks: the boot disk first when there is no image, then the data disks. */
  blankDisksMiB: number[];
  nics: { networkId: string; mac?: string }[];
}

export interface LiveApi {
  level(): Promise<CapabilityLevel>;
  /** Logs out of every session it opened; fakes have none. Only at process end (ADR 022). */
  close?(): Promise<void>;

  cluster(): Promise<LiveClusterInfo>;
  createCluster(p: { name: string; network: ClusterNetwork; domain?: string }): Promise<string>;
  setCluster(p: { name?: string; domain?: string; network?: ClusterNetwork }): Promise<void>;
  deleteCluster(): Promise<void>;

  /** Full level: every box, joined or not. Official level: the joined hosts only. */
  hosts(): Promise<LiveHostInfo[]>;
  joinHost(p: { boxAddress: string; name: string; clusterIp: string; volumes: string[] }): Promise<string>;
  leaveHost(hostId: string): Promise<void>;
  setHost(hostId: string, p: { name?: string; clusterIp?: string }): Promise<void>;

  storages(): Promise<LiveStorage[]>;
  networks(): Promise<LiveNetwork[]>;

  images(): Promise<LiveImage[]>;
  /** Creates the image and waits for its task. */
  createImage(p: { name: string; type: string; path: string; storageIds: string[] }): Promise<string>;
  deleteImage(imageId: string): Promise<void>;

  /** The client's guests, read with details (disks, NICs), MACs in lower case. */
  guests(): Promise<Guest[]>;
  guest(guestId: string): Promise<Guest | undefined>;
  /**
   * The guest read on its own, never from the shared list: to see a write of its settings take
   * effect. Where it runs is not read (`hostId`/`hostName` absent).
   */
  guestNow(guestId: string): Promise<Guest | undefined>;
  /** Creates the guest and waits for its task; never makes a duplicate when retried. */
  createGuest(p: NewGuest): Promise<string>;
  setGuest(
    guestId: string,
    p: { name?: string; description?: string; autorun?: Autorun; vcpus?: number; memoryMiB?: number },
  ): Promise<void>;
  deleteGuest(guestId: string): Promise<void>;
  /**
   * Grows existing disks (same order as `disks`) and adds new empty ones at the end: the
   * simulator's private API, managed level only (no documented official call does it, ADR 019).
   */
  growDisks(
    guestId: string,
    p: { grow: { diskId: string; sizeMiB: number }[]; addMiB: number[] },
  ): Promise<void>;
  powerOn(guestId: string, hostId?: string): Promise<void>;
  powerOff(guestId: string): Promise<void>;
  /** Live migration of a running guest (R13), re-placement of a stopped one; waits for the task. */
  moveGuest(guestId: string, destHostId: string): Promise<void>;

  haPairs(): Promise<LiveHaPair[]>;
  enableHa(guestId: string, activeHostId: string, passiveHostId: string): Promise<void>;
  setHa(guestId: string, activeHostId: string, passiveHostId: string): Promise<void>;
  disableHa(guestId: string): Promise<void>;
}
