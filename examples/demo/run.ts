/**
 * `npm run demo`: the whole product in about half a minute, with no NAS and no network.
 *
 * Starts the simulator in this process, writes a cluster spec for its endpoints, and drives a
 * Pulumi stack (local file backend under .demo/) through preview, up, a change the live cluster
 * must refuse (R2), `synovmm validate` on a spec that breaks R5 offline, and destroy. Every step
 * checks what it expects; the exit code is 0 only when all of them behaved.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { fromSpec } from "../../provider";
import { startSimulator, type SimulatorHandle } from "../../simulator";
import { note, printCluster, quoted, section } from "./print";
import { demoSpecYaml, HOSTS, JOINING_HOST } from "./spec";
import { packageRoot } from "../../provider/model/package-root";
import { demoStack, ensurePulumi } from "./stack";

const STEPS = 5;

class Unexpected extends Error {}

function expectThat(ok: boolean, what: string): void {
  if (!ok) throw new Unexpected(what);
}

/** Collects a CLI operation's output; printed after the operation, indented. */
function collector(): { onOutput: (s: string) => void; text: () => string } {
  const chunks: string[] = [];
  return { onOutput: (s) => chunks.push(s), text: () => chunks.join("") };
}

function joinedHosts(sim: SimulatorHandle): string[] {
  return sim.control
    .snapshot()
    .hosts.filter((h) => h.joined)
    .map((h) => h.hostName ?? h.boxName);
}

async function run(root: string, sim: SimulatorHandle, stack: Stack, specFile: string): Promise<void> {
  const writeSpec = (hosts = HOSTS) =>
    fs.writeFileSync(
      specFile,
      demoSpecYaml(sim.endpoints, { hosts, ha: { active: "nas-a", passive: "nas-c" } }),
    );

  section(`1/${STEPS}  pulumi preview --diff  (spec: ${path.relative(root, specFile)})`);
  writeSpec();
  const preview = collector();
  const planned = await stack.preview({ diff: true, color: "never", onOutput: preview.onOutput });
  quoted(preview.text());
  expectThat(
    planned.changeSummary.create === 11,
    `preview should plan 11 creates (stack, cluster, 3 hosts, image, 4 VMs, HA pair), planned ${JSON.stringify(planned.changeSummary)}`,
  );
  expectThat(sim.control.snapshot().cluster.status === "not_created", "preview must not touch any host");
  note("the preview sent nothing that changes a host: the simulated cluster does not exist yet");

  section(`2/${STEPS}  pulumi up`);
  const upOut = collector();
  const up = await stack.up({ color: "never", onOutput: upOut.onOutput });
  quoted(upOut.text());
  const changes = up.summary.resourceChanges ?? {};
  note(`change summary: ${JSON.stringify(changes)} in ${up.summary.endTime ? elapsed(up.summary) : "?"}`);
  expectThat(changes.create === 11, `up should create 11 resources, did ${JSON.stringify(changes)}`);

  section(`3/${STEPS}  the cluster as the simulated VMM shows it`);
  const world = sim.control.snapshot();
  printCluster(world);
  expectThat(joinedHosts(sim).join(",") === "nas-a,nas-b,nas-c", "nas-a, nas-b and nas-c should be members");
  expectThat(world.guests.length === 4 && world.haPairs.length === 1, "4 VMs and 1 HA pair expected");

  section(`4/${STEPS}  a change the live cluster must refuse: nas-d joins while nas-b and nas-c are down`);
  await sim.control.hostDown("nas-b", "unreachable");
  await sim.control.hostDown("nas-c", "unreachable");
  writeSpec([...HOSTS, JOINING_HOST]);
  note("simulator: nas-b and nas-c unreachable (1 of 3 members online); the spec now adds nas-d");
  const offline = validate(root, specFile);
  note(`offline, \`synovmm validate\` accepts this spec (exit ${offline.status}; R1 allows up to 7 hosts)`);
  note("only the live cluster knows that quorum is lost (R2); the provider asks it during preview");
  expectThat(
    offline.status === 0,
    `validate should accept the 4-host spec:\n${offline.stdout}${offline.stderr}`,
  );
  const refused = collector();
  let failure: string | undefined;
  try {
    await stack.preview({ color: "never", onOutput: refused.onOutput });
  } catch (e) {
    failure = `${refused.text()}\n${(e as Error).message}`;
  }
  expectThat(failure !== undefined, "the preview should have failed on R2");
  // The engine prints each failure twice (at the resource and in the summary): show it once.
  const reasons = [
    ...new Set(
      (failure ?? "")
        .split("\n")
        .filter((l) => /\bR2\b/.test(l))
        .map((l) => l.slice(l.indexOf("error:")).trim()),
    ),
  ];
  quoted(reasons.join("\n"));
  expectThat(reasons.length > 0, `the preview failed, but no message names R2:\n${failure}`);
  expectThat(joinedHosts(sim).length === 3, "nas-d must not have joined");
  note("pulumi preview failed, citing R2; nothing was sent to any host (nas-d is not a member)");
  await sim.control.hostUp("nas-b");
  await sim.control.hostUp("nas-c");
  writeSpec();
  note("simulator: nas-b and nas-c back online; spec restored");

  section(`5/${STEPS}  synovmm validate: errors caught offline, before any preview`);
  const bad = path.join(path.dirname(specFile), "invalid-r5.yaml");
  fs.writeFileSync(
    bad,
    demoSpecYaml(sim.endpoints, { hosts: HOSTS.slice(0, 2), ha: { active: "nas-a", passive: "nas-b" } }),
  );
  note(`the demo spec with nas-c removed: db-1 keeps its HA pair on a 2-host cluster`);
  console.log(`   $ synovmm validate ${path.relative(root, bad)}`);
  const result = validate(root, bad);
  quoted(`${result.stdout}${result.stderr}`);
  note(`exit code ${result.status} (0 clean, 1 rule errors, 2 unusable file or usage)`);
  expectThat(result.status === 1, `validate should exit 1, exited ${result.status}`);
  expectThat(/\bR5\b/.test(result.stdout), "validate should name R5");
}

