/**
 * LiveApi on the DSM Web API client (provider/api): passes the client's objects through where the
 * port speaks them, translates the few it shapes on its own (cluster, hosts, images), and nothing else. The client does the hard parts
 * (sessions, retries that never duplicate a write, failover between hosts, task polling).
 * Reads are shared per kind across the resources of a run (shared-reads.ts); each write says which
 * kinds it changes, and those are read again.
 */
import { createClient, DsmError, type Capabilities, type VmmClient } from "../api";
import type { ConnectionSettings } from "./connection";
import { debugEnabled, debugLine } from "./debug";
import type { HandlerLog } from "./log";
import { providerProcess } from "./process";
import { SharedReads, type ReadKind } from "./shared-reads";
import type {
  CapabilityLevel,
  ClusterNetwork,
  Guest,
  GuestCreateInput,
  GuestPatch,
  HaPair,
  LiveApi,
  LiveClusterInfo,
  LiveHostInfo,
  LiveImage,
  Network,
  Storage,
} from "./live-api";

/** What each family of writes changes, beyond its own kind. */
const CHANGED_BY = {
  // Creating or deleting a cluster makes or unmakes hosts' membership, storages and networks.
  cluster: ["cluster", "hosts", "storages", "networks", "images", "guests", "haPairs"],
  // Membership moves storages, the cluster's host counts and where guests can run.
  host: ["hosts", "cluster", "storages", "guests", "haPairs"],
  image: ["images"],
  // HA pairs carry their guest's name and host; powering and moving changes placement.
  guest: ["guests", "haPairs"],
  ha: ["haPairs", "guests"],
} as const satisfies Record<string, readonly ReadKind[]>;

/** A guest in a passing state is read live: a caller waiting on it must see it move. */
const PASSING_STATUS = new Set(["creating"]);

/** Official Host.list statuses in the words of the cluster API. */
const OFFICIAL_STATUS: Record<string, string> = {
  running: "online",
  network_warn: "online",
  inaccessible: "unreachable",
  control_unavail: "malfunction",
};

/** The client's guest with its MACs in lower case, as the inputs write them (no case-only diff). */
function withLowerCaseMacs(g: Guest): Guest {
  return g.nics === undefined ? g : { ...g, nics: g.nics.map((n) => ({ ...n, mac: n.mac.toLowerCase() })) };
}

/** Once per provider process: what a real NAS lets us manage, what is only verified, what to do by hand. */
function sayOnceOfficialOnly(c: Capabilities, log: HandlerLog): void {
  const proc = providerProcess();
  if (proc.saidOfficialOnly) return;
  proc.saidOfficialOnly = true;
  const placement =
    c.placement === "internal-guest-list"
      ? "runningHost is read from VMM's internal guest list (read only)."
      : "runningHost is unknown: this NAS does not list SYNO.Virtualization.Guest, so nothing says where a VM runs.";
  log.notice(
    `synovmm: ${c.reason}. Managed: VirtualMachine and Image (Synology's official API). Verified only: ` +
      `Cluster, Host and HAPair (no public API creates a cluster, joins a host, enables HA or migrates). ` +
      `${placement} Do cluster, host, HA and migration changes in Virtual Machine Manager, then run pulumi refresh.`,
  );
}

export class DsmLiveApi implements LiveApi {
  private readonly client: VmmClient;
  private readonly reads = new SharedReads();
  private levelPromise?: Promise<CapabilityLevel>;

  constructor(
    settings: ConnectionSettings,
    private readonly log: HandlerLog,
  ) {
    const debug = debugEnabled();
    this.client = createClient({
      endpoints: settings.endpoints,
      username: settings.username,
      password: settings.password,
      caCertificate: settings.caCertificate,
      insecureSkipTlsVerify: settings.insecureSkipTlsVerify,
      operationTimeoutMs: settings.operationTimeoutMs,
      // The engine shows a dynamic provider's stderr as errors: keep it to warnings and worse.
      logger: (level, message) => {
        if (level === "warn" || level === "error") log.warn(`synovmm ${level}: ${message}`);
        else if (debug) log.notice(debugLine(message));
      },
    });
  }

  close(): Promise<void> {
    return this.client.close();
  }

  level(): Promise<CapabilityLevel> {
    this.levelPromise ??= this.client.capabilities().then((c) => {
      if (c.level === "official-only") sayOnceOfficialOnly(c, this.log);
      return c.level;
    });
    return this.levelPromise;
  }

  cluster(): Promise<LiveClusterInfo> {
    return this.reads.read("cluster", () => this.readCluster());
  }

