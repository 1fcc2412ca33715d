/**
 * One soak run: a simulator with the plan's starting cluster, a project whose first `up` brings
 * the start under the stack, then each step's spec applied with its command while its faults hit;
 * then the faults lifted, the documented recovery (`pulumi cancel` when a lock is left, `pulumi
 * up`), and the invariants checked. The outcome says what held, what fired and what broke.
 */
import { startSimulator, type RequestLogEntry, type SimulatorHandle } from "../../simulator";
import type { CliRun } from "../../test/e2e/support/project";
import { FaultSchedule } from "./faults";
import {
  checkDocumentedCalls,
  checkDuplicates,
  checkMembers,
  checkNoPassword,
  checkNoStackTrace,
  checkNothingLost,
  checkRecorded,
  checkStrangers,
  type StateIds,
  type Violation,
} from "./invariants";
import type { Declared, FaultKind, Plan } from "./plan";
import { SoakProject } from "./project";
import { specYaml, type LiveCluster } from "./spec";

export interface RunOutcome {
  plan: Plan;
  violations: Violation[];
  fired: Set<FaultKind>;
  kills: number;
  killsInWrite: number;
  /** Recovery steps the run needed beyond `pulumi up` (cancel, synovmm recover --apply, adopt once, an emptied sidecar deleted). */
  recoveries: string[];
  seconds: number;
  /** Every command and its exit code, for the reproduction. */
  transcript: string[];
  /** Everything each command printed, written beside the reproduction of a failed run. */
  log: string;
}

const CLUSTER = { name: "lab", subnet: "10.20.0.0/24", reservedFrom: "10.20.0.10", reservedTo: "10.20.0.40" };

/** Box i (1-based) is `syno-i` at 10.20.0.(9+i) once a member, as the simulator joins its first boxes. */
function liveCluster(sim: SimulatorHandle, startHosts: number): LiveCluster {
  const world = sim.control.snapshot();
  return {
    ...CLUSTER,
    startHosts,
    boxes: [...world.hosts]
      .sort((a, b) => a.boxIndex - b.boxIndex)
      .map((h) => ({
        name: h.hostName ?? h.boxName,
        address: h.clusterIp ?? `10.20.0.${9 + h.boxIndex}`,
        endpoint: sim.endpoints[h.boxIndex - 1],
      })),
  };
}

interface Deployment {
  resources?: { type: string; id?: string; urn: string }[];
  pending_operations?: { type: string; resource: { urn: string } }[];
}

function stateIds(deployment: Deployment): StateIds {
  const ids = (kind: string) =>
    new Set(
      (deployment.resources ?? [])
        .filter((r) => r.type.endsWith(kind) && r.id !== undefined)
        .map((r) => r.id ?? ""),
    );
  return { vms: ids("synovmm:VirtualMachine"), images: ids("synovmm:Image") };
}

const LOCKED = /lock/i;
/** recover's UNPROVEN image on the official level (provider/cli/recover/findings.ts). */
const UNMARKED_IMAGE = /an image named "([^"]+)" exists \(id [^)]*\), but images carry no mark/g;
const CHECKPOINT_EOF = /failed to load checkpoint: EOF/;

/** An outcome with nothing found yet. */
export function newOutcome(plan: Plan): RunOutcome {
  return {
    plan,
    violations: [],
    fired: new Set(),
    kills: 0,
    killsInWrite: 0,
    recoveries: [],
    seconds: 0,
    transcript: [],
    log: "",
  };
}

