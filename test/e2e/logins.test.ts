/**
 * ADR 022: every provider process logs in at most once per NAS and logs out once at its end. The
 * plain `pulumi` CLI runs preview, up, refresh and destroy on a project against `sim --dsm real`
 * with three boxes. The simulator's request log is the NAS's connection log (every
 * `SYNO.API.Auth login` per box); the provider's `SYNOVMM_DEBUG` lines say which process sent
 * each login, and a census loaded into every Node process the CLI starts counts the provider
 * processes. A second login from one process on one box, or a login no process owns up to, fails.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type RequestLogEntry, type SimulatorHandle } from "../../simulator";
import { simulatorSpecYaml, type ClusterSpec } from "../../examples/demo/spec";
import { censusPids } from "./support/process-census";
import { describeRun, ProjectDir, type CliRun } from "./support/project";

const SPEC: ClusterSpec = {
  hosts: [
    { name: "syno-1", box: 1 },
    { name: "syno-2", box: 2 },
    { name: "syno-3", box: 3 },
  ],
  vms: [
    { name: "web-1", host: "syno-1" },
    { name: "web-2", host: "syno-2" },
  ],
};

/** What one command did to the NASes and in how many provider processes. */
interface Logins {
  /** Provider processes the command started (the census), and those the engine configured. */
  processes: number;
  configured: number;
  /** `host:port` → logins the NAS logged. */
  perBox: Record<string, number>;
  /** `host:port` → logouts the NAS logged. */
  logoutsPerBox: Record<string, number>;
  /** `pid host:port` → logins that process says it sent. */
  perProcessAndBox: Record<string, number>;
}

const DEBUG_LINE = /synovmm debug \[pid (\d+) #(\d+)\]: (.*)$/;

function count(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

function logins(run: CliRun, log: readonly RequestLogEntry[], census: readonly string[]): Logins {
  // The CLI prints each line as it happens and again under Diagnostics: one event per pid and number.
  const events = new Map<string, { pid: string; message: string }>();
  for (const line of run.output.split("\n")) {
    const m = DEBUG_LINE.exec(line);
    if (m) events.set(`${m[1]} ${m[2]}`, { pid: m[1], message: m[3].trim() });
  }
  const result: Logins = {
    processes: census.length,
    configured: 0,
    perBox: {},
    logoutsPerBox: {},
    perProcessAndBox: {},
  };
  const pids = new Set<string>();
  for (const { pid, message } of events.values()) {
    if (message === "provider process configured") pids.add(pid);
    const login = /^logging in to (\S+) as /.exec(message);
    if (login) count(result.perProcessAndBox, `${pid} ${login[1]}`);
  }
  result.configured = pids.size;
  // A process the census did not see would be one of somebody else's: the pid tagging is wrong.
  for (const pid of pids) expect(census, `census of provider processes`).to.include(pid);
  for (const e of log) {
    if (e.api !== "SYNO.API.Auth") continue;
    if (e.method === "login") count(result.perBox, new URL(e.box).host);
    if (e.method === "logout") count(result.logoutsPerBox, new URL(e.box).host);
  }
  return result;
}

const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);

describe("e2e: one login per NAS per provider process (ADR 022)", function () {
  this.timeout(900_000);
  let sim: SimulatorHandle;
  let project: ProjectDir;
  const figures: string[] = [];
  let censusFile: string;

  before(async () => {
    sim = await startSimulator({ hosts: 3, dsm: "real", taskDurationMs: 50 });
    // A clone's boot disk has the image's size (4 GiB here, ADR 021): declared as such, so the
    // second preview and the refresh see no disk change.
    const yaml = simulatorSpecYaml(sim.endpoints, SPEC).replace(/size: 10GiB/g, "size: 4GiB");
    project = ProjectDir.create("logins", yaml);
    project.sandbox.envVars.SYNOVMM_DEBUG = "1";
    censusFile = path.join(project.sandbox.dir, "provider-pids");
    project.sandbox.envVars.SYNOVMM_E2E_CENSUS = censusFile;
    project.sandbox.envVars.NODE_OPTIONS = `--require ${require.resolve("./support/process-census")}`;
    await project.initStack(sim);
  });
  after(async () => {
    if (figures.length > 0) console.log(`      logins per command:\n${figures.join("\n")}`);
    project?.remove();
    await sim?.close();
  });

  /** Runs `pulumi <args>` and checks the login rules; resolves the figures for more checks. */
  async function command(args: string[], processes: number): Promise<Logins> {
    sim.control.clearLog();
    fs.rmSync(censusFile, { force: true });
    const run = await project.pulumi(...args);
    expect(run.code, describeRun(run)).to.equal(0);
    const seen = logins(run, sim.control.requestLog(), censusPids(censusFile));
    figures.push(
      `        pulumi ${args.join(" ")}: ${seen.processes} provider process(es), ${seen.configured} configured; ` +
        `logins per box ` +
        `${JSON.stringify(seen.perBox)}; per process and box ${JSON.stringify(Object.values(seen.perProcessAndBox))}`,
    );
    expect(seen.processes, `provider processes of pulumi ${args.join(" ")}`).to.equal(processes);
    // Every login the NAS saw is one a provider process owned up to...
    expect(sum(seen.perProcessAndBox), JSON.stringify(seen)).to.equal(sum(seen.perBox));
    // ...and no process logged in twice on one box.
    for (const [key, n] of Object.entries(seen.perProcessAndBox))
      expect(n, `logins by process and box ${key}`).to.equal(1);
    // Each session ends with one logout when the engine ends the process.
    expect(seen.logoutsPerBox, JSON.stringify(seen)).to.deep.equal(seen.perBox);
    return seen;
  }

  it("preview: one process, one login on the box it reads from", async () => {
    const seen = await command(["preview"], 1);
    expect(sum(seen.perBox)).to.equal(1);
  });

  it("up: two processes (the CLI's preview, then the update), one login per box each", async () => {
    const seen = await command(["up", "--yes"], 2);
    expect(
      sim.control
        .snapshot()
        .guests.map((g) => g.name)
        .sort(),
    ).to.deep.equal(["web-1", "web-2"]);
    expect(Math.max(...Object.values(seen.perBox))).to.be.at.most(2);
  });

  it("refresh: two processes, so two logins on the NAS, one from each", async () => {
    const seen = await command(["refresh", "--yes"], 2);
    expect(Object.values(seen.perBox)).to.deep.equal([2]);
    expect(new Set(Object.keys(seen.perProcessAndBox).map((k) => k.split(" ")[0])).size).to.equal(2);
  });

  it("refresh --skip-preview: one process, one login", async () => {
    const seen = await command(["refresh", "--yes", "--skip-preview"], 1);
    expect(Object.values(seen.perBox)).to.deep.equal([1]);
  });

  it("preview --expect-no-changes after the refresh", async () => {
    await command(["preview", "--expect-no-changes"], 1);
  });

  it("destroy: two processes; only the one that deletes is configured and logs in", async () => {
    const seen = await command(["destroy", "--yes"], 2);
    expect(seen.configured).to.equal(1);
    expect(sim.control.snapshot().guests).to.deep.equal([]);
  });
});
