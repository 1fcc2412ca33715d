/**
 * The registry: the single source of truth of the simulated cluster (as vcsim's Map). It owns the
 * state, the seeded generator, the clock and lookups; the rules of each object kind live in their
 * own files and act on a World. Timed transitions (task progress, failover boot) are lazy:
 * `advance()` applies whatever became due, so no timers leak and tests stay deterministic.
 */
import type { DsmFlavour } from "../api/types";
import { Rng } from "../core/rng";
import type { BoxRef, ClusterStatus, GuestStatus } from "../types";
import { fail } from "./errors";
import type {
  BoxState,
  GuestState,
  ImageState,
  NetworkState,
  StorageState,
  TaskState,
  WorldState,
} from "./state";

export interface WorldSettings {
  taskDurationMs: number;
  failoverBootMs: number;
  /** How long a finished auto-clean task stays readable if nobody reads it. */
  taskLingerMs: number;
  pro: boolean;
  dsm: DsmFlavour;
}

/** Statuses in which a guest holds CPU/RAM on its host. */
const CONSUMING: ReadonlySet<GuestStatus> = new Set<GuestStatus>([
  "running",
  "booting",
  "moving",
  "shutting_down",
]);

export class World {
  readonly rng: Rng;
  /** Bumped by every change; the service layer compares it to log `mutated`. */
  version = 0;
  now: () => number = () => Date.now();
  /** Called after every change (state file). */
  onChange: (() => void) | null = null;

  constructor(
    readonly state: WorldState,
    readonly settings: WorldSettings,
  ) {
    this.rng = new Rng(state.rng);
  }

  touched(): void {
    this.version++;
    this.state.rng = this.rng.state();
    this.onChange?.();
  }

  iso(ms: number = this.now()): string {
    return new Date(ms).toISOString();
  }

  // ---- boxes and hosts ------------------------------------------------------------------

  joinedHosts(): BoxState[] {
    return this.state.boxes.filter((b) => b.joined);
  }

  /** R2: more than half of the joined hosts online. An empty cluster has no quorum rule. */
  hasQuorum(): boolean {
    const joined = this.joinedHosts();
    if (joined.length === 0) return true;
    const online = joined.filter((b) => b.status === "online").length;
    return online * 2 > joined.length;
  }

  clusterStatus(): ClusterStatus {
    if (this.state.cluster === null) return "not_created";
    if (!this.hasQuorum()) return "no_quorum";
    return this.joinedHosts().every((b) => b.status === "online") ? "healthy" : "degraded";
  }

