/**
 * State stays true (ADR 005): `pulumi up` killed (SIGKILL) while 20 VM creates are in flight. Recovery is at most
 * `pulumi cancel` (when the lock is still held) and `pulumi up`: the guests the killed run created
 * carry this stack's mark — their provisional name until the Guest set that names them, then the
 * mark in their description (ADR 020) — so the new run takes them over instead of failing on their
 * names or making duplicates. Run on both simulator flavours: on `--dsm real` only documented calls
 * exist (ADR 019). The simulator is the judge: one guest per name, each one in state.
 */
import { expect } from "chai";
import type { Stack } from "@pulumi/pulumi/automation";
import { Image, VirtualMachine } from "../../provider/resources";
import { startSimulator, type SimulatorHandle } from "../../simulator";
import { makeSandbox, projectStack, Recorder, type Sandbox } from "./support/pulumi";
import { workDirFor } from "./support/installed-package";
import { alive, commandLine, commandName, descendants, killTree } from "./support/process-tree";
import { LAB } from "../integration/simulator/helpers";
import { declaredName, until } from "./support/killed-run";

const COUNT = 20;
const NAMES = Array.from({ length: COUNT }, (_, i) => `crash-${String(i + 1).padStart(2, "0")}`);

/**
 * The recovery README "When a run is interrupted" documents: `pulumi up`; if the killed run's lock
 * is still held, `pulumi cancel` and `pulumi up` again. Fails the test unless the last up succeeds.
 */
async function recoverAsDocumented(stack: Stack, recovery: Recorder): Promise<void> {
  let up = await stack.up({ onOutput: recovery.onOutput }).catch((e: unknown) => e as Error);
  if (up instanceof Error) {
    expect(up.message, recovery.text()).to.match(/locked|lock/i);
    console.log("      (the lock was held: pulumi cancel, then pulumi up)");
    await stack.cancel();
    up = await stack.up({ onOutput: recovery.onOutput });
  }
  expect(up.summary.result, recovery.text()).to.equal("succeeded");
}

/** A simulator with a joined 3-host cluster and a stack whose provider connects to it. */
async function simulatedStack(
  name: string,
  taskDurationMs: number,
  program: () => Promise<void>,
  dsm: "sim" | "real" = "sim",
): Promise<{ sim: SimulatorHandle; sandbox: Sandbox; stack: Stack }> {
  const sim = await startSimulator({
    hosts: 3,
    dsm,
    taskDurationMs,
    cluster: { ...LAB, joined: 3 },
  });
  const sandbox = makeSandbox(`synovmm-e2e-${name}-`);
  const stack = await projectStack(sandbox, workDirFor(sandbox.dir, "work"), `synovmm-${name}`, program, {
    "synovmm:endpoints": { value: JSON.stringify(sim.endpoints) },
    "synovmm:username": { value: sim.username },
    "synovmm:password": { value: sim.password, secret: true },
  });
  return { sim, sandbox, stack };
}

/** A small VM on syno-1 cloned from the simulator's built-in image, at the image's size (ADR 021). */
function vm(name: string, power: "running" | "stopped"): VirtualMachine {
  return new VirtualMachine(name, {
    cluster: "lab",
    name,
    image: "ubuntu-22.04-cloud",
    cpu: 1,
    memory: "512MiB",
    storage: "syno-1:/volume1",
    disks: [{}],
    nics: [{ network: "Default VM Network" }],
    power,
  });
}

