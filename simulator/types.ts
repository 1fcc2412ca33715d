/**
 * Public types of the simulator: what `startSimulator` takes and returns, the control handle,
 * and the plain JSON snapshot of the simulated world. Stable surface shared with the API client
 * and the provider's end-to-end tests; documented in simulator/API.md.
 */

export type Filesystem = "btrfs" | "ext4";

/** Why a box is not online. `malfunction` keeps answering HTTP; `unreachable` refuses connections. */
export type DownMode = "unreachable" | "malfunction";
export type BoxStatus = "online" | DownMode;

export interface VolumeSpec {
  /** DSM volume path, e.g. `/volume1`. */
  path: string;
  filesystem: Filesystem;
  sizeMb: number;
}

/** Per-box overrides, by position: `boxes[0]` is box 1 (127.0.10.1). */
export interface BoxOptions {
  /** DSM server name; becomes the default host name at join. Default `syno-<k>`. */
  name?: string;
  /** CPU threads VMM may give to guests. Default 8. */
  cpuThreads?: number;
  /** RAM in MB VMM may give to guests. Default 16384. */
  ramMb?: number;
  /** Default `[{path:'/volume1', filesystem:'btrfs', sizeMb:1048576}]`. */
  volumes?: VolumeSpec[];
  /** Part of a Synology High Availability (SHA) pair already (R14). Default false. */
  sha?: boolean;
  /** VMM version; joined hosts whose major.minor differ make the cluster incompatible (501). Default `2.7.0`. */
  vmmVersion?: string;
  /** iSCSI LUNs this box can hold; every vdisk stored on it takes one (error 404). Default 128. */
  lunLimit?: number;
}

export interface ClusterOptions {
  name: string;
  /** Cluster network in CIDR form, e.g. `10.10.0.0/24` (R7). */
  subnet: string;
  /** First and last address of the reserved range hosts take their cluster IP from (R8). */
  reservedFrom: string;
  reservedTo: string;
  domain?: string;
  /** Pre-join the first N boxes (cluster IPs reservedFrom, reservedFrom+1, …). */
  joined: number;
}

export interface SimulatorOptions {
  /** Number of boxes (NAS units), 1–16. A cluster takes at most 7 of them (R1). Default 3. */
  hosts?: number;
  /** Seed of every generated id, name and random fault decision. Default `synovmm`. */
  seed?: string | number;
  /**
   * "sim" (default): our world plus the private SYNO.SynoVmmSim.* cluster APIs (the provider's
   * "managed" level). "real": what a real VMM NAS lists and answers (API.md §6): the real catalogue,
   * the real internal reads, 103 for every other internal method, no private API.
   */
  dsm?: "sim" | "real";
  /** Old name of `dsm: "real"`, kept as an alias. */
  officialOnly?: boolean;
  /** Serve HTTPS with a generated self-signed certificate. Default false. */
  tls?: boolean;
  /** One port for every box; 0 picks a free one. Default 0. */
  port?: number;
  /** First three octets of the box addresses; box k listens on `<bindBase>.<k>`. Default `127.0.10`. */
  bindBase?: string;
  /** Default `admin`. */
  username?: string;
  /** Default `synovmm-sim`. */
  password?: string;
  /** A session unused this long answers 106. Default 900. */
  sessionIdleSeconds?: number;
  /** How long an async create or move task runs. Default 300. */
  taskDurationMs?: number;
  /** How long a guest stays `booting` after a failover restart (R6). Default 200. */
  failoverBootMs?: number;
  /** VMM Pro licence present; without it HA and live migration answer 1001. Default true. */
  pro?: boolean;
  /** Failed logins from one address before it is blocked (407). Default 5. */
  loginMaxFailures?: number;
  /** A cluster to create at start. Official-only mode without it gets every box joined. */
  cluster?: ClusterOptions;
  boxes?: BoxOptions[];
  /**
   * VM networks present on every host from the start, as a person makes them in VMM → Network
   * (the provider does not manage networks; a spec's VMs name them). Default none.
   */
  networks?: string[];
  /** JSON file the world is saved to after every change and restored from at start. */
  stateFile?: string;
  /** Called with one line per request or event; default: silent. */
  log?: (line: string) => void;
}

