import { expect } from "chai";
import { setLiveApiFactory } from "../../../provider/live/context";
import { virtualMachineHandler as vm } from "../../../provider/handlers/virtual-machine";
import { PULUMI_UNKNOWN as UNKNOWN } from "../../../provider/model/unknown";
import type { VirtualMachineInputs, VirtualMachineOutputs } from "../../../provider/resources/types";
import { FakeLiveApi, fakeGuest } from "./fake-live-api";

const declared: VirtualMachineInputs = {
  cluster: "lab",
  name: "web-1",
  image: "ubuntu",
  cpu: 2,
  memory: "4GiB",
  storage: "nas-a:/volume1",
  disks: [{ size: "40GiB" }],
  nics: [{ network: "vm-lan" }],
  host: "nas-a",
  power: "running",
  autorun: "last",
  allowRestart: false,
};

function outs(inputs: VirtualMachineInputs): VirtualMachineOutputs {
  return { ...inputs, guestId: "g1", status: "running", runningHost: "nas-a", macs: [] };
}

describe("VirtualMachine reconciler (fake cluster)", () => {
  let api: FakeLiveApi;

  beforeEach(() => {
    api = new FakeLiveApi();
    api.guestList.push(
      fakeGuest({
        id: "g1",
        name: "web-1",
        status: "running",
        hostId: "h1",
        hostName: "nas-a",
        storageId: "s1",
        vcpus: 2,
        memoryMiB: 4096,
        disks: [{ id: "d0", sizeMiB: 40960, controller: "virtio", unmap: false }],
        nics: [
          { id: "v0", mac: "02:11:32:00:00:01", model: "virtio", networkId: "n1", networkName: "vm-lan" },
        ],
      }),
    );
    setLiveApiFactory(() => api);
  });
  after(() => setLiveApiFactory(undefined));

  it("sees no change when only the notation of a size differs (no phantom diff)", async () => {
    const d = await vm.diff("g1", outs(declared), {
      ...declared,
      memory: "4096MiB",
      disks: [{ size: "40960MiB" }],
    });
    expect(d.changes).to.equal(false);
  });

  it("plans a host change of a running VM as an update, never a replace (R13)", async () => {
    const d = await vm.diff("g1", outs(declared), { ...declared, host: "nas-b" });
    expect(d).to.deep.include({ changes: true });
    expect(d.replaces ?? []).to.deep.equal([]);
    await vm.update("g1", outs(declared), { ...declared, host: "nas-b" });
    expect(api.calls).to.deep.equal(["moveGuest g1 h2"]);
  });

  it("replaces on an image change, the one thing VMM installs only at creation (R12)", async () => {
    const d = await vm.diff("g1", outs(declared), { ...declared, image: "debian" });
    expect(d.replaces).to.deep.equal(["image"]);
  });

  it("refuses a memory change of a running VM without allowRestart, saying why and how to fix", async () => {
    const err = await vm.diff("g1", outs(declared), { ...declared, memory: "8GiB" }).catch((e: Error) => e);
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message).to.match(
      /Unable to update VirtualMachine "web-1": memory 4096 MiB → 8192 MiB needs a power cycle/,
    );
    expect((err as Error).message).to.include("allowRestart: true");
    expect(api.calls).to.deep.equal([]);
  });

  it("power-cycles for a memory change when allowRestart is true", async () => {
    const news = { ...declared, memory: "8GiB", allowRestart: true };
    expect((await vm.diff("g1", outs(declared), news)).changes).to.equal(true);
    await vm.update("g1", outs(declared), news);
    expect(api.calls).to.deep.equal([
      "powerOff g1",
      'setGuest g1 {"vcpus":2,"memoryMiB":8192}',
      "powerOn g1 on h1",
    ]);
  });

  it("refuses to shrink a disk", async () => {
    const err = await vm
      .diff("g1", outs(declared), { ...declared, disks: [{ size: "20GiB" }] })
      .catch((e: Error) => e);
    expect((err as Error).message).to.match(/disk 1 would shrink from 40960 MiB to 20480 MiB/);
  });

  it("refuses a diff when quorum is lost (R2), before sending anything", async () => {
    api.hostList[1].status = "unreachable";
    api.hostList[2].status = "unreachable";
    const err = await vm
      .diff("g1", outs(declared), { ...declared, cpu: 4, allowRestart: true })
      .catch((e: Error) => e);
    expect((err as Error).message).to.match(/R2 at spec.hosts: Only 1 of 3 cluster hosts are online/);
    expect(api.calls).to.deep.equal([]);
  });

  it("skips values unknown during preview instead of reporting them", async () => {
    const { failures } = await vm.check(declared, { ...declared, image: UNKNOWN });
    expect(failures).to.deep.equal([]);
  });

  it("fails check when a NIC names a network the cluster does not have", async () => {
    const { failures } = await vm.check(declared, { ...declared, nics: [{ network: "dmz" }] });
    expect(failures).to.have.length(1);
    expect(failures[0].property).to.equal("nics[0].network");
    expect(failures[0].reason).to.include('network "dmz" does not exist');
  });

  it("fails the preview (check) of a new VM whose name is taken, suggesting adopt", async () => {
    const { failures } = await vm.check({}, declared);
    expect(failures.map((f) => f.property)).to.deep.equal(["name"]);
    expect(failures[0].reason).to.include("set adopt: true");
    expect((await vm.check({}, { ...declared, adopt: true })).failures).to.deep.equal([]);
  });

  it("refuses a name clash without adopt and suggests it", async () => {
    const err = await vm.create({ ...declared }).catch((e: Error) => e);
    expect((err as Error).message).to.match(/already exists .* set adopt: true/);
  });

  it("reads back the live guest as inputs so refresh + preview shows no diff when nothing changed", async () => {
    const r = await vm.read("g1", outs(declared));
    expect(r.inputs).to.deep.include({
      memory: "4GiB",
      cpu: 2,
      host: "nas-a",
      power: "running",
      autorun: "last",
    });
    const d = await vm.diff("g1", r.props as VirtualMachineOutputs, declared);
    expect(d.changes).to.equal(false);
  });
});
