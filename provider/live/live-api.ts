/**
 * What the reconcilers need from a cluster (ADR 011). Where the client's own type already says it
 * (a guest, its create and its settings, a storage, a network, an HA pair) the port takes and
 * returns that type as is; it has shapes of its own only where it adds something: the cluster
 * when none exists yet, a host seen through either API level, an image by its storages' ids. One
 * adapter (dsm-live-api.ts) implements it on the DSM client; unit tests implement it with a fake.
 * Capability level "official-only" means the cluster, host-membership, HA and migration calls do
 * not exist (ADR 001): handlers verify instead.
 */

import type { CapabilityLevel, Guest, GuestCreateInput, GuestPatch, HaPair, Network, Storage } from "../api";
import type { ClusterInputs } from "../model/inputs";

export type { CapabilityLevel, Guest, GuestCreateInput, GuestPatch, HaPair, Network, Storage };

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

export interface LiveImage {
  id: string;
  name: string;
  type: string;
  storageIds: string[];
  /**
   * Managed level only: the stack whose create made it (`<project>/<stack>`, our private image
   * API, ADR 027). Never known at the official level: no documented field carries it.
   */
  owner?: string;
  /** Managed level only, with `owner`: its create task still runs. */
  creating?: boolean;
}

export interface LiveApi {
  level(): Promise<CapabilityLevel>;
  /** Logs out of every session it opened; fakes have none. Only at process end (ADR 022). */
  close?(): Promise<void>;

  cluster(): Promise<LiveClusterInfo>;
  createCluster(p: { name: string; network: ClusterNetwork; domain?: string }): Promise<string>;
  setCluster(p: { name?: string; domain?: string; network?: ClusterNetwork }): Promise<void>;
  deleteCluster(): Promise<void>;

  /** Managed level: every box, joined or not. Official-only level: the joined hosts only. */
  hosts(): Promise<LiveHostInfo[]>;
  joinHost(p: { boxAddress: string; name: string; clusterIp: string; volumes: string[] }): Promise<string>;
  leaveHost(hostId: string): Promise<void>;
  setHost(hostId: string, p: { name?: string; clusterIp?: string }): Promise<void>;

  storages(): Promise<Storage[]>;
  networks(): Promise<Network[]>;

  images(): Promise<LiveImage[]>;
  /**
   * Creates the image and waits for its task. At the managed level it carries `owner` (our
   * private create, ADR 027); at the official level the documented create, which has no field for it.
   */
  createImage(p: {
    name: string;
    type: string;
    path: string;
    storageIds: string[];
    owner?: string;
  }): Promise<string>;
  deleteImage(imageId: string): Promise<void>;

  /** The client's guests, read with details (disks, NICs), MACs in lower case. */
  guests(): Promise<Guest[]>;
  guest(guestId: string): Promise<Guest | undefined>;
  /**
   * The guest read on its own, never from the shared list: to see a write of its settings take
   * effect. Where it runs is not read (`hostId`/`hostName` absent).
   */
  guestNow(guestId: string): Promise<Guest | undefined>;
  /**
   * Creates the guest and waits for its task; never makes a duplicate when retried. Only what the
   * documented create carries (ADR 020): the provisional name, the storage, the boot disk cloned
   * from an image (R12) or blank, the blank disks and the NICs; the rest follows by `setGuest`.
   */
  createGuest(p: GuestCreateInput): Promise<string>;
  setGuest(guestId: string, p: GuestPatch): Promise<void>;
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

  haPairs(): Promise<HaPair[]>;
  enableHa(guestId: string, activeHostId: string, passiveHostId: string): Promise<void>;
  setHa(guestId: string, activeHostId: string, passiveHostId: string): Promise<void>;
  disableHa(guestId: string): Promise<void>;
}
