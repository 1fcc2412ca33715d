/**
 * The VM create on the documented API (ADR 020, 021): create under a provisional name, then one
 * Guest set with name, mark, CPU, memory and autorun, read back; a clone's boot disk keeps the
 * image's size; at the official level disk growth is refused before anything is sent (ADR 019).
 */
import { expect } from "chai";
import { setLiveApiFactory, setHandlerLog } from "../../../provider/live/context";
import { CapturedLog } from "../../../provider/live/log";
import { provisionalName } from "../../../provider/handlers/ownership";
import { virtualMachineHandler as vm } from "../../../provider/handlers/virtual-machine";
import type { VirtualMachineInputs, VirtualMachineOutputs } from "../../../provider/resources/types";
import { FakeLiveApi, fakeGuest } from "./fake-live-api";

const OWNER = "proj/dev";
const declared: VirtualMachineInputs = {
  cluster: "lab",
  name: "db-1",
  image: "ubuntu",
  cpu: 4,
  memory: "16GiB",
  storage: "nas-a:/volume1",
  disks: [{}, { size: "20GiB" }],
  nics: [{ network: "vm-lan" }],
  power: "stopped",
  autorun: "on",
  allowRestart: false,
  description: "primary",
  owner: OWNER,
};

describe("VirtualMachine create on the documented API (ADR 020, 021)", () => {
  let api: FakeLiveApi;
  let log: CapturedLog;

  beforeEach(() => {
    api = new FakeLiveApi();
    log = new CapturedLog();
    setLiveApiFactory(() => api);
    setHandlerLog(log);
  });
  after(() => {
    setLiveApiFactory(undefined);
    setHandlerLog(undefined);
  });

  it("creates under the provisional name, then names, marks and sizes the guest in one set", async () => {
    const { id, outs } = await vm.create(declared);
    const provisional = provisionalName("db-1", OWNER) as string;
    expect(provisional).to.match(/^db-1\.synovmm-[0-9a-f]{10}$/);
    expect(api.calls).to.deep.equal([
      `createGuest ${provisional}`,
      `setGuest ${id} {"name":"db-1","description":"primary [synovmm stack proj/dev]","autorun":"on","vcpus":4,"memoryMiB":16384}`,
    ]);
    const live = api.guestList.find((g) => g.id === id);
    expect(live).to.deep.include({ name: "db-1", vcpus: 4, memoryMiB: 16384, autorun: "on" });
    // The boot disk has the image's size (10 GiB in the fake): recorded as it is, no warning (none declared).
    expect(outs.disks).to.deep.equal([{ size: "10GiB" }, { size: "20GiB" }]);
    expect(log.warnings).to.deep.equal([]);
    expect((await vm.diff(id, outs, declared)).changes).to.equal(false, "no phantom diff on the boot disk");
  });

  it("takes over a guest left under its provisional name by a killed run: one set names and marks it", async () => {
    const provisional = provisionalName("db-1", OWNER) as string;
    api.guestList.push(fakeGuest({ id: "g9", name: provisional, status: "shutdown", storageId: "s1" }));
    const { id } = await vm.create(declared);
    expect(id).to.equal("g9");
    expect(api.calls.filter((c) => c.startsWith("createGuest"))).to.deep.equal([]);
    expect(api.calls[0]).to.match(
      /^setGuest g9 \{"name":"db-1","description":"primary \[synovmm stack proj\/dev\]"/,
    );
    expect(api.guestList.find((g) => g.id === "g9")).to.deep.include({ name: "db-1", vcpus: 4 });
  });

  it("refuses a guest of the declared name without this stack's mark, and one made under another stack's provisional name", async () => {
    api.guestList.push(
      fakeGuest({
        id: "g8",
        name: provisionalName("db-1", "proj/prod") as string,
        status: "shutdown",
        storageId: "s1",
      }),
    );
    const { id } = await vm.create(declared);
    expect(id).to.not.equal("g8");
    api.guestList.push(
      fakeGuest({ id: "g7", name: "web-1", description: "someone's", status: "shutdown", storageId: "s1" }),
    );
    const err = await vm.create({ ...declared, name: "web-1" }).catch((e: Error) => e);
    expect((err as Error).message).to.match(/already exists \(id g7\) and this stack did not create it/);
  });

  it("warns, and records the live size, when a declared boot size differs at the official level", async () => {
    api.levelValue = "official-only";
    const { outs } = await vm.create({ ...declared, disks: [{ size: "40GiB" }] });
    expect(api.calls.some((c) => c.startsWith("growDisks"))).to.equal(false);
    expect(log.warnings).to.have.length(1);
    expect(log.warnings[0])
      .to.contain("is 10240 MiB (the image's size), not the 40960 MiB")
      .and.contain("Fix: leave disks[0].size out");
    expect(outs.disks).to.deep.equal([{ size: "10GiB" }]);
  });

  it("grows a declared larger boot disk at the managed level, through the private disk API", async () => {
    const { id } = await vm.create({ ...declared, disks: [{ size: "40GiB" }] });
    expect(api.calls).to.include(`growDisks ${id}`);
    expect(log.warnings).to.deep.equal([]);
  });

  it("gives a VM without an image a blank boot disk of its first size", async () => {
    const { outs } = await vm.create({ ...declared, image: undefined, disks: [{ size: "40GiB" }] });
    expect(outs.disks).to.deep.equal([{ size: "40GiB" }]);
  });

  it("refuses an ISO image at check (preview) and at create, before anything is sent (R12)", async () => {
    api.imageList.push({ id: "i9", name: "ubuntu-iso", type: "iso", storageIds: ["s1"] });
    const { failures } = await vm.check({}, { ...declared, image: "ubuntu-iso" });
    expect(failures.map((f) => f.property)).to.deep.equal(["image"]);
    expect(failures[0].reason).to.contain("only disk images can be cloned").and.contain("(R12)");
    const err = await vm.create({ ...declared, image: "ubuntu-iso" }).catch((e: Error) => e);
    expect((err as Error).message).to.contain("Nothing was sent to any host");
    expect(api.calls).to.deep.equal([]);
  });

  it("refuses disk growth and new disks at the official level in the preview (diff), sending nothing", async () => {
    api.levelValue = "official-only";
    api.guestList.push(
      fakeGuest({
        id: "g1",
        name: "db-1",
        status: "shutdown",
        storageId: "s1",
        disks: [
          { id: "d0", sizeMiB: 10240, controller: "virtio", unmap: false },
          { id: "d1", sizeMiB: 20480, controller: "virtio", unmap: false },
        ],
      }),
    );
    const olds: VirtualMachineOutputs = {
      ...declared,
      disks: [{ size: "10GiB" }, { size: "20GiB" }],
      guestId: "g1",
      status: "shutdown",
      runningHost: null,
      macs: [],
    };
    const grown = { ...declared, disks: [{}, { size: "30GiB" }, { size: "5GiB" }] };
    const err = await vm.diff("g1", olds, grown).catch((e: Error) => e);
    expect((err as Error).message)
      .to.contain("grow disk 2 from 20480 MiB to 30720 MiB and add disk 3")
      .and.contain("no documented way to grow or add a virtual disk; nothing was sent")
      .and.contain("Fix: make the change in Virtual Machine Manager");
    expect(api.calls).to.deep.equal([]);
  });
});
