/**
 * Issue 21: `pulumi up` SIGKILLed while it creates vm-a and vm-b, and the spec changes before the
 * next `up` (a GitOps pipeline: the cancelled job, then the next merge drops vm-b). That `up` takes
 * vm-a's guest over, but vm-b's guest is outside the stack, and Pulumi only keeps a "pending
 * create" note of it. `synovmm recover` finds the guest the killed run made (by this stack's mark,
 * ADR 020), prints the `pulumi refresh --import-pending-creates` command with its id, and
 * `--apply` runs it; the next `up` then deletes vm-b because it is no longer declared.
 * The simulator is the judge: no guest named vm-b* is left, and nothing is pending.
 */
import { expect } from "chai";
import type { Stack } from "@pulumi/pulumi/automation";
import { VirtualMachine } from "../../provider/resources";
import { startSimulator, type SimulatorHandle } from "../../simulator";
import { makeSandbox, projectStack, Recorder, type Sandbox } from "./support/pulumi";
import { workDirFor } from "./support/installed-package";
import { cliEnv, leaks, runPulumi, type CliRun } from "./support/project";
import { commandName, descendants, killTree } from "./support/process-tree";
import { runSynovmm, type CliResult } from "./support/ui-made-cluster";
import { LAB } from "../integration/simulator/helpers";
import { declaredName, until } from "./support/killed-run";

const STACK = "test";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function vm(name: string): VirtualMachine {
  return new VirtualMachine(name, {
    cluster: "lab",
    name,
    image: "ubuntu-22.04-cloud",
    cpu: 1,
    memory: "512MiB",
    storage: "syno-1:/volume1",
    disks: [{}],
    nics: [{ network: "Default VM Network" }],
    power: "stopped",
  });
}

interface PendingOp {
  type: string;
  resource: { urn: string; type: string };
}
interface Deployment {
  resources: { type: string; urn: string; id?: string }[];
  pending_operations?: PendingOp[];
}

