/**
 * Benchmark (every request counts, ADR 017): drives the real `pulumi` engine (the e2e support's
 * project stack, provider installed as a user installs it) against the simulator and reads the
 * simulator's request log. From one run each it prints:
 *   - `up` of HOSTS hosts / VMS VMs at --parallel 32: wall time against the critical-path bound
 *     (image task then VM task, from the simulator's task time), requests per resource, endpoints used;
 *   - requests per resource of a no-op preview and of a refresh;
 *   - the no-op preview's wall time against the same engine run on as many trivial dynamic resources,
 *     and against the stack's own shape (inputs and dependencies) replayed on a do-nothing provider.
 * Ratios, not absolute times (a shared machine's load moves absolute times, less so ratios).
 * Requests are HTTP requests, what a NAS serves: a SYNO.Entry.Request compound counts once (ADR 018);
 * the per-API counts list the DSM calls, those inside compounds included.
 * Targets (ADR 017): preview and refresh ≤ 1.2 requests per resource, up ≤ 5 and ≤ 3× the bound,
 * every member endpoint used, preview ≤ 1.15× the trivial baseline.
 * Smaller run: SYNOVMM_BENCH_VMS=20 SYNOVMM_BENCH_HOSTS=3 node dist/bench/requests-per-resource.js
 * Writes bench/results/requests-per-resource.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { packageRoot } from "../provider/model/package-root";
import type { RequestLogEntry } from "../simulator";
import { Scenario, type VmSpec } from "../test/e2e/support/cluster";
import { makeSandbox, projectStack } from "../test/e2e/support/pulumi";
import { workDirFor } from "../test/e2e/support/installed-package";

const VMS = positive("SYNOVMM_BENCH_VMS", 100);
const HOSTS = positive("SYNOVMM_BENCH_HOSTS", 7);
const TASK_MS = positive("SYNOVMM_BENCH_TASK_MS", 300);
const PARALLEL = 32;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

interface Measured {
  seconds: number;
  /** HTTP requests: what a NAS serves (a SYNO.Entry.Request compound counts once, ADR 018). */
  requests: RequestLogEntry[];
  /** DSM calls, those inside compounds included. */
  calls: RequestLogEntry[];
}

async function measured(s: Scenario, step: () => Promise<unknown>): Promise<Measured> {
  s.sim.control.clearLog();
  const started = process.hrtime.bigint();
  await step();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const log = s.sim.control.requestLog();
  return {
    seconds,
    requests: log.filter((r) => r.via === undefined),
    calls: log.filter((r) => r.api !== "SYNO.Entry.Request"),
  };
}

function endpointsUsed(requests: readonly RequestLogEntry[]): string[] {
  return [...new Set(requests.map((r) => r.box))].sort();
}

