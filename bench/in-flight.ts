/**
 * Benchmark (ADR 017): the in-flight limit per endpoint. One provider process creates VMS guests
 * over HOSTS endpoints the way the engine drives it at `--parallel 32` (at most 32 creates at once),
 * against the simulator with per-request delays and a small rate of "busy" answers (117), for limits
 * 1, 2, 4 and 8. Prints each limit's wall time as a ratio to the chosen limit (4) and the retries
 * the busy answers cost. The simulator has no capacity model — a real NAS slows down and answers
 * busy when flooded, the simulator does not — so this shows what a higher limit could gain at most,
 * not what a NAS can take (ADR 017).
 */
import { createClient, resetProcessState, type LogLevel } from "../provider/api";
import { startSimulator, type SimulatorHandle } from "../simulator";
import { CLUSTER } from "../test/integration/api/sim";

const HOSTS = 7;
const VMS = 100;
const PARALLEL = 32;
const LIMITS = [1, 2, 4, 8] as const;
const CHOSEN = 4;
/** A DSM answer is not instant: a create takes longer than a read (web-UI timings are in this range). */
const DELAYS = [
  { api: "SYNO.Virtualization.API.Guest", method: "create", ms: 60 },
  { api: "SYNO.Virtualization.API.Guest", method: "get", ms: 15 },
  { api: "SYNO.Virtualization.API.Task.Info", ms: 10 },
];

async function run(
  sim: SimulatorHandle,
  limit: number,
): Promise<{ seconds: number; retries: number; requests: number }> {
  await sim.control.reset();
  for (const d of DELAYS) sim.control.setDelay(d);
  sim.control.addFault({ code: 117, probability: 0.02 });
  resetProcessState();
  let retries = 0;
  const client = createClient({
    endpoints: sim.endpoints.slice(0, HOSTS),
    username: sim.username,
    password: sim.password,
    maxInFlightPerEndpoint: limit,
    retry: { attempts: 6, baseDelayMs: 50 },
    logger: (level: LogLevel, message: string) => {
      if (level === "warn" && /attempt/.test(message)) retries++;
    },
  });
  const [storage] = await client.storages.list();
  const names = Array.from({ length: VMS }, (_, i) => `vm-${i + 1}`);
  const started = process.hrtime.bigint();
  // The engine's --parallel: at most PARALLEL creates at once.
  const queue = [...names];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        await client.guests.create({
          name,
          storageId: storage.id,
          disks: [{ sizeMiB: 10240 }],
          nics: [{ networkName: "Default VM Network" }],
        });
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const requests = sim.control.requestLog().length;
  await client.close();
  return { seconds, retries, requests };
}

async function main(): Promise<void> {
  const sim = await startSimulator({
    hosts: HOSTS,
    taskDurationMs: 300,
    cluster: { ...CLUSTER, joined: HOSTS },
  });
  try {
    const results = new Map<number, Awaited<ReturnType<typeof run>>>();
    for (const limit of LIMITS) results.set(limit, await run(sim, limit));
    const base = results.get(CHOSEN)?.seconds ?? 1;
    console.log(
      `${VMS} creates over ${HOSTS} endpoints, at most ${PARALLEL} at once (the engine's --parallel); ` +
        `delays ${DELAYS.map((d) => `${d.api.replace(/^SYNO\.Virtualization\.API\./, "")}${d.method ? `.${d.method}` : ""} ${d.ms} ms`).join(", ")}; 2 % busy (117)`,
    );
    for (const [limit, r] of results)
      console.log(
        `in flight ≤ ${limit} per endpoint: ${(r.seconds / base).toFixed(2)}× the time at ${CHOSEN}` +
          ` (${r.seconds.toFixed(2)} s), ${r.requests} requests, ${r.retries} retries after busy answers`,
      );
  } finally {
    await sim.close();
  }
}

main().catch((e: Error) => {
  console.error(`bench/in-flight: ${e.message}`);
  process.exitCode = 1;
});
