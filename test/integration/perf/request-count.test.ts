/**
 * Every request counts (ADR 017): the reconcilers on the real DSM client, against the simulator over
 * HTTP, for N VirtualMachines, as one provider process serves a run. The engine asks check + diff of
 * every resource in a preview, read in a refresh, and create in an `up`; the requests are counted from
 * the simulator's request log. Targets: ≤ 1.2 requests per resource for a no-op preview and a
 * refresh, ≤ 7 for `up` (5 before ADR 020: a real NAS takes CPU, memory, autorun and description only
 * through a Guest set after the create, which is then read back — two requests per VM more). Each
 * run starts as a new provider process does (no session, no discovery).
 */
import { expect } from "chai";
import { resetProcessState } from "../../../provider/api";
import { setConfigSource } from "../../../provider/live/connection";
import { labClusterForHandlers, labVm } from "../handlers/lab";
import { setLiveApiFactory } from "../../../provider/live/context";
import { virtualMachineHandler as vm } from "../../../provider/handlers/virtual-machine";
import type { VirtualMachineInputs, VirtualMachineOutputs } from "../../../provider/resources/types";
import type { RequestLogEntry, SimulatorHandle } from "../../../simulator";

const N = 24;
const PREVIEW_AND_REFRESH_TARGET = 1.2;
const UP_TARGET = 7;

function inputsOf(i: number): VirtualMachineInputs {
  return labVm(`vm-${i}`, {
    memory: "512MiB",
    disks: [{}], // the boot disk at the image's size (ADR 021)
    host: `syno-${1 + (i % 3)}`,
    power: "stopped",
  });
}

/** What each request was, for a failure message. */
function tally(log: readonly RequestLogEntry[]): string {
  const counts = new Map<string, number>();
  for (const r of log) {
    const key = `${r.via === undefined ? "" : "↳"}${r.api}.${r.method}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ${n}`).join(", ");
}

describe("requests per resource, counted by the simulator (ADR 017)", function () {
  this.timeout(60_000);
  let sim: SimulatorHandle;
  const created: { id: string; inputs: VirtualMachineInputs; outs: VirtualMachineOutputs }[] = [];

  /** Runs `step` as a fresh provider process would, and returns requests per resource. */
  async function perResource(
    step: () => Promise<unknown>,
  ): Promise<{ ratio: number; what: string; log: RequestLogEntry[] }> {
    resetProcessState();
    setLiveApiFactory(undefined);
    sim.control.clearLog();
    await step();
    const all = sim.control.requestLog();
    // HTTP requests (ADR 018): a SYNO.Entry.Request compound counts once; the calls inside it are
    // logged too, marked `via` (↳ in the tally), and are not counted again.
    const log = all.filter((r) => r.via === undefined);
    return { ratio: log.length / N, what: `${log.length} requests for ${N} VMs: ${tally(all)}`, log };
  }

  before(async () => {
    sim = await labClusterForHandlers({ taskDurationMs: 20 });
  });
  after(async () => {
    setConfigSource(() => undefined);
    resetProcessState();
    await sim.close();
  });

  it(`up: creating ${N} VMs at once sends at most ${UP_TARGET} requests per VM`, async () => {
    const up = await perResource(() =>
      Promise.all(
        Array.from({ length: N }, async (_, i) => {
          const inputs = inputsOf(i);
          const checked = await vm.check({}, inputs);
          const r = await vm.create(checked.inputs);
          created.push({ id: r.id, inputs: checked.inputs, outs: r.outs });
        }),
      ),
    );
    expect(created).to.have.length(N);
    expect(up.ratio, up.what).to.be.at.most(UP_TARGET);
  });

  it("up spreads over every member endpoint, with one login each", () => {
    // The log of the up above (the preview test clears it later).
    const log = sim.control.requestLog();
    const boxes = new Set(log.map((r) => r.box));
    expect([...boxes].sort()).to.deep.equal([...sim.endpoints].sort());
    const logins = log.filter((r) => r.api === "SYNO.API.Auth" && r.method === "login");
    expect(logins.map((r) => r.box).sort()).to.deep.equal([...sim.endpoints].sort());
    // The creates themselves, not only reads, go to every member (writes go where the least work is).
    const creates = log.filter((r) => r.api === "SYNO.Virtualization.API.Guest" && r.method === "create");
    expect(new Set(creates.map((r) => r.box)).size, "endpoints that took creates").to.equal(
      sim.endpoints.length,
    );
  });

  it("up asks about each task only the endpoint that started it", () => {
    const polls = sim.control
      .requestLog()
      .filter((r) => r.api === "SYNO.Virtualization.API.Task.Info" && r.method === "get");
    const boxesPerTask = new Map<string, Set<string>>();
    for (const r of polls)
      boxesPerTask.set(r.params.task_id, (boxesPerTask.get(r.params.task_id) ?? new Set()).add(r.box));
    expect(boxesPerTask.size).to.equal(N);
    for (const [task, boxes] of boxesPerTask) expect([...boxes], task).to.have.length(1);
  });

  it(`no-op preview: check and diff of ${N} VMs send at most ${PREVIEW_AND_REFRESH_TARGET} requests per VM`, async () => {
    const preview = await perResource(() =>
      Promise.all(
        created.map(async (r) => {
          const checked = await vm.check(r.inputs, r.inputs);
          expect((await vm.diff(r.id, r.outs, checked.inputs)).changes).to.equal(false);
        }),
      ),
    );
    expect(preview.ratio, preview.what).to.be.at.most(PREVIEW_AND_REFRESH_TARGET);
  });

  it(`refresh: reading ${N} VMs sends at most ${PREVIEW_AND_REFRESH_TARGET} requests per VM and still sees drift`, async () => {
    // A VM powered on by hand between runs (drift): the next run's refresh must see it.
    const drifted = created[0];
    sim.control.setGuestPower(drifted.inputs.name, true);
    const reads: { id: string; props?: VirtualMachineOutputs }[] = [];
    const refresh = await perResource(() =>
      Promise.all(created.map(async (r) => reads.push({ id: r.id, ...(await vm.read(r.id, r.outs)) }))),
    );
    expect(refresh.ratio, refresh.what).to.be.at.most(PREVIEW_AND_REFRESH_TARGET);
    expect(reads.every((r) => r.props !== undefined)).to.equal(true);
    expect(reads.find((r) => r.id === drifted.id)?.props?.status).to.equal("running");
  });
});