  private async readCluster(): Promise<LiveClusterInfo> {
    const c = await this.client.cluster.get();
    if (c === undefined) {
      return {
        id: null,
        name: null,
        status: "not_created",
        network: null,
        domain: null,
        hostCount: 0,
        onlineHostCount: 0,
        quorum: true,
      };
    }
    return {
      id: c.id,
      name: c.name,
      status: c.status,
      network: c.network ?? null,
      domain: c.domain || null,
      hostCount: c.hostCount,
      onlineHostCount: c.onlineHostCount,
      quorum: c.quorum,
    };
  }

  async createCluster(p: { name: string; network: ClusterNetwork; domain?: string }): Promise<string> {
    const c = await this.reads.writing(CHANGED_BY.cluster, () => this.client.cluster.create(p));
    return c.id;
  }

  async setCluster(p: { name?: string; domain?: string; network?: ClusterNetwork }): Promise<void> {
    await this.reads.writing(CHANGED_BY.cluster, () => this.client.cluster.set(p));
  }

  async deleteCluster(): Promise<void> {
    await this.reads.writing(CHANGED_BY.cluster, () => this.client.cluster.delete());
  }

  hosts(): Promise<LiveHostInfo[]> {
    return this.reads.read("hosts", () => this.readHosts());
  }

  private async readHosts(): Promise<LiveHostInfo[]> {
    if ((await this.level()) === "managed") {
      return (await this.client.clusterHosts.list()).map((h) => ({
        id: h.id,
        name: h.name,
        boxAddress: h.boxAddress || null,
        clusterIp: h.clusterIp ?? null,
        status: h.status,
        joined: h.joined,
        sha: h.sha,
        cpuThreads: h.cpuThreads,
        memoryMiB: h.memoryMiB,
        volumes: h.volumes.map((v) => ({ path: v.path, filesystem: v.filesystem, inCluster: v.inCluster })),
      }));
    }
    // The official API lists joined hosts only, without addresses; their VM storages are the
    // volumes they gave the cluster, which VMM only accepts on Btrfs (R9).
    const [hosts, storages] = await Promise.all([this.client.hosts.list(), this.storages()]);
    return hosts.map((h) => ({
      id: h.id,
      name: h.name,
      boxAddress: null,
      clusterIp: null,
      status: OFFICIAL_STATUS[h.status] ?? h.status,
      joined: true,
      sha: false,
      cpuThreads: h.cpuThreads,
      memoryMiB: h.memoryMiB,
      volumes: storages
        .filter((s) => s.hostId === h.id)
        .map((s) => ({ path: s.volumePath, filesystem: "btrfs", inCluster: true })),
    }));
  }

  async joinHost(p: {
    boxAddress: string;
    name: string;
    clusterIp: string;
    volumes: string[];
  }): Promise<string> {
    const h = await this.reads.writing(CHANGED_BY.host, () =>
      this.client.clusterHosts.join({
        boxAddress: p.boxAddress,
        hostName: p.name,
        clusterIp: p.clusterIp,
        volumes: p.volumes,
      }),
    );
    return h.id;
  }

  async leaveHost(hostId: string): Promise<void> {
    await this.reads.writing(CHANGED_BY.host, () => this.client.clusterHosts.leave(hostId));
  }

  async setHost(hostId: string, p: { name?: string; clusterIp?: string }): Promise<void> {
    await this.reads.writing(CHANGED_BY.host, () => this.client.clusterHosts.set(hostId, p));
  }

  storages(): Promise<Storage[]> {
    return this.reads.read("storages", () => this.client.storages.list());
  }

  networks(): Promise<Network[]> {
    return this.reads.read("networks", () => this.client.networks.list());
  }

  images(): Promise<LiveImage[]> {
    return this.reads.read("images", () => this.readImages());
  }

  /**
   * The official list; at the managed level also our private list of owner marks (ADR 027), read
   * beside it, so both leave in one compound (ADR 018) and are shared as one kind.
   */
  private async readImages(): Promise<LiveImage[]> {
    const managed = (await this.level()) === "managed";
    const [images, marks] = await Promise.all([
      this.client.images.list(),
      managed ? this.client.ownedImages.list() : Promise.resolve([]),
    ]);
    const markOf = new Map(marks.map((m) => [m.id, m]));
    return images.map((i) => {
      const mark = markOf.get(i.id);
      return {
        id: i.id,
        name: i.name,
        type: i.type,
        storageIds: i.storages.map((s) => s.id),
        ...(mark === undefined ? {} : { owner: mark.owner, creating: mark.creating }),
      };
    });
  }

