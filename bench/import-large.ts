/**
 * Benchmark: `synovmm import` of a 7-host, 200-VM cluster on the simulator, at both flavours, run
 * as a user runs it (the built CLI in a child process, to standard output). Prints the HTTP
 * requests the NAS served (a SYNO.Entry.Request compound counts once, ADR 018), the DSM calls
 * inside them, the wall time of the whole command (node start included) and the size of the file.
 * Targets (the import's read budget): at most 12 HTTP requests and under 2 s; exit 1 when missed.
 */
import type { SimulatorHandle } from "../simulator";
import {
  httpRequests,
  runSynovmm,
  simEnv,
  startClusterSimulator,
  writesIn,
} from "../test/e2e/support/ui-made-cluster";

const HOSTS = 7;
const VMS = 200;
/** Every fifth VM runs: 40 guests of 1 vCPU / 1 GiB on 7 hosts of 8 threads / 16 GiB (the default box). */
const RUNNING_EVERY = 5;
const MAX_REQUESTS = 12;
const MAX_SECONDS = 2;

function populate(sim: SimulatorHandle): void {
  const storages = sim.control.snapshot().storages;
  for (let i = 0; i < VMS; i++) {
    const host = (i % HOSTS) + 1;
    sim.control.createGuest({
      name: `vm-${String(i + 1).padStart(3, "0")}`,
      storage: storages[i % storages.length].storageId,
      // One vCPU when it runs (capacity), up to four when it is stopped.
      vcpuNum: i % RUNNING_EVERY === 0 ? 1 : 1 + (i % 4),
      vramSizeMb: 1024,
      vdiskSizesMb: i % 3 === 0 ? [10240, 20480] : [10240],
      description: `bench guest ${i + 1}`,
      autorun: i % 3,
      ...(i % RUNNING_EVERY === 0 ? { host: storages[i % storages.length].hostId, running: true } : { host }),
    });
  }
}

async function measure(dsm: "sim" | "real"): Promise<boolean> {
  const sim = await startClusterSimulator(dsm, HOSTS);
  try {
    populate(sim);
    sim.control.clearLog();
    const started = process.hrtime.bigint();
    const run = await runSynovmm(["import"], { env: simEnv(sim) });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.code !== 0) throw new Error(`synovmm import exited ${run.code}:\n${run.stderr}`);
    const log = sim.control.requestLog();
    const requests = httpRequests(log).length;
    const calls = log.filter((e) => e.api !== "SYNO.Entry.Request").length;
    const writes = writesIn(log);
    const vms = (run.stdout.match(/^ {4}(# )?- name: vm-/gm) ?? []).length;
    const ok = requests <= MAX_REQUESTS && seconds < MAX_SECONDS && writes.length === 0 && vms === VMS;
    console.log(
      `  --dsm ${dsm.padEnd(4)} ${HOSTS} hosts, ${vms} VMs: ${requests} HTTP requests (${calls} DSM calls), ` +
        `${seconds.toFixed(2)} s, ${run.stdout.length} bytes, ${writes.length} writes — ${ok ? "within" : "MISSED"} ` +
        `the budget (≤ ${MAX_REQUESTS} requests, < ${MAX_SECONDS} s)`,
    );
    return ok;
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  console.log(`import-large: synovmm import of ${HOSTS} hosts / ${VMS} VMs, the CLI as a child process`);
  const results = [await measure("sim"), await measure("real")];
  process.exitCode = results.every(Boolean) ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(`import-large: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
