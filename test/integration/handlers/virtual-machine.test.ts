/**
 * The VirtualMachine reconciler on the real DSM client against the simulator over HTTP: the
 * pieces between a Pulumi call and VMM, without the engine (the e2e tier adds the CLI).
 */
import { expect } from "chai";
import { setConfigSource } from "../../../provider/live/connection";
import { labClusterForHandlers, labVm } from "./lab";
import { virtualMachineHandler as vm } from "../../../provider/handlers/virtual-machine";
import type { VirtualMachineInputs, VirtualMachineOutputs } from "../../../provider/resources/types";
import type { SimulatorHandle } from "../../../simulator";

describe("VirtualMachine reconciler against the simulator", function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;
  let created: VirtualMachineOutputs;

  const inputs: VirtualMachineInputs = labVm("app-1", { host: "syno-2" });

  before(async () => {
    sim = await labClusterForHandlers();
  });
  after(async () => {
    setConfigSource(() => undefined);
    await sim.close();
  });

  it("creates the guest from the image, clones the boot disk at the declared size and places it (R11, R12)", async () => {
    const r = await vm.create(inputs);
    created = r.outs;
    expect(r.outs.runningHost).to.equal("syno-2");
    expect(r.outs.status).to.equal("running");
    const g = sim.control.snapshot().guests.find((x) => x.name === "app-1");
    expect(g?.status).to.equal("running");
    const read = await vm.read(r.id, r.outs);
    expect(read.inputs?.disks).to.deep.equal([{ size: "20GiB" }]);
  });

  it("grows the boot disk and adds a data disk in place, while running", async () => {
    const news = { ...inputs, disks: [{ size: "30GiB" }, { size: "5GiB" }] };
    expect((await vm.diff(created.guestId, created, news)).changes).to.equal(true);
    const r = await vm.update(created.guestId, created, news);
    const read = await vm.read(created.guestId, r.outs);
    expect(read.inputs?.disks).to.deep.equal([{ size: "30GiB" }, { size: "5GiB" }]);
    expect(sim.control.snapshot().guests.find((x) => x.name === "app-1")?.status).to.equal("running");
    created = r.outs;
  });

  it("deletes a running guest (powers it off first)", async () => {
    await vm.delete(created.guestId, created);
    expect(sim.control.snapshot().guests.map((g) => g.name)).to.not.include("app-1");
  });
});