export async function runPlan(
  plan: Plan,
  say: (line: string) => void = () => undefined,
): Promise<RunOutcome> {
  const started = Date.now();
  const outcome = newOutcome(plan);
  if (plan.taskDurationMs >= 1000) outcome.fired.add("slow-task");
  const sim = await startSimulator({
    hosts: plan.boxes,
    dsm: plan.flavour,
    seed: `soak-${plan.seed}`,
    taskDurationMs: plan.taskDurationMs,
    cluster: { ...CLUSTER, joined: plan.start.hosts.length },
  });
  const cluster = liveCluster(sim, plan.start.hosts.length);
  const strangers = plan.strangers.map((name) => {
    const id = sim.control.createGuest({
      name,
      vcpuNum: 1,
      vramSizeMb: 512,
      description: "made in VMM by a person",
    });
    const g = sim.control.snapshot().guests.find((x) => x.guestId === id);
    if (g === undefined) throw new Error(`the simulator did not make guest ${name}`);
    return g;
  });
  const world0 = sim.control.snapshot();
  const before: StateIds = {
    vms: new Set(world0.guests.map((g) => g.guestId)),
    images: new Set(world0.images.map((i) => i.imageId)),
  };
  const project = SoakProject.create(specYaml(plan.start, cluster));
  const outputs: { what: string; text: string }[] = [];
  const official: RequestLogEntry[] = [];
  let lastSeq = 0;
  const audit = () => {
    for (const e of sim.control.requestLog()) if (e.seq > lastSeq) official.push(e);
    lastSeq = official.length > 0 ? official[official.length - 1].seq : lastSeq;
  };
  const cli = async (what: string, args: string[], schedule?: FaultSchedule): Promise<CliRun> => {
    const t = Date.now();
    let run = await project.run(args, schedule === undefined ? undefined : (c) => schedule.started(c));
    if (outcome.kills > 0 && CHECKPOINT_EOF.test(run.output)) {
      // A kill emptied the file backend's sidecar: the README's one command for it, then again.
      const removed = project.removeEmptySidecars();
      if (removed.length > 0) {
        outcome.recoveries.push(`rm empty ${removed.join(", ")}`);
        outcome.log += `\n=== ${what}: pulumi ${args.join(" ")} → exit ${run.code}\n${run.output}`;
        run = await project.run(args);
      }
    }
    const took = `${((Date.now() - t) / 1000).toFixed(1)}s`;
    // `stack export` prints state as JSON (source positions included): data, not a message.
    if (args[0] !== "stack") outputs.push({ what, text: run.output });
    outcome.transcript.push(`${what}: pulumi ${args.join(" ")} → exit ${run.code} (${took})`);
    outcome.log += `\n=== ${what}: pulumi ${args.join(" ")} → exit ${run.code}\n${run.output}`;
    say(`    ${what}: pulumi ${args.join(" ")} → exit ${run.code} (${took})`);
    audit();
    return run;
  };
  const must = (run: CliRun, why: string) => {
    if (run.code !== 0)
      outcome.violations.push({
        invariant: why === "preview" ? "preview --expect-no-changes clean" : "nothing lost",
        detail: `${run.args.slice(0, 3).join(" ")} exited ${run.code} after recovery: ${lastLines(run.output)}`,
      });
    return run.code === 0;
  };
  try {
    await project.project.initStack(sim);
    const first = await cli("start", ["up", "--yes", "--skip-preview"]);
    if (first.code !== 0) throw new Error(`the fault-free first up failed:\n${first.output}`);

    let declared: Declared = plan.start;
    for (const [i, step] of plan.steps.entries()) {
      declared = step.declared;
      project.writeSpec(specYaml(declared, cluster));
      const schedule = new FaultSchedule(sim, step.faults);
      schedule.arm();
      const args =
        step.command === "up"
          ? ["up", "--yes", "--skip-preview"]
          : step.command === "refresh"
            ? ["refresh", "--yes", "--skip-preview"]
            : ["preview"];
      const run = await cli(`step ${i + 1}`, args, schedule);
      const firing = await schedule.lift();
      for (const k of firing.fired) outcome.fired.add(k);
      if (firing.killed) outcome.kills++;
      if (firing.killedInWrite) outcome.killsInWrite++;
      // A killed CLI leaves its lock: the documented recovery is `pulumi cancel`.
      if (firing.killed || (run.code !== 0 && LOCKED.test(run.output))) {
        await cli(`step ${i + 1} recovery`, ["cancel", "--yes"]);
        outcome.recoveries.push("cancel");
      }
    }

    // Recovery: faults are lifted; cancel if a lock is left, then up.
    let up = await cli("recovery", ["up", "--yes", "--skip-preview"]);
    if (up.code !== 0 && LOCKED.test(up.output)) {
      await cli("recovery", ["cancel", "--yes"]);
      outcome.recoveries.push("cancel");
      up = await cli("recovery", ["up", "--yes", "--skip-preview"]);
    }
    // Every image the up names (one kill can leave several, e.g. two creates in flight).
    const orphanImages = [
      ...new Set([...up.output.matchAll(/an image named "([^"]+)" already exists/g)].map((m) => m[1])),
    ];
    if (up.code !== 0 && orphanImages.length > 0 && plan.flavour === "real" && outcome.kills > 0) {
      // No documented field can mark an image a killed run made on a real NAS: adopt each once.
      outcome.recoveries.push(`adopt image ${orphanImages.join(", ")} once`);
      let yaml = specYaml(declared, cluster);
      for (const name of orphanImages)
        yaml = yaml.replace(new RegExp(`(- name: ${name}\\n(?:      .*\\n)*?      adopt: )false`), "$1true");
      project.writeSpec(yaml);
      up = await cli("recovery (adopt once)", ["up", "--yes", "--skip-preview"]);
      project.writeSpec(specYaml(declared, cluster));
      if (up.code === 0) up = await cli("recovery (adopt removed)", ["up", "--yes", "--skip-preview"]);
    }
    if (must(up, "up")) {
      const exported = await cli("check", ["stack", "export"]);
      let deployment = (JSON.parse(exported.stdout) as { deployment: Deployment }).deployment;
      if ((deployment.pending_operations ?? []).length > 0) {
        if (outcome.kills === 0)
          outcome.violations.push({
            invariant: "nothing created left unrecorded",
            detail: `pending operations without a SIGKILL: ${JSON.stringify(deployment.pending_operations)}`,
          });
        // README: `synovmm recover --apply` drops the stale notes and records what the killed run
        // made that the spec no longer declares; the `pulumi up` after it deletes that.
        const recoverWith = async (args: string[]) => {
          const run = await project.synovmm(args);
          const what = `synovmm ${args.join(" ")}`;
          outputs.push({ what: `recovery: ${what}`, text: run.output });
          outcome.transcript.push(`recovery: ${what} → exit ${run.code}`);
          outcome.log += `\n=== recovery: ${what} → exit ${run.code}\n${run.output}`;
          outcome.recoveries.push(what);
          return run;
        };
        let recover = await recoverWith(["recover", "--apply"]);
        // README: on a real NAS no mark can prove an image the killed run made (UNPROVEN, "images
        // carry no mark"); the user who knows it is theirs says so once, as adopt: true does.
        const unmarked = [...recover.output.matchAll(UNMARKED_IMAGE)].map((m) => m[1]);
        if (recover.code !== 0 && plan.flavour === "real" && unmarked.length > 0)
          recover = await recoverWith([
            "recover",
            "--apply",
            "--adopt-image",
            [...new Set(unmarked)].join(","),
          ]);
        if (recover.code !== 0)
          outcome.violations.push({
            invariant: "nothing created left unrecorded",
            detail: `synovmm recover --apply exited ${recover.code}: ${lastLines(recover.output)}`,
          });
        else must(await cli("recovery", ["up", "--yes", "--skip-preview"]), "up");
        const again = await cli("check", ["stack", "export"]);
        deployment = (JSON.parse(again.stdout) as { deployment: Deployment }).deployment;
      }
      const world = sim.control.snapshot();
      outcome.violations.push(
        ...checkDuplicates(world),
        ...checkRecorded(world, before, stateIds(deployment)),
        ...checkNothingLost(world, declared, cluster),
        ...checkMembers(world, declared, cluster),
        ...checkStrangers(world, strangers),
      );
      const fresh = await cli("check", ["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
      if (fresh.code !== 0)
        outcome.violations.push({
          invariant: "state equals a fresh read",
          detail: `refresh --expect-no-changes exited ${fresh.code}: ${lastLines(fresh.output)}`,
        });
      must(await cli("check", ["preview", "--expect-no-changes"]), "preview");
    }
    outcome.violations.push(
      ...checkNoStackTrace(outputs),
      ...checkNoPassword(sim.password, outputs, project.stateFiles()),
      ...(plan.flavour === "real" ? checkDocumentedCalls(official) : []),
    );
  } finally {
    await sim.close();
    project.remove();
    outcome.seconds = (Date.now() - started) / 1000;
  }
  return outcome;
}

function lastLines(text: string): string {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-6)
    .join(" | ")
    .slice(0, 600);
}
