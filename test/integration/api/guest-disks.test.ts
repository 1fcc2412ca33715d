// guestDisks.set (the simulator's private SYNO.SynoVmmSim.Guest.Disk) grows and adds disks, against the simulator.
import { expect } from "chai";
import { DsmError } from "../../../provider/api";
import { Harness, harness, newGuest, rejection } from "./sim";

describe("api (integration): guestDisks.set (managed level only)", function () {
  let h: Harness;
  beforeEach(async () => (h = await harness()));
  afterEach(async () => h.close());

  it("grows a disk and adds one in one call, on a running guest; a shrink is a DsmError 401", async () => {
    const c = h.client();
    const g = await newGuest(c, "data-1");
    await c.guestActions.powerOn(g.id);
    const before = await c.guests.get(g.id, { details: true });
    const disk = before.disks?.[0];
    if (disk === undefined) throw new Error("guest data-1 was created without a disk");

    await c.guestDisks.set(g.id, { grow: [{ id: disk.id, sizeMiB: 30720 }], addMiB: [5120] });
    const after = await c.guests.get(g.id, { details: true });
    expect(after.status).to.equal("running");
    expect(after.disks?.map((d) => d.sizeMiB)).to.deep.equal([30720, 5120]);
    expect(after.disks?.[0].id).to.equal(disk.id);

    const err = await rejection(c.guestDisks.set(g.id, { grow: [{ id: disk.id, sizeMiB: 1024 }] }));
    expect(err).to.be.instanceOf(DsmError);
    expect((err as DsmError).code).to.equal(401);
    expect(err.message).to.match(/shrinking to 1024 MB is refused/);
    expect((await c.guests.get(g.id, { details: true })).disks?.map((d) => d.sizeMiB)).to.deep.equal([
      30720, 5120,
    ]);
  });
});