function apiCounts(requests: readonly RequestLogEntry[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const key = `${r.api.replace(/^SYNO\./, "")}.${r.method}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
}

/** A dynamic resource whose provider does nothing: the engine's own cost per resource. */
class Trivial extends pulumi.dynamic.Resource {
  constructor(provider: pulumi.dynamic.ResourceProvider, name: string, n: number) {
    super(provider, name, { n }, {});
  }
}

/** A provider that does nothing: creates echo their inputs, nothing ever changes. */
const DO_NOTHING: pulumi.dynamic.ResourceProvider = {
  create: async (inputs: Record<string, unknown>) => ({ id: "x", outs: inputs }),
  diff: async () => ({ changes: false }),
  read: async (id: string, props: Record<string, unknown>) => ({ id, props }),
};

/** The engine's time for `program` on a fresh stack: an `up` at --parallel 32, then a no-op preview. */
async function engineSeconds(
  name: string,
  program: () => Promise<void>,
): Promise<{ up: number; preview: number }> {
  const sandbox = makeSandbox(`synovmm-bench-${name}-`);
  try {
    const stack = await projectStack(sandbox, workDirFor(sandbox.dir, "work"), `synovmm-${name}`, program);
    const upStarted = process.hrtime.bigint();
    await stack.up({ parallel: PARALLEL });
    const up = Number(process.hrtime.bigint() - upStarted) / 1e9;
    const started = process.hrtime.bigint();
    await stack.preview();
    return { up, preview: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    sandbox.remove();
  }
}

/** The same engine runs with `count` dynamic resources whose provider does nothing. */
function trivialSeconds(count: number): Promise<{ up: number; preview: number }> {
  return engineSeconds("trivial", async () => {
    for (let n = 0; n < count; n++) new Trivial(DO_NOTHING, `trivial-${n}`, n);
  });
}

/** One resource of the stack as the engine saw it: the inputs and dependencies it registered. */
interface Shape {
  readonly urn: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly dependencies: readonly string[];
}

interface DeployedResource {
  urn: string;
  type: string;
  inputs?: Record<string, unknown>;
  dependencies?: string[];
}

function shapesOf(resources: readonly DeployedResource[]): Shape[] {
  return resources.map((r) => {
    const { __provider: _provider, ...inputs } = r.inputs ?? {};
    // Names must be unique per type; the replay has one type, so the kind goes into the name.
    const kind = r.type.split(":").pop() ?? "r";
    return {
      urn: r.urn,
      name: `${kind}-${r.urn.split("::").pop() ?? ""}`,
      inputs,
      dependencies: r.dependencies ?? [],
    };
  });
}

/** A dynamic resource that registers whatever inputs it is given. */
class Replayed extends pulumi.dynamic.Resource {
  constructor(
    provider: pulumi.dynamic.ResourceProvider,
    name: string,
    inputs: Record<string, unknown>,
    dependsOn: pulumi.Resource[],
  ) {
    super(provider, name, inputs, { dependsOn });
  }
}

/**
 * The stack's own resources, inputs and dependency graph replayed on a provider that does nothing:
 * the engine's and the SDK's cost for exactly this shape (about 20 inputs per VM, the chain
 * cluster → hosts → image → VMs), which no provider can go below. The trivial baseline has one
 * input per resource and no dependencies, so it is the floor for an empty shape only.
 */
function sameShapeSeconds(shapes: readonly Shape[]): Promise<{ up: number; preview: number }> {
  return engineSeconds("shape", async () => {
    const made = new Map<string, pulumi.Resource>();
    for (const shape of shapes) {
      const deps = shape.dependencies.flatMap((urn) => made.get(urn) ?? []);
      // A copy: the SDK writes __provider into the object it is given, and the preview runs this again.
      made.set(shape.urn, new Replayed(DO_NOTHING, shape.name, { ...shape.inputs }, deps));
    }
  });
}

/** VMS virtual machines spread over the hosts. */
function vms(hostNames: readonly string[]): VmSpec[] {
  return Array.from({ length: VMS }, (_, i) => ({
    name: `vm-${String(i + 1).padStart(3, "0")}`,
    host: hostNames[i % hostNames.length],
    memory: "512MiB",
    // Stopped: 100 running VMs need more CPU threads than 7 simulated hosts have (R8).
    power: "stopped",
  }));
}

async function main(): Promise<void> {
  const s = await Scenario.start("bench-requests", { hosts: HOSTS, taskDurationMs: TASK_MS });
  try {
    const hosts = Array.from({ length: HOSTS }, (_, i) => ({ name: `nas-${i + 1}`, box: i + 1 }));
    s.writeSpec({ hosts, vms: vms(hosts.map((h) => h.name)) });

    const up = await measured(s, () => s.stack.up({ parallel: PARALLEL }));
    const deployed = ((await s.stack.exportStack()).deployment.resources as DeployedResource[]).filter(
      (r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"),
    );
    const resources = deployed.length;
    const preview = await measured(s, async () => {
      const r = await s.stack.preview();
      const changed = Object.entries(r.changeSummary).filter(([op, n]) => op !== "same" && (n ?? 0) > 0);
      if (changed.length > 0)
        throw new Error(`the preview after up is not a no-op: ${JSON.stringify(changed)}`);
    });
    const refresh = await measured(s, () => s.stack.refresh());
    const trivialRuns = await trivialSeconds(resources);
    const trivial = trivialRuns.preview;
    const shapeRuns = await sameShapeSeconds(shapesOf(deployed));

    const bound = (2 * TASK_MS) / 1000;
    // At --parallel N the engine runs at most N steps at once: the VM tasks come in ceil(VMS / N)
    // waves after the image task, whatever the provider does.
    const waves = Math.ceil(VMS / PARALLEL);
    const parallelBound = ((1 + waves) * TASK_MS) / 1000;
    const perResource = (m: Measured) => m.requests.length / resources;
    const compounds = (m: Measured) => m.requests.filter((r) => r.api === "SYNO.Entry.Request").length;
    /** "N HTTP requests" plus, when reads were batched, how many calls the compounds carried. */
    const describeRequests = (m: Measured) =>
      compounds(m) === 0
        ? `${m.requests.length} requests`
        : `${m.requests.length} HTTP requests (${compounds(m)} SYNO.Entry.Request compounds; ${m.calls.length} DSM calls in all)`;
    const members = s.sim.endpoints.slice(0, HOSTS);
    const used = endpointsUsed(up.requests);
    const rows = {
      size: { hosts: HOSTS, vms: VMS, resources, taskMs: TASK_MS, parallel: PARALLEL },
      up: {
        seconds: up.seconds,
        criticalPathSeconds: bound,
        ratioToBound: up.seconds / bound,
        parallelBoundSeconds: parallelBound,
        ratioToParallelBound: up.seconds / parallelBound,
        // The engine's own time for as many resources, plus the critical path: what no provider beats.
        trivialUpSeconds: trivialRuns.up,
        ratioToEngineFloor: up.seconds / (trivialRuns.up + bound),
        sameShapeUpSeconds: shapeRuns.up,
        ratioToSameShapeFloor: up.seconds / (shapeRuns.up + bound),
        ratioToSameShapeParallelFloor: up.seconds / (shapeRuns.up + parallelBound),
        requests: up.requests.length,
        compounds: compounds(up),
        calls: up.calls.length,
        requestsPerResource: perResource(up),
        endpointsUsed: used.length,
        memberEndpoints: members.length,
        apis: apiCounts(up.calls),
      },
      preview: {
        seconds: preview.seconds,
        trivialSeconds: trivial,
        ratioToTrivial: preview.seconds / trivial,
        sameShapeSeconds: shapeRuns.preview,
        ratioToSameShape: preview.seconds / shapeRuns.preview,
        requests: preview.requests.length,
        compounds: compounds(preview),
        calls: preview.calls.length,
        requestsPerResource: perResource(preview),
        apis: apiCounts(preview.calls),
      },
      refresh: {
        requests: refresh.requests.length,
        compounds: compounds(refresh),
        calls: refresh.calls.length,
        requestsPerResource: perResource(refresh),
        apis: apiCounts(refresh.calls),
      },
    };
    const f = (n: number) => n.toFixed(2);
    console.log(
      `size: ${HOSTS} hosts, ${VMS} VMs = ${resources} resources; task time ${TASK_MS} ms; --parallel ${PARALLEL}`,
    );
    console.log(
      `up:       ${f(up.seconds)} s = ${f(rows.up.ratioToBound)}× the critical path ${f(bound)} s (target ≤ 3×); ` +
        `${describeRequests(up)} = ${f(rows.up.requestsPerResource)} per resource (target ≤ 5); ` +
        `endpoints used ${used.length} of ${members.length}`,
    );
    console.log(
      `          ${f(rows.up.ratioToParallelBound)}× the bound at --parallel ${PARALLEL} ${f(parallelBound)} s ` +
        `(the image task, then ${waves} waves of VM tasks)`,
    );
    console.log(
      `          ${f(rows.up.ratioToEngineFloor)}× the engine floor ${f(trivialRuns.up + bound)} s ` +
        `(the same up with trivial resources ${f(trivialRuns.up)} s + the critical path)`,
    );
    console.log(
      `          ${f(rows.up.ratioToSameShapeFloor)}× the same-shape floor ${f(shapeRuns.up + bound)} s ` +
        `(this stack's resources, inputs and dependencies on a do-nothing provider ${f(shapeRuns.up)} s + the critical path)`,
    );
    console.log(
      `          ${f(rows.up.ratioToSameShapeParallelFloor)}× the same-shape floor at --parallel ${PARALLEL} ` +
        `${f(shapeRuns.up + parallelBound)} s (the do-nothing run + the bound at --parallel ${PARALLEL})`,
    );
    console.log(`          ${rows.up.apis}`);
    console.log(
      `preview:  ${describeRequests(preview)} = ${f(rows.preview.requestsPerResource)} per resource (target ≤ 1.2); ` +
        `${f(preview.seconds)} s = ${f(rows.preview.ratioToTrivial)}× the trivial-provider baseline ${f(trivial)} s (target ≤ 1.15×)`,
    );
    console.log(
      `          ${f(rows.preview.ratioToSameShape)}× the same-shape baseline ${f(shapeRuns.preview)} s ` +
        `(this stack's resources, inputs and dependencies on a do-nothing provider)`,
    );
    console.log(`          ${rows.preview.apis}`);
    console.log(
      `refresh:  ${describeRequests(refresh)} = ${f(rows.refresh.requestsPerResource)} per resource (target ≤ 1.2)`,
    );
    console.log(`          ${rows.refresh.apis}`);
    const dir = join(packageRoot(__dirname), "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "requests-per-resource.json"), JSON.stringify(rows, null, 2) + "\n");
  } finally {
    await s.close();
  }
}

main().catch((e: Error) => {
  console.error(`bench/requests-per-resource: ${e.message}`);
  process.exitCode = 1;
});