  async createImage(p: {
    name: string;
    type: string;
    path: string;
    storageIds: string[];
    owner?: string;
  }): Promise<string> {
    const input = {
      name: p.name,
      type: p.type as "disk" | "vdsm" | "iso",
      dsFilePath: p.path,
      storageIds: p.storageIds,
    };
    const owner = p.owner;
    // The mark only where our own API carries it: a real NAS gets the documented create, nothing more.
    const marked = owner !== undefined && owner !== "" && (await this.level()) === "managed";
    const image = await this.reads.writing(CHANGED_BY.image, () =>
      marked ? this.client.ownedImages.create({ ...input, owner }) : this.client.images.create(input),
    );
    return image.id;
  }

  async deleteImage(imageId: string): Promise<void> {
    await this.reads.writing(CHANGED_BY.image, () => this.client.images.delete(imageId));
  }

  guests(): Promise<Guest[]> {
    return this.reads.read("guests", async () =>
      (await this.client.guests.list({ details: true })).map(withLowerCaseMacs),
    );
  }

  /**
   * From the shared guest list (one read for every VM of a run); a guest that is still being
   * created is read on its own, so a wait on it sees it finish.
   */
  async guest(guestId: string): Promise<Guest | undefined> {
    const listed = (await this.guests()).find((g) => g.id === guestId);
    if (listed === undefined || !PASSING_STATUS.has(listed.status)) return listed;
    return this.readGuest(guestId);
  }

  guestNow(guestId: string): Promise<Guest | undefined> {
    return this.readGuest(guestId, false);
  }

  private async readGuest(guestId: string, placement = true): Promise<Guest | undefined> {
    try {
      return withLowerCaseMacs(await this.client.guests.get(guestId, { details: true, placement }));
    } catch (e) {
      // 401 on Guest.get: no guest with that id (deleted outside Pulumi).
      if (e instanceof DsmError && e.category === "dsm" && e.code === 401) return undefined;
      throw e;
    }
  }

  async createGuest(p: GuestCreateInput): Promise<string> {
    let guest: Guest;
    try {
      guest = await this.client.guests.create(p);
    } catch (e) {
      // It may have half-applied (a guest left creating): read everything again.
      this.reads.drop(...CHANGED_BY.guest);
      throw e;
    }
    // The new guest as read after its task: the shared list gains it instead of being read again.
    const created = withLowerCaseMacs(guest);
    this.reads.amend<Guest[]>("guests", (list) => [...list.filter((g) => g.id !== created.id), created]);
    return guest.id;
  }

  async setGuest(guestId: string, p: GuestPatch): Promise<void> {
    await this.reads.writing(CHANGED_BY.guest, () => this.client.guests.set(guestId, p));
  }

  async deleteGuest(guestId: string): Promise<void> {
    await this.reads.writing(CHANGED_BY.guest, () => this.client.guests.delete(guestId));
  }

  async growDisks(
    guestId: string,
    p: { grow: { diskId: string; sizeMiB: number }[]; addMiB: number[] },
  ): Promise<void> {
    await this.reads.writing(CHANGED_BY.guest, () =>
      this.client.guestDisks.set(guestId, {
        grow: p.grow.map((g) => ({ id: g.diskId, sizeMiB: g.sizeMiB })),
        addMiB: p.addMiB,
      }),
    );
  }

  async powerOn(guestId: string, hostId?: string): Promise<void> {
    await this.reads.writing(CHANGED_BY.guest, () =>
      this.client.guestActions.powerOn(guestId, hostId ? { hostId } : {}),
    );
  }

  async powerOff(guestId: string): Promise<void> {
    await this.reads.writing(CHANGED_BY.guest, () => this.client.guestActions.powerOff(guestId));
  }

  async moveGuest(guestId: string, destHostId: string): Promise<void> {
    await this.reads.writing(CHANGED_BY.guest, () => this.client.guestActions.move(guestId, destHostId));
  }

  haPairs(): Promise<HaPair[]> {
    return this.reads.read("haPairs", () => this.client.ha.list());
  }

  async enableHa(guestId: string, activeHostId: string, passiveHostId: string): Promise<void> {
    await this.reads.writing(CHANGED_BY.ha, () =>
      this.client.ha.enable({ guestId, activeHostId, passiveHostId }),
    );
  }

  async setHa(guestId: string, activeHostId: string, passiveHostId: string): Promise<void> {
    await this.reads.writing(CHANGED_BY.ha, () =>
      this.client.ha.set({ guestId, activeHostId, passiveHostId }),
    );
  }

  async disableHa(guestId: string): Promise<void> {
    await this.reads.writing(CHANGED_BY.ha, () => this.client.ha.disable(guestId));
  }
}