  /** A box by 1-based index, DSM name, host name, host id, endpoint URL, `ip:port` or ip. */
  findBox(ref: BoxRef): BoxState | undefined {
    const boxes = this.state.boxes;
    if (typeof ref === "number") return boxes.find((b) => b.index === ref);
    if (/^\d+$/.test(ref)) return boxes.find((b) => b.index === Number(ref));
    const ip = ref.replace(/^https?:\/\//, "").replace(/[:/].*$/, "");
    return boxes.find((b) => b.id === ref || b.name === ref || b.hostName === ref || b.ip === ip);
  }

  box(ref: BoxRef, param = "box"): BoxState {
    return (
      this.findBox(ref) ??
      fail(401, param, `no box '${ref}' in the simulator; list them with SYNO.SynoVmmSim.Host list`)
    );
  }

  /** A joined host by host_id or host_name. */
  host(ref: string, param = "host_id"): BoxState {
    const b = this.state.boxes.find((x) => x.joined && (x.id === ref || x.hostName === ref));
    return (
      b ??
      fail(
        401,
        param,
        `no joined host '${ref}'; the cluster's hosts are listed by SYNO.Virtualization.API.Host list`,
      )
    );
  }

  hostById(id: string | null): BoxState | undefined {
    return id === null ? undefined : this.state.boxes.find((b) => b.id === id);
  }

  /** CPU threads, RAM and reserved threads taken on a host by running guests and HA reservations. */
  usage(hostId: string): { threads: number; ramMb: number; reserved: number; luns: number } {
    let threads = 0;
    let ramMb = 0;
    let reserved = 0;
    for (const g of this.state.guests) {
      const onIt = g.hostId === hostId && CONSUMING.has(g.status);
      const ha = this.state.ha.find((p) => p.guestId === g.id);
      // HA reserves the running guest's size on the passive host too, so a failover always fits.
      const passive =
        ha !== undefined && ha.passiveHostId === hostId && g.hostId !== hostId && CONSUMING.has(g.status);
      if (onIt || passive) {
        threads += g.vcpuNum;
        ramMb += g.vramSizeMb;
        reserved += g.reservedThreads;
      }
    }
    let luns = 0;
    for (const g of this.state.guests) {
      const st = this.findStorage(g.storageId);
      if (st !== undefined && st.hostId === hostId) luns += g.vdisks.length;
    }
    return { threads, ramMb, reserved, luns };
  }

  consuming(g: GuestState): boolean {
    return CONSUMING.has(g.status);
  }

  // ---- storages, networks, images, guests, tasks ------------------------------------------

  findStorage(ref: string): StorageState | undefined {
    return this.state.storages.find((s) => s.id === ref || this.storageName(s) === ref);
  }

  storageName(s: StorageState): string {
    const host = this.hostById(s.hostId);
    return `${host?.hostName ?? host?.name ?? "?"} - VM Storage ${s.ordinal}`;
  }

  storageOnline(s: StorageState): boolean {
    return this.hostById(s.hostId)?.status === "online";
  }

  findNetwork(ref: string): NetworkState | undefined {
    return this.state.networks.find((n) => n.id === ref || n.name === ref);
  }

  findImage(ref: string): ImageState | undefined {
    return this.state.images.find((i) => i.id === ref || i.name === ref);
  }

  findGuest(ref: string): GuestState | undefined {
    return this.state.guests.find((g) => g.id === ref || g.name === ref);
  }

  guest(ref: string, param = "guest_id"): GuestState {
    return (
      this.findGuest(ref) ??
      fail(401, param, `no guest '${ref}'; list guests with SYNO.Virtualization.API.Guest list`)
    );
  }

  findTask(id: string): TaskState | undefined {
    return this.state.tasks.find((t) => t.id === id);
  }

  /** Appends a power event (and keeps the history bounded so long demos do not grow forever). */
  power(g: GuestState, status: GuestStatus, reason: string, at: number = this.now()): void {
    g.status = status;
    g.powerHistory.push({ at: this.iso(at), status, hostId: g.hostId, reason });
    if (g.powerHistory.length > 200) g.powerHistory.splice(0, g.powerHistory.length - 200);
  }

  place(g: GuestState, hostId: string, reason: string, at: number = this.now()): void {
    g.hostId = hostId;
    g.hostHistory.push({ at: this.iso(at), hostId, reason });
    if (g.hostHistory.length > 200) g.hostHistory.splice(0, g.hostHistory.length - 200);
  }

  // ---- lazy time ---------------------------------------------------------------------------

  /** Applies every timed transition due by now, in time order. */
  advance(): void {
    const now = this.now();
    let changed = false;
    for (;;) {
      const due = this.nextDue(now);
      if (due === null) break;
      due();
      changed = true;
    }
    if (changed) this.touched();
  }

  /** Registered by tasks.ts / ha.ts: returns the earliest due transition, or null. */
  dueSources: ((now: number) => { at: number; apply: () => void } | null)[] = [];

  private nextDue(now: number): (() => void) | null {
    let best: { at: number; apply: () => void } | null = null;
    for (const source of this.dueSources) {
      const d = source(now);
      if (d !== null && d.at <= now && (best === null || d.at < best.at)) best = d;
    }
    return best === null ? null : best.apply;
  }
}
