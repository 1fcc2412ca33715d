/**
 * State stays true (ADR 005): every failure after the NAS accepted a create leaves the object recorded, so the next
 * `up` finishes the job without `adopt`, nothing is left on the NAS outside state, and the preview
 * after is clean. The real DSM client and handlers against the simulator over HTTP.
 */
import { expect } from "chai";
import { resetProcessState } from "../../../provider/api";
import { setConfigSource } from "../../../provider/live/connection";
import { labClusterForHandlers, labVm } from "../handlers/lab";
import { setLiveApiFactory } from "../../../provider/live/context";
import { imageHandler as image } from "../../../provider/handlers/image";
import { virtualMachineHandler as vm } from "../../../provider/handlers/virtual-machine";
import type { ImageInputs, VirtualMachineInputs } from "../../../provider/resources/types";
import type { SimulatorHandle } from "../../../simulator";
import { expectCleanPreview, failedFirstUp, secondUp } from "./engine";

const TASK_API = "SYNO.Virtualization.API.Task.Info";
const GUEST_API = "SYNO.Virtualization.API.Guest";

function vmInputs(name: string): VirtualMachineInputs {
  return labVm(name, { allowRestart: true, owner: "orphans/test" });
}

/** A simulator with a joined cluster, and the provider's stack config pointing at it. */
const cluster = labClusterForHandlers;

/** The ids of the simulator's guests of that name: exactly the recorded one, or there is an orphan. */
function guestIds(sim: SimulatorHandle, name: string): string[] {
  return (
    sim.control
      .snapshot()
      // Also under its provisional name (`<name>.synovmm-<hash>`) until the Guest set names it (ADR 020).
      .guests.filter((g) => g.name === name || g.name.startsWith(`${name}.synovmm-`))
      .map((g) => g.guestId)
  );
}

/** A disk image of the lab cluster (the declared inputs of an Image resource). */
const diskImage = (name: string, path: string, storage: string[]): ImageInputs => ({
  cluster: "lab",
  name,
  type: "disk",
  path,
  storage,
});

describe("orphans: a create that fails after the NAS accepted it is recorded", function () {
  this.timeout(60_000);
  let sim: SimulatorHandle;

  before(async () => {
    sim = await cluster({});
  });
  afterEach(() => sim.control.clearFaults());
  after(async () => {
    setConfigSource(() => undefined);
    await sim.close();
  });

  it("Task.Info answers 100 once: the read is retried and the first up succeeds", async () => {
    sim.control.addFault({ api: TASK_API, method: "get", code: 100, maxCount: 1 });
    const r = await vm.create(vmInputs("once-100"));
    expect(guestIds(sim, "once-100")).to.deep.equal([r.id]);
    expect(sim.control.listFaults()[0].hits).to.equal(1);
  });

  it("Task.Info answers 100 on every retry: recorded, the second up finishes, no orphan, clean preview", async () => {
    sim.control.addFault({ api: TASK_API, method: "get", code: 100, maxCount: 4 });
    const inputs = vmInputs("poll-100");
    const rec = await failedFirstUp(vm, inputs);
    expect(guestIds(sim, "poll-100")).to.deep.equal([rec.id]);
    const done = await secondUp(vm, rec, { ...inputs });
    expect(done.outs.status).to.equal("running");
    expect(guestIds(sim, "poll-100")).to.deep.equal([rec.id]);
    await expectCleanPreview(vm, done, inputs);
  });

  it("Task.Info never answers (connection dropped on every retry): recorded, then finished", async () => {
    sim.control.addFault({ api: TASK_API, method: "get", drop: true, maxCount: 12 }); // 4 attempts × 3 endpoints (failover)
    const inputs = vmInputs("poll-drop");
    const rec = await failedFirstUp(vm, inputs);
    const done = await secondUp(vm, rec, inputs);
    expect(done.outs.status).to.equal("running");
    expect(guestIds(sim, "poll-drop")).to.deep.equal([rec.id]);
    await expectCleanPreview(vm, done, inputs);
  });

  it("Guest.Image create answered 1400 (a host down): the image is recorded, then finished", async () => {
    const inputs = diskImage("debian-partial", "/images/debian.img", ["syno-1:/volume1", "syno-3:/volume1"]);
    await sim.control.hostDown(3, "unreachable");
    try {
      const rec = await failedFirstUp(image, inputs);
      expect(
        sim.control
          .snapshot()
          .images.filter((i) => i.name === "debian-partial")
          .map((i) => i.imageId),
      ).to.deep.equal([rec.id]);
      const done = await secondUp(image, rec, inputs);
      await expectCleanPreview(image, done, inputs);
    } finally {
      await sim.control.hostUp(3);
    }
  });

  it("a guest this stack created but never recorded (a killed run) is taken over without adopt", async () => {
    const inputs = vmInputs("killed-run");
    const first = await vm.create(inputs); // the engine dies before it records this
    expect((await vm.check({}, inputs)).failures).to.deep.equal([]);
    const again = await vm.create(inputs);
    expect(again.id).to.equal(first.id);
    expect(guestIds(sim, "killed-run")).to.deep.equal([first.id]);
    expect(again.outs.description ?? "").to.equal("");
    await expectCleanPreview(vm, again, inputs);
  });

  it("a guest of the same name made by someone else (or another stack) still needs adopt", async () => {
    sim.control.createGuest({ name: "not-ours", description: "[synovmm stack other/stack]" });
    // The next run is a new provider process: reads shared within this one (ADR 017) start over.
    setLiveApiFactory(undefined);
    const inputs = vmInputs("not-ours");
    const check = await vm.check({}, inputs);
    expect(check.failures.map((f) => f.reason).join()).to.match(/already exists.*set adopt: true/);
    const err = (await vm.create(inputs).catch((e: unknown) => e)) as Error;
    expect(err.message).to.match(/this stack did not create it\. Fix: set adopt: true/);
    expect(guestIds(sim, "not-ours")).to.have.length(1);
  });

  it("a resize that fails after powering the VM off powers it back on", async () => {
    const inputs = vmInputs("resize-fails");
    const rec = await vm.create(inputs);
    sim.control.addFault({ api: GUEST_API, method: "set", code: 402, maxCount: 1 });
    const err = (await vm.update(rec.id, rec.outs, { ...inputs, cpu: 2 }).catch((e: unknown) => e)) as Error;
    expect(err).to.be.instanceOf(Error);
    const g = sim.control.snapshot().guests.find((x) => x.guestId === rec.id);
    expect(g?.status).to.equal("running");
    expect(g?.vcpuNum).to.equal(1);
  });

  it("a login answered 100 once is retried, not taken as a refused password", async () => {
    resetProcessState(); // no session yet
    setLiveApiFactory(undefined);
    sim.control.addFault({ api: "SYNO.API.Auth", method: "login", code: 100, maxCount: 1 });
    const inputs = vmInputs("after-login-100");
    const r = await vm.create(inputs);
    expect(guestIds(sim, "after-login-100")).to.deep.equal([r.id]);
  });
});