export interface SimulatorHandle {
  /** One URL per box, e.g. `http://127.0.10.1:41234`; index k-1 is box k. */
  endpoints: string[];
  username: string;
  password: string;
  /** PEM file of the self-signed certificate, when `tls` is on. */
  caFile?: string;
  /** Base URL of the HTTP control API of a listener that never goes down. */
  controlUrl: string;
  control: SimulatorControl;
  close(): Promise<void>;
}

/** Names a box: 1-based index, DSM name, host name, host id, endpoint URL or address. */
export type BoxRef = number | string;

export interface FaultRule {
  /** Exact API name; omitted = any. */
  api?: string;
  /** Exact method name; omitted = any. */
  method?: string;
  /** Only requests reaching this box. */
  box?: BoxRef;
  /** Chance to apply, 0–1, drawn from the seeded generator. Default 1. */
  probability?: number;
  /** Stop applying after this many hits. Default unlimited. */
  maxCount?: number;
  /** Answer `{success:false,error:{code}}` instead of running the method. */
  code?: number;
  /** Wait this long before answering (or before dropping). */
  delayMs?: number;
  /** Destroy the connection without an answer, before the method runs (nothing changes). */
  drop?: boolean;
  /**
   * Run the method, then destroy the connection without an answer: the write happened and the
   * client never learns it (a NAS that crashes or loses the link between applying and answering).
   */
  dropAnswer?: boolean;
}

/** A request the simulator is still working on: what a crash of the client would cut off. */
export interface InFlightRequest {
  api: string;
  method: string;
  /** Endpoint URL of the box working on it. */
  box: string;
  /** ISO time it arrived. */
  since: string;
}

export interface FaultInfo extends FaultRule {
  id: string;
  hits: number;
}

export interface DelayRule {
  api: string;
  /** Omitted = every method of the API. */
  method?: string;
  ms: number;
}

export interface RequestLogEntry {
  seq: number;
  /** ISO time the request arrived. */
  time: string;
  /** Endpoint URL of the box that answered. */
  box: string;
  httpMethod: "GET" | "POST";
  path: string;
  api: string;
  method: string;
  version: number;
  /** Parameters with passwd/_sid/SynoToken/device ids replaced by `***`. */
  params: Record<string, string>;
  /** True when the call changed the world. */
  mutated: boolean;
  /** First 12 hex digits of sha256(sid), or null without a session. */
  session: string | null;
  /** 0 on success, else the DSM error code; -1 when the connection was dropped. */
  code: number;
  durationMs: number;
  /**
   * On every error (both flavours): what was refused and why, `<param or object>: <reason> (Rn)`.
   * In `dsm: "real"` the wire carries only `{code}`, so this is where the prose lives.
   */
  reason?: string;
  /**
   * Set on an inner call of a compound: the compound's API (`SYNO.Entry.Request`). The compound
   * itself is logged too, so counting HTTP requests means counting entries without `via`.
   */
  via?: string;
}

export interface PowerEvent {
  /** ISO time. */
  at: string;
  status: GuestStatus;
  hostId: string | null;
  /** poweron, poweroff, shutdown, migrate, switchover, failover, host_down, host_up, boot, create, direct */
  reason: string;
}

export type GuestStatus =
  "running" | "shutdown" | "inaccessible" | "booting" | "shutting_down" | "moving" | "creating" | "crashed";

export type ClusterStatus = "healthy" | "degraded" | "no_quorum" | "not_created";
export type HaStatus = "protected" | "degraded" | "failed_over" | "switched_over";

export interface SnapshotHost {
  hostId: string;
  boxIndex: number;
  boxName: string;
  boxAddress: string;
  hostName: string | null;
  clusterIp: string | null;
  joined: boolean;
  status: BoxStatus;
  sha: boolean;
  cpuThreads: number;
  ramMb: number;
  freeCpuThreads: number;
  freeRamMb: number;
  vmmVersion: string;
  volumes: { path: string; filesystem: Filesystem; sizeMb: number; usedMb: number; inCluster: boolean }[];
}