for (const dsm of ["sim", "real"] as const)
  describe(`e2e crash: SIGKILL of pulumi up mid-creation of 20 VMs (sim --dsm ${dsm})`, function () {
    this.timeout(600_000);
    let sim: SimulatorHandle;
    let sandbox: Sandbox;
    let stack: Stack;

    before(async () => {
      // Slow create tasks keep the creates in flight when the CLI is killed.
      ({ sim, sandbox, stack } = await simulatedStack(
        `crash-${dsm}`,
        6_000,
        async () => {
          for (const name of NAMES) vm(name, "stopped");
        },
        dsm,
      ));
    });
    after(async () => {
      await sim?.close();
      sandbox?.remove();
    });

    it("converges with pulumi cancel + pulumi up: no duplicate, no orphan, clean preview", async () => {
      const killed = new Recorder();
      const before = new Set(descendants(process.pid));
      const run = stack.up({ onOutput: killed.onOutput }).then(
        () => "finished",
        (e: unknown) => `failed: ${(e as Error).message}`,
      );
      const guestsOnNas = () =>
        sim.control.snapshot().guests.filter((g) => NAMES.includes(declaredName(g.name)));
      await until("creates in flight", () => guestsOnNas().length >= 5, 120_000);
      // The CLI this test started, and the provider processes it started: killed at once, no cleanup.
      const cli = descendants(process.pid).filter((p) => !before.has(p) && commandName(p) === "pulumi");
      expect(cli, "the pulumi CLI process").to.have.length(1);
      killTree(cli[0]);
      expect(await run).to.match(/^failed/);
      const inFlight = guestsOnNas().filter((g) => g.status === "creating").length;
      expect(inFlight, "creates were in flight when the CLI died").to.be.greaterThan(0);
      const provisional = guestsOnNas().filter((g) => g.name !== declaredName(g.name)).length;
      expect(provisional, "guests still under their provisional name when the CLI died").to.be.greaterThan(0);

      await recoverAsDocumented(stack, new Recorder());

      const onNas = guestsOnNas();
      expect(onNas.map((g) => g.name).sort(), "one guest per name on the NAS, each named").to.deep.equal(
        NAMES,
      );
      const state = (await stack.exportStack()).deployment as {
        resources: { type: string; urn: string; id?: string }[];
        pending_operations?: { type: string; resource: { urn: string } }[];
      };
      const vms = state.resources.filter((r) => r.type.endsWith("synovmm:VirtualMachine"));
      expect(vms.map((r) => r.id).sort(), "every guest on the NAS is in state").to.deep.equal(
        onNas.map((g) => g.guestId).sort(),
      );
      // The engine keeps its note of the creates the killed run had in flight (and warns about it)
      // until a refresh clears it; each one is now a resource in state, so the note is stale.
      const urns = new Set(vms.map((r) => r.urn));
      for (const op of state.pending_operations ?? []) {
        expect(op.type).to.equal("creating");
        expect(urns.has(op.resource.urn), `${op.resource.urn} is pending and not in state`).to.equal(true);
      }

      const check = new Recorder();
      const preview = await stack.preview({ onOutput: check.onOutput });
      expect(preview.changeSummary, check.text()).to.deep.equal({ same: COUNT + 1 });

      // Optional tidy-up (README): drop the stale note; nothing changes, nothing is left pending.
      const tidy = new Recorder();
      await stack.refresh({ clearPendingCreates: true, onOutput: tidy.onOutput });
      const after = (await stack.exportStack()).deployment as { pending_operations?: unknown[] };
      expect(after.pending_operations ?? [], tidy.text()).to.deep.equal([]);
      const last = await stack.preview({ onOutput: tidy.onOutput });
      expect(last.changeSummary, tidy.text()).to.deep.equal({ same: COUNT + 1 });
      expect(
        sim.control.snapshot().guests.filter((g) => NAMES.includes(declaredName(g.name))),
      ).to.have.length(COUNT);
      // Each guest has its declared settings, given by the one Guest set (ADR 020), not the create's defaults.
      for (const g of sim.control.snapshot().guests.filter((x) => NAMES.includes(x.name)))
        expect([g.vcpuNum, g.vramSizeMb], g.name).to.deep.equal([1, 512]);
    });
  });