describe("e2e recover: a killed up's create whose resource the next spec no longer declares", function () {
  this.timeout(900_000);
  let sim: SimulatorHandle;
  let sandbox: Sandbox;
  let stack: Stack;
  let workDir: string;
  let declared = ["vm-a", "vm-b"];
  const outputs: string[] = [];

  before(async () => {
    // Slow create tasks keep both creates in flight when the CLI is killed.
    sim = await startSimulator({
      hosts: 3,
      dsm: "sim",
      taskDurationMs: 6_000,
      cluster: { ...LAB, joined: 3 },
    });
    sandbox = makeSandbox("synovmm-e2e-recover-");
    workDir = workDirFor(sandbox.dir, "work");
    stack = await projectStack(
      sandbox,
      workDir,
      "synovmm-recover",
      async () => {
        for (const name of declared) vm(name);
      },
      {
        "synovmm:endpoints": { value: JSON.stringify(sim.endpoints) },
        "synovmm:username": { value: sim.username },
        "synovmm:password": { value: sim.password, secret: true },
      },
    );
  });
  after(async () => {
    await sim?.close();
    sandbox?.remove();
  });

  const guests = (prefix: string) =>
    sim.control.snapshot().guests.filter((g) => declaredName(g.name) === prefix);
  const pulumi = async (...args: string[]): Promise<CliRun> => {
    const run = await runPulumi(workDir, cliEnv(sandbox), args);
    outputs.push(run.output);
    return run;
  };
  const synovmm = async (...args: string[]): Promise<CliResult> => {
    const env = cliEnv(sandbox) as Record<string, string>;
    const run = await runSynovmm(args, { cwd: workDir, env });
    outputs.push(run.output);
    return run;
  };
  void pulumi;
  const deployment = async () => (await stack.exportStack()).deployment as Deployment;

  it("SIGKILL mid-create, vm-b dropped from the spec: recover --apply, up deletes vm-b's guest", async () => {
    const before = new Set(descendants(process.pid));
    const killed = new Recorder();
    const run = stack.up({ onOutput: killed.onOutput }).then(
      () => "finished",
      (e: unknown) => `failed: ${(e as Error).message}`,
    );
    await until("both creates in flight", () => guests("vm-a").length + guests("vm-b").length >= 2, 120_000);
    const cli = descendants(process.pid).filter((p) => !before.has(p) && commandName(p) === "pulumi");
    expect(cli, "the pulumi CLI process").to.have.length(1);
    killTree(cli[0]);
    expect(await run).to.match(/^failed/);
    expect(guests("vm-b"), "vm-b's guest exists").to.have.length(1);

    // The next merge drops vm-b; the pipeline's next job runs `pulumi up` (after cancel if locked).
    declared = ["vm-a"];
    const next = new Recorder();
    let up = await stack.up({ onOutput: next.onOutput }).catch((e: unknown) => e as Error);
    if (up instanceof Error) {
      expect(up.message, next.text()).to.match(/lock/i);
      await stack.cancel();
      up = await stack.up({ onOutput: next.onOutput });
    }
    outputs.push(next.text());
    expect(up.summary.result, next.text()).to.equal("succeeded");
    expect(next.text()).to.match(/pending operations/);
    await until(
      "vm-b's create task to end",
      () => guests("vm-b").every((g) => g.status !== "creating"),
      60_000,
    );
    const orphan = guests("vm-b");
    expect(orphan, "vm-b's guest is left outside the stack").to.have.length(1);
    const state = await deployment();
    const pendingB = (state.pending_operations ?? []).filter((op) => op.resource.urn.endsWith("::vm-b"));
    expect(pendingB, JSON.stringify(state.pending_operations)).to.have.length(1);

    const urnB = pendingB[0].resource.urn;
    const plan = await synovmm("recover", "--stack", STACK);
    expect(plan.code, plan.output).to.equal(0);
    // vm-b: made by the killed run, with its id; vm-a: taken over by the last up, a stale note.
    expect(plan.stdout, plan.output).to.match(
      new RegExp(`MADE +VirtualMachine vm-b\n +${escape(urnB)}\n.*id ${orphan[0].guestId}`),
    );
    expect(plan.stdout, plan.output).to.match(/STALE +VirtualMachine vm-a/);
    expect(plan.stdout, plan.output).to.contain(`synovmm recover --stack ${STACK} --apply`);
    expect(plan.stdout, plan.output).to.contain(
      `pulumi refresh --stack ${STACK} --target ${urnB} --yes --skip-preview`,
    );
    expect((await deployment()).pending_operations, "printing changes nothing").to.have.length(
      state.pending_operations?.length ?? 0,
    );

    const applied = await synovmm("recover", "--stack", STACK, "--apply");
    expect(applied.code, applied.output).to.equal(0);
    expect(applied.stdout, applied.output).to.contain("Recorded 1 object(s)");
    const recorded = (await deployment()).resources.filter((r) => r.urn.endsWith("::vm-b"));
    expect(
      recorded.map((r) => r.id),
      applied.output,
    ).to.deep.equal([orphan[0].guestId]);

    const last = new Recorder();
    const cleanup = await stack.up({ onOutput: last.onOutput });
    outputs.push(last.text());
    expect(cleanup.summary.resourceChanges, last.text()).to.include({ delete: 1 });
    expect(guests("vm-b"), "no guest named vm-b* is left").to.deep.equal([]);
    expect(guests("vm-a"), "vm-a is untouched").to.have.length(1);
    expect((await deployment()).pending_operations ?? [], "nothing pending").to.deep.equal([]);
    const check = new Recorder();
    const preview = await stack.preview({ expectNoChanges: true, onOutput: check.onOutput });
    outputs.push(check.text());
    expect(preview.changeSummary, check.text()).to.deep.equal({ same: 2 });
    expect(leaks(outputs.join("\n")), "no stack trace or node_modules path").to.deep.equal([]);
  });
});