export interface SnapshotGuest {
  guestId: string;
  name: string;
  status: GuestStatus;
  hostId: string | null;
  storageId: string;
  vcpuNum: number;
  vramSizeMb: number;
  autorun: number;
  description: string;
  powerHistory: PowerEvent[];
  hostHistory: { at: string; hostId: string; reason: string }[];
}

export interface WorldSnapshot {
  cluster: {
    id: string | null;
    name: string | null;
    status: ClusterStatus;
    subnet: string | null;
    reservedFrom: string | null;
    reservedTo: string | null;
    domain: string | null;
    quorum: boolean;
  };
  hosts: SnapshotHost[];
  storages: { storageId: string; name: string; hostId: string; volumePath: string; status: string }[];
  networks: { networkId: string; name: string; hostIds: string[] | null }[];
  images: {
    imageId: string;
    name: string;
    type: string;
    storageIds: string[];
    ready: boolean;
    /** The stack the private create marked it with [ours]; null for every other image. */
    owner: string | null;
  }[];
  guests: SnapshotGuest[];
  haPairs: { guestId: string; activeHostId: string; passiveHostId: string; status: HaStatus }[];
  tasks: { taskId: string; kind: string; progress: number; finished: boolean; objectId: string | null }[];
}

/** Direct creation of objects, bypassing the DSM API (for "created outside Pulumi" tests). */
export interface DirectGuest {
  name: string;
  /** Storage by id or name; default the first storage. */
  storage?: string;
  vcpuNum?: number;
  vramSizeMb?: number;
  vdiskSizesMb?: number[];
  /** Network by id or name; default the first network. */
  network?: string;
  description?: string;
  autorun?: number;
  /**
   * What a person can choose in VMM but the official API cannot set [ours]: boot firmware (default
   * `bios`; `uefi` cannot power on off its storage's host, 911), reserved threads (default 0; 908),
   * and the vdisks' controller (default 1 VirtIO; 2 IDE / 3 SATA cannot boot remotely, 910).
   */
  bootFirmware?: "bios" | "uefi";
  cpuReservedThreads?: number;
  vdiskController?: number;
  /** The vNIC's model, as a person picks it in VMM [ours]: 1 VirtIO (default), 2 e1000, 3 RTL8139. */
  nicModel?: number;
  /** Place it on this host (and power it on when `running`). */
  host?: BoxRef;
  running?: boolean;
}

export interface DirectJoin {
  box: BoxRef;
  hostName?: string;
  clusterIp?: string;
  /** Default every btrfs volume of the box. */
  volumes?: string[];
}

/**
 * The control handle. Every operation is also served over HTTP under `/sim/` (see API.md).
 * Direct operations still enforce the domain rules and throw a SimError (with `.code`) on refusal.
 */
export interface SimulatorControl {
  hostDown(box: BoxRef, mode: DownMode): Promise<void>;
  hostUp(box: BoxRef): Promise<void>;
  addFault(rule: FaultRule): string;
  removeFault(id: string): void;
  listFaults(): FaultInfo[];
  clearFaults(): void;
  setDelay(rule: DelayRule): void;
  clearDelays(): void;
  requestLog(): RequestLogEntry[];
  clearLog(): void;
  /** Requests arrived and not answered yet (inner calls of a compound included). */
  inFlight(): InFlightRequest[];
  snapshot(): WorldSnapshot;
  /** Back to the world at start (options re-applied); sessions, faults, delays and log cleared. */
  reset(): Promise<void>;
  createCluster(cluster: Omit<ClusterOptions, "joined">): string;
  joinHost(join: DirectJoin): string;
  createGuest(guest: DirectGuest): string;
  createImage(image: { name: string; type?: "disk" | "iso" | "vdsm"; storages?: string[] }): string;
  createNetwork(network: { name: string; hosts?: BoxRef[] }): string;
  enableHa(ha: { guest: string; active: BoxRef; passive: BoxRef }): void;
  /** Turn HA off for a guest, as a person does in VMM → High Availability. */
  disableHa(guest: string): void;
  /** Power a guest on or off without the DSM API (on: optionally on a host). */
  setGuestPower(guest: string, on: boolean, host?: BoxRef): void;
}