describe("e2e crash: only the CLI SIGKILLed, as the OOM killer would (ADR 026)", function () {
  this.timeout(300_000);
  const FEW = NAMES.slice(0, 4);
  let sim: SimulatorHandle;
  let sandbox: Sandbox;
  let stack: Stack;

  before(async () => {
    ({ sim, sandbox, stack } = await simulatedStack("engine-gone", 6_000, async () => {
      for (const name of FEW) vm(name, "stopped");
    }));
  });
  after(async () => {
    await sim?.close();
    sandbox?.remove();
  });

  it("its provider process ends within seconds and writes nothing more; cancel + up converge", async () => {
    const before = new Set(descendants(process.pid));
    const run = stack.up({ onOutput: new Recorder().onOutput }).then(
      () => "finished",
      (e: unknown) => `failed: ${(e as Error).message}`,
    );
    const guestsOnNas = () => sim.control.snapshot().guests.filter((g) => FEW.includes(declaredName(g.name)));
    await until("creates in flight", () => guestsOnNas().length >= 2, 120_000);
    const started = descendants(process.pid).filter((p) => !before.has(p));
    const cli = started.filter((p) => commandName(p) === "pulumi");
    const providers = started.filter((p) => commandLine(p).includes("dynamic-provider"));
    expect(cli, "the pulumi CLI process").to.have.length(1);
    expect(providers.length, "provider processes the CLI started").to.be.greaterThan(0);
    process.kill(cli[0], "SIGKILL");
    expect(await run).to.match(/^failed/);
    const creating = guestsOnNas().filter((g) => g.status === "creating").length;
    expect(creating, "creates were in flight when the CLI died").to.be.greaterThan(0);

    // Without the watch the provider would finish its creates (6 s tasks) and then serve for ever.
    await until("the orphaned provider process to end", () => providers.every((p) => !alive(p)), 20_000);
    const quietFrom = sim.control.requestLog().length;
    await new Promise((r) => setTimeout(r, 7_000));
    expect(sim.control.requestLog().slice(quietFrom), "requests after the provider ended").to.deep.equal([]);

    const recovery = new Recorder();
    await recoverAsDocumented(stack, recovery);
    expect(
      guestsOnNas()
        .map((g) => g.name)
        .sort(),
      "one guest per name, each named",
    ).to.deep.equal(FEW);
    const preview = await stack.preview({ onOutput: recovery.onOutput });
    expect(preview.changeSummary, recovery.text()).to.deep.equal({ same: FEW.length + 1 });
  });
});

describe("e2e: a create that fails after the NAS accepted it is recorded by the engine", function () {
  this.timeout(600_000);
  let sim: SimulatorHandle;
  let sandbox: Sandbox;
  let stack: Stack;

  before(async () => {
    ({ sim, sandbox, stack } = await simulatedStack("partial", 50, async () => {
      new Image("debian", {
        cluster: "lab",
        name: "debian",
        type: "disk",
        path: "/images/debian.img",
        storage: ["syno-1:/volume1", "syno-3:/volume1"],
      });
      vm("web", "running");
    }));
  });
  after(async () => {
    await sim?.close();
    sandbox?.remove();
  });

  it("Task.Info errors and Guest.Image 1400: first up fails, second up finishes without adopt, clean preview", async () => {
    // Every Task.Info poll answers 100 until the client gives up (4 attempts); syno-3 is down, so
    // the image is made on syno-1 only and the create answers 1400.
    sim.control.addFault({ api: "SYNO.Virtualization.API.Task.Info", method: "get", code: 100, maxCount: 4 });
    await sim.control.hostDown(3, "unreachable");
    const first = new Recorder();
    const failed = await stack.up({ onOutput: first.onOutput }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(failed, first.text()).to.be.instanceOf(Error);
    const told = `${first.text()}\n${(failed as Error).message}`;
    expect(told, told).to.match(/created \(id [^)]+\) but not finished/);
    await sim.control.hostUp(3);

    const state = (await stack.exportStack()).deployment as {
      resources: { type: string; id?: string; urn: string }[];
    };
    const world = sim.control.snapshot();
    const recorded = (kind: string) => state.resources.filter((r) => r.type.endsWith(kind)).map((r) => r.id);
    expect(recorded("synovmm:VirtualMachine")).to.deep.equal(
      // Still under its provisional name when the first up failed (ADR 020).
      world.guests.filter((g) => declaredName(g.name) === "web").map((g) => g.guestId),
    );
    expect(recorded("synovmm:Image")).to.deep.equal(
      world.images.filter((i) => i.name === "debian").map((i) => i.imageId),
    );

    const second = new Recorder();
    const up = await stack.up({ onOutput: second.onOutput });
    expect(up.summary.result, second.text()).to.equal("succeeded");
    expect(
      sim.control
        .snapshot()
        .guests.filter((g) => g.name === "web")
        .map((g) => g.status),
    ).to.deep.equal(["running"]);

    const check = new Recorder();
    const preview = await stack.preview({ onOutput: check.onOutput, refresh: true });
    expect(preview.changeSummary, check.text()).to.deep.equal({ same: 3 });
  });
});