describe("orphans: the operation deadline synovmm:operationTimeout", function () {
  this.timeout(60_000);
  let sim: SimulatorHandle;

  before(async () => {
    sim = await cluster({ taskDurationMs: 1_500 }, { "synovmm:operationTimeout": "1s" });
  });
  after(async () => {
    setConfigSource(() => undefined);
    await sim.close();
  });

  it("a create past the deadline is recorded with a message naming the setting; the next up finishes", async () => {
    const inputs = vmInputs("slow-create");
    const rec = await failedFirstUp(vm, inputs);
    expect(guestIds(sim, "slow-create")).to.deep.equal([rec.id]);
    const done = await secondUp(vm, rec, inputs);
    expect(done.outs.status).to.equal("running");
    await expectCleanPreview(vm, done, inputs);
  });

  it("an image import past the deadline is recorded, then finished", async () => {
    const inputs = diskImage("slow-import", "/images/slow.img", ["syno-2:/volume1"]);
    const err = (await image.create(inputs).catch((e: unknown) => e)) as Error & { id?: string };
    expect(err.message).to.contain("synovmm:operationTimeout").and.contain("pulumi up");
    expect(err.id).to.be.a("string");
    const rec = {
      id: err.id as string,
      outs: (err as unknown as { properties: ImageInputs & { imageId: string } }).properties,
    };
    const done = await secondUp(image, rec, inputs);
    await expectCleanPreview(image, done, inputs);
    expect(sim.control.snapshot().images.filter((i) => i.name === "slow-import")).to.have.length(1);
  });

  it("a bad synovmm:operationTimeout is refused with a message naming the key", () => {
    const config: Record<string, string> = { "synovmm:operationTimeout": "soon" };
    setConfigSource((k) => config[k]);
    const { operationTimeoutMs } =
      require("../../../provider/live/connection") as typeof import("../../../provider/live/connection");
    expect(() => operationTimeoutMs()).to.throw(
      /synovmm:operationTimeout is "soon".*pulumi config set synovmm:operationTimeout 30m/,
    );
  });
});
