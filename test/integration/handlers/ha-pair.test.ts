/**
 * The HAPair reconciler on the real DSM client against the simulator over HTTP. Its read must tell
 * VMM's own move (a failover on a host down: never fought, ADR 005) from a move by hand (drift).
 */
import { expect } from "chai";
import { setConfigSource } from "../../../provider/live/connection";
import { liveApiFor } from "../../../provider/live/context";
import { asNextProviderProcess, labClusterForHandlers, labVm } from "./lab";
import { virtualMachineHandler as vm } from "../../../provider/handlers/virtual-machine";
import { haPairHandler as haPair } from "../../../provider/handlers/ha-pair";
import type { HAPairInputs, HAPairOutputs } from "../../../provider/model/inputs";
import type { SimulatorHandle } from "../../../simulator";

describe("HAPair reconciler against the simulator", function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;
  let pair: { id: string; outs: HAPairOutputs };
  const declared: HAPairInputs = { cluster: "lab", vm: "db-1", active: "syno-1", passive: "syno-2" };

  const boxOf = (hostName: string): number =>
    sim.control.snapshot().hosts.find((h) => h.hostName === hostName)?.boxIndex ?? -1;
  const liveActive = (): string | null => {
    const world = sim.control.snapshot();
    const p = world.haPairs.find((x) => x.guestId === pair.id);
    return world.hosts.find((h) => h.hostId === p?.activeHostId)?.hostName ?? null;
  };

  before(async () => {
    sim = await labClusterForHandlers({ failoverBootMs: 50 });
    await vm.create(labVm("db-1", { host: "syno-1", haManaged: true }));
    pair = await haPair.create(declared);
    expect(pair.outs).to.include({ active: "syno-1", currentActive: "syno-1", status: "protected" });
  });
  after(async () => {
    setConfigSource(() => undefined);
    await sim.close();
  });

  it("keeps the declared roles after a failover, also once the left host is back and the pair reads protected", async () => {
    // The soak's seeds 3031, 3046, 3059, 3097: the first read after the failover came when the left
    // host was back, so the status no longer said failed_over and the swap was taken for a hand edit.
    await sim.control.hostDown(boxOf("syno-1"), "unreachable");
    await sim.control.hostUp(boxOf("syno-1"));
    expect(liveActive()).to.equal("syno-2");
    expect(sim.control.snapshot().haPairs.find((p) => p.guestId === pair.id)?.status).to.equal("protected");
    asNextProviderProcess(sim); // the next `pulumi refresh`
    const read = await haPair.read(pair.id, pair.outs);
    expect(read.inputs).to.include({ active: "syno-1", passive: "syno-2" });
    expect(read.props).to.include({ currentActive: "syno-2", status: "protected" });
    expect((await haPair.diff(pair.id, read.props as HAPairOutputs, { ...declared })).changes).to.equal(
      false,
    );
    pair = { id: pair.id, outs: read.props as HAPairOutputs };
  });

  it("reports a switch made by hand as drift, and the next update puts the declared roles back", async () => {
    asNextProviderProcess(sim);
    const api = liveApiFor("lab");
    const members = await api.hosts();
    const idOf = (name: string) => members.find((m) => m.name === name)?.id ?? "";
    await api.setHa(pair.id, idOf("syno-2"), idOf("syno-3")); // a hand edit in VMM
    asNextProviderProcess(sim);
    const read = await haPair.read(pair.id, pair.outs);
    expect(read.inputs).to.include({ active: "syno-2", passive: "syno-3" });
    const drifted = read.props as HAPairOutputs;
    expect((await haPair.diff(pair.id, drifted, { ...declared })).changes).to.equal(true);
    const updated = await haPair.update(pair.id, drifted, { ...declared });
    expect(updated.outs).to.include({ active: "syno-1", passive: "syno-2", currentActive: "syno-1" });
    expect(liveActive()).to.equal("syno-1");
  });
});