/** `synovmm validate FILE` as a user runs it: the bin script, in a child process. */
function validate(root: string, file: string): { status: number | null; stdout: string; stderr: string } {
  const rel = path.relative(root, file);
  const r = spawnSync(process.execPath, [path.join(root, "bin", "synovmm.js"), "validate", rel], {
    cwd: root,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function elapsed(summary: { startTime: Date; endTime: Date }): string {
  return `${((new Date(summary.endTime).getTime() - new Date(summary.startTime).getTime()) / 1000).toFixed(1)} s`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const root = packageRoot(__dirname);
  const demoDir = path.join(root, ".demo");
  const binDir = ensurePulumi(root);
  // Box 4 is the NAS that asks to join in step 4; the cluster itself has 3 hosts.
  const sim = await startSimulator({ hosts: 4, taskDurationMs: 50 });
  const specFile = path.join(demoDir, "work", "cluster.yaml");
  let stack: Stack | undefined;
  let code = 0;
  try {
    stack = await demoStack({
      demoDir,
      binDir,
      program: async () => {
        await fromSpec(specFile);
      },
      config: {
        // The 3 members' endpoints: the client fails over between them when one is down.
        "synovmm:endpoints": { value: JSON.stringify(HOSTS.map((h) => sim.endpoints[h.box - 1])) },
        "synovmm:username": { value: sim.username },
        "synovmm:password": { value: sim.password, secret: true },
      },
    });
    const password = await stack.getConfig("synovmm:password");
    note(`simulator: ${sim.endpoints.length} NAS boxes at ${sim.endpoints.join(", ")}`);
    note(
      `stack "demo" in ${path.relative(root, demoDir)}/ (file backend); synovmm:password is a secret: ${password.secret === true}`,
    );
    await run(root, sim, stack, specFile);
  } catch (e) {
    code = 1;
    console.error(
      `\nDEMO FAILED: ${e instanceof Unexpected ? "unexpected result: " : ""}${(e as Error).message}`,
    );
  } finally {
    if (stack !== undefined) code = Math.max(code, await destroy(stack, sim));
    await sim.close();
  }
  console.log(
    `\n${code === 0 ? "demo finished" : "demo FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return code;
}

async function destroy(stack: Stack, sim: SimulatorHandle): Promise<number> {
  section("pulumi destroy");
  try {
    const out = collector();
    const r = await stack.destroy({ color: "never", onOutput: out.onOutput });
    const world = sim.control.snapshot();
    note(`change summary: ${JSON.stringify(r.summary.resourceChanges ?? {})}`);
    note(
      `simulator afterwards: ${world.guests.length} VMs, ${world.hosts.filter((h) => h.joined).length} members, cluster ${world.cluster.status}`,
    );
    expectThat(world.guests.length === 0, "destroy should leave no VM");
    await stack.workspace.removeStack(stack.name);
    return 0;
  } catch (e) {
    console.error(`DEMO FAILED: destroy: ${(e as Error).message}`);
    return 1;
  }
}

// The Automation API keeps handles open (its inline-program server); exit explicitly when done.
main().then(
  (code) => process.exit(code),
  (e) => {
    // The message only: a stack trace tells a new user nothing they can act on.
    console.error(`DEMO FAILED: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
