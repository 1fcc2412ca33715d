/**
 * The serializable state of the simulated world (what `--state` saves). Plain data only: the
 * behaviour lives in one file per object kind (cluster.ts, host.ts, guest.ts, …) over `World`.
 */
import type { RngState } from "../core/rng";
import type { BoxStatus, Filesystem, GuestStatus, HaStatus, PowerEvent } from "../types";

export interface BoxState {
  index: number;
  /** host_id: fixed per box, so a box keeps its id across leave and re-join. */
  id: string;
  name: string;
  /** Loopback IP the box listens on, e.g. 127.0.10.2. */
  ip: string;
  cpuThreads: number;
  ramMb: number;
  volumes: { path: string; filesystem: Filesystem; sizeMb: number }[];
  sha: boolean;
  vmmVersion: string;
  lunLimit: number;
  status: BoxStatus;
  joined: boolean;
  hostName: string | null;
  clusterIp: string | null;
  /** Volumes given to the cluster at join (each is a storage). */
  clusterVolumes: string[];
}

export interface ClusterState {
  id: string;
  name: string;
  subnet: string;
  reservedFrom: string;
  reservedTo: string;
  domain: string | null;
}

export interface StorageState {
  id: string;
  hostId: string;
  volumePath: string;
  ordinal: number;
}

export interface NetworkState {
  id: string;
  name: string;
  /** null = on every host. */
  hostIds: string[] | null;
}

export type ImageType = "disk" | "vdsm" | "iso";

export interface ImageState {
  id: string;
  name: string;
  type: ImageType;
  dsFilePath: string;
  sizeMb: number;
  storageIds: string[];
  ready: boolean;
  /**
   * The stack whose create made it, given only to the private `SYNO.SynoVmmSim.Guest.Image`
   * `create` [ours]; absent on images made by the official create (no documented field carries
   * it) and in state files saved before it existed.
   */
  owner?: string;
}

export interface VdiskState {
  id: string;
  sizeMb: number;
  controller: number;
  unmap: boolean;
  /** Image it was cloned from (create_type 1), else null. */
  imageId: string | null;
}

export interface VnicState {
  id: string;
  mac: string;
  model: number;
  /** "" = not connected. */
  networkId: string;
}

export interface GuestState {
  id: string;
  name: string;
  description: string;
  status: GuestStatus;
  storageId: string;
  autorun: number;
  vcpuNum: number;
  vramSizeMb: number;
  reservedThreads: number;
  firmware: "bios" | "uefi";
  vdisks: VdiskState[];
  vnics: VnicState[];
  /** R11: null until the first power-on. */
  hostId: string | null;
  /** Status to return to when the host that made it inaccessible is back. */
  statusBeforeDown: GuestStatus | null;
  /** Epoch ms when `booting` becomes `running` (failover restart). */
  bootUntil: number | null;
  powerHistory: PowerEvent[];
  hostHistory: { at: string; hostId: string; reason: string }[];
}

export interface HaState {
  guestId: string;
  activeHostId: string;
  passiveHostId: string;
  status: HaStatus;
  /**
   * Who last chose the roles: `ha` when VMM moved the guest itself (switchover or failover on a host
   * down), `request` after enable/set/switchover. Unlike `status`, it outlives the left host's return,
   * so a reader can tell HA's own move from a hand edit at any time later [ours].
   */
  rolesBy: "ha" | "request";
  /** Set by a 1600 refusal: the passive host could not reserve the edited size. */
  reservationFailed: boolean;
}

export type TaskKind = "guest_create" | "image_create" | "guest_move";

export interface TaskState {
  id: string;
  kind: TaskKind;
  objectId: string;
  destHostId: string | null;
  startedAt: number;
  endsAt: number;
  autoClean: boolean;
  done: boolean;
  errorCode: number | null;
  /** Removal time of an auto-clean task once finished. */
  cleanAt: number | null;
}

export interface WorldState {
  format: 1;
  cluster: ClusterState | null;
  boxes: BoxState[];
  storages: StorageState[];
  networks: NetworkState[];
  images: ImageState[];
  guests: GuestState[];
  ha: HaState[];
  tasks: TaskState[];
  rng: RngState;
}
