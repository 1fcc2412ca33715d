/**
 * A cluster as a person makes it in Virtual Machine Manager, before any code: built straight
 * through the simulator's DSM API (a clone of a disk image) and its control API (what only the UI
 * can choose: SATA and IDE controllers, an e1000 NIC, placement), at either flavour. Shared by the
 * import tests (e2e round trip, CLI bad input) and the import benchmark, with the child-process
 * runner of the `synovmm` CLI and the request-log check that nothing was written.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { createClient } from "../../../provider/api";
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from "../../../simulator";
import type { RequestLogEntry } from "../../../simulator/types";

export const SYNOVMM_BIN = path.join(__dirname, "..", "..", "..", "..", "bin", "synovmm.js");

/** The managed flavour's cluster; the real flavour has every box joined, as a real NAS shows it. */
export const LAB_CLUSTER = {
  name: "lab",
  subnet: "10.10.0.0/24",
  reservedFrom: "10.10.0.10",
  reservedTo: "10.10.0.50",
} as const;

/** A simulator of `hosts` boxes, all in one cluster, at the flavour `dsm`. */
export function startClusterSimulator(
  dsm: "sim" | "real",
  hosts = 3,
  extra: SimulatorOptions = {},
): Promise<SimulatorHandle> {
  return startSimulator({
    hosts,
    dsm,
    taskDurationMs: 20,
    ...(dsm === "sim" ? { cluster: { ...LAB_CLUSTER, joined: hosts } } : {}),
    ...extra,
  });
}

/** Method names that change something, in any API (the compound `request` only reads). */
const WRITE_METHOD =
  /^(create|set|delete|poweron|poweroff|shutdown|join|leave|enable|disable|switchover|move|migrate|update|import)$/i;

/** Every logged call that changed the world or is named like a write (login/logout aside). */
export function writesIn(log: readonly RequestLogEntry[]): string[] {
  return log
    .filter((e) => e.mutated || WRITE_METHOD.test(e.method))
    .map((e) => `${e.api} ${e.method} on ${e.box}`);
}

/** HTTP requests of a log: the inner calls of a compound are logged too, marked `via`. */
export function httpRequests(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((e) => e.via === undefined);
}

/** The VMs the tests read back by name. */
export const UI_VMS = {
  /** The clone of a disk image plus a data disk, running; on the managed level HA-protected. */
  web: "web-1",
  /** Two SATA disks, 4 vCPU / 8 GiB, running on host 1, autorun on. */
  db: "db-1",
  /** No image, an IDE disk and an e1000 NIC, stopped. */
  legacy: "legacy-1",
  /** Marked by another stack: written commented out. */
  other: "other-1",
} as const;

export const OTHER_STACK = "other/prod";

/** Makes the cluster's image and VMs; sessions it opens are closed. */
export async function makeUiCluster(sim: SimulatorHandle, dsm: "sim" | "real"): Promise<void> {
  const c = sim.control;
  c.createImage({ name: "ubuntu-cloud", type: "disk" });
  const client = createClient({ endpoints: sim.endpoints, username: sim.username, password: sim.password });
  try {
    const [storages, networks, hosts] = await Promise.all([
      client.storages.list(),
      client.networks.list(),
      client.hosts.list(),
    ]);
    const storage = storages.find((s) => s.hostName === hosts[0].name) ?? storages[0];
    const web = await client.guests.create({
      name: UI_VMS.web,
      storageId: storage.id,
      disks: [{ imageName: "ubuntu-cloud" }, { sizeMiB: 20480 }],
      nics: [{ networkId: networks[0].id }],
    });
    await client.guests.set(web.id, {
      vcpus: 2,
      memoryMiB: 4096,
      description: "web frontend",
      autorun: "last",
    });
    await client.guestActions.powerOn(web.id, { hostId: storage.hostId });
  } finally {
    await client.close();
  }
  c.createGuest({
    name: UI_VMS.db,
    vcpuNum: 4,
    vramSizeMb: 8192,
    vdiskSizesMb: [40960, 102400],
    vdiskController: 3,
    description: "database",
    autorun: 2,
    host: 1,
    running: true,
  });
  c.createGuest({
    name: UI_VMS.legacy,
    vcpuNum: 2,
    vramSizeMb: 2048,
    vdiskSizesMb: [30720],
    vdiskController: 2,
    nicModel: 2,
    description: "old app: keep",
  });
  c.createGuest({ name: UI_VMS.other, description: `owned elsewhere [synovmm stack ${OTHER_STACK}]` });
  if (dsm === "sim") c.enableHa({ guest: UI_VMS.web, active: 1, passive: 2 });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout then stderr, what a person reads. */
  output: string;
}

/**
 * Runs `synovmm <args>` as a child process, asynchronously (the simulator in this process must
 * keep answering), with only the given SYNOVMM_* variables.
 */
export function runSynovmm(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; bin?: string[] } = {},
): Promise<CliResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("SYNOVMM_")),
  ) as Record<string, string>;
  const [command, ...first] = options.bin ?? [process.execPath, SYNOVMM_BIN];
  const child = spawn(command, [...first, ...args], {
    cwd: options.cwd,
    env: { ...inherited, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr, output: `${stdout}${stderr}` }));
  });
}

/** The SYNOVMM_* variables that reach `sim`. */
export function simEnv(sim: SimulatorHandle, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SYNOVMM_ENDPOINTS: sim.endpoints.join(","),
    SYNOVMM_USERNAME: sim.username,
    SYNOVMM_PASSWORD: sim.password,
    ...extra,
  };
}
