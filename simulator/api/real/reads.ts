/**
 * The internal reads a real VMM NAS answers, seen in two or more public sources, with their real
 * field names and units (docs/reference/vmm-internal-api-evidence.md §2.1–2.3; RAM in KiB, §3 Units).
 * Listed in `dsm: "real"` mode only. Every other method of these APIs answers 103: their contracts
 * are unknown, so the simulator offers none, and a provider that tries one is caught by the log.
 * Values the evidence does not pin (which statuses a down host shows, cluster_status words other
 * than "normal", an unplaced guest's empty host_id) are [ours] in API.md §6.
 */
import type { BoxState, GuestState } from "../../model/state";
import type { World } from "../../model/world";
import { read, type ApiDef } from "../types";

const KIB_PER_MB = 1024;

const REAL_HOST_STATUS = {
  online: { status: "running", status_type: "healthy" },
  unreachable: { status: "offline", status_type: "error" },
  malfunction: { status: "warning", status_type: "warning" },
} as const;

const internal = (name: string, methods: ApiDef["methods"]): ApiDef => ({
  name,
  path: "entry.cgi",
  requestFormat: "JSON",
  minVersion: 1,
  maxVersion: 2,
  listedIn: "real",
  session: true,
  methods,
});

function summary(items: readonly ("healthy" | "warning" | "error")[]) {
  return {
    healthy: items.filter((i) => i === "healthy").length,
    warning: items.filter((i) => i === "warning").length,
    error: items.filter((i) => i === "error").length,
  };
}

function guestHealth(g: GuestState): "healthy" | "warning" | "error" {
  return g.status === "inaccessible" ? "error" : "healthy";
}

/** `SYNO.Virtualization.Cluster get`: a health summary, no id, name, network or quorum (DSMH, DNC). */
function clusterSummary(world: World) {
  const hosts = world.joinedHosts().map((b) => REAL_HOST_STATUS[b.status].status_type);
  const guests = world.state.guests.map(guestHealth);
  const repos = world.state.storages.map((s): "healthy" | "error" =>
    world.storageOnline(s) ? "healthy" : "error",
  );
  const bad = [...hosts, ...guests, ...repos].some((t) => t !== "healthy");
  return {
    cluster_status: bad ? "warning" : "normal",
    guest_summ: {
      ...summary(guests),
      running: world.state.guests.filter((g) => g.status === "running").length,
    },
    host_summ: summary(hosts),
    license_summ: { healthy: 1, warning: 0, error: 0 },
    repo_summ: summary(repos),
    reasons: [],
  };
}

/** One `SYNO.Virtualization.Host list` entry: `name`, not `host_name`; RAM in KiB (DSMH sample). */
function realHostView(world: World, b: BoxState) {
  const used = world.usage(b.id);
  const freeMb = Math.max(0, b.ramMb - used.ramMb);
  return {
    host_id: b.id,
    name: b.hostName ?? b.name,
    ...REAL_HOST_STATUS[b.status],
    ip: b.ip,
    model: "DS1821+",
    package_version: b.vmmVersion,
    total_cpu_num: b.cpuThreads,
    cpu_num: b.cpuThreads,
    free_cpu_core: Math.max(0, b.cpuThreads - used.threads),
    total_ram_size: b.ramMb * KIB_PER_MB,
    free_ram_size: freeMb * KIB_PER_MB,
    free_ram_size_for_guest: freeMb * KIB_PER_MB,
  };
}

/** One internal `SYNO.Virtualization.Guest list` entry: placement lives here (DSMH, PYD samples). */
function realGuestView(world: World, g: GuestState) {
  const host = world.hostById(g.hostId);
  const storage = world.findStorage(g.storageId);
  const running = g.status === "running";
  return {
    guest_id: g.id,
    name: g.name,
    desc: g.description,
    status: g.status,
    status_type: guestHealth(g),
    host_id: g.hostId ?? "",
    host_name: host?.hostName ?? "",
    repo_id: g.storageId,
    repo_name: storage === undefined ? "" : world.storageName(storage),
    vcpu_num: g.vcpuNum,
    vram_size: g.vramSizeMb * KIB_PER_MB,
    ram_used: running ? g.vramSizeMb * KIB_PER_MB : 0,
    vcpu_usage: running ? "0" : "",
    autorun: g.autorun,
    can_ha: false,
    is_online: running,
    vdisk_num: g.vdisks.length,
  };
}

export const realInternalReads: ApiDef[] = [
  internal("SYNO.Virtualization.Cluster", { get: read(({ world }) => clusterSummary(world)) }),
  internal("SYNO.Virtualization.Host", {
    list: read(({ world }) => ({
      hosts: world.joinedHosts().map((b) => realHostView(world, b)),
      is_freeze: false,
      max_host_num: 7,
    })),
  }),
  internal("SYNO.Virtualization.Guest", {
    list: read(({ world }) => ({
      guests: world.state.guests.map((g) => realGuestView(world, g)),
      canHA: true,
      canMove: true,
      is_freeze: false,
    })),
  }),
];

/** Real methods that only read: a call to any other SYNO.Virtualization.* internal method is a write attempt. */
export const REAL_READS: ReadonlySet<string> = new Set(
  realInternalReads.flatMap((api) => Object.keys(api.methods).map((m) => `${api.name} ${m}`)),
);
