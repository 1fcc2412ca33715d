// ownedImages (the simulator's private SYNO.SynoVmmSim.Guest.Image, ADR 027): the official create's
// parameters plus the owner mark, with the official create's safety; the list of marks. Managed
// level only: on `dsm real` it is refused before anything is made.
import { expect } from "chai";
import { DsmError } from "../../../provider/api";
import { Harness, harness, rejection } from "./sim";

const OWNED = "SYNO.SynoVmmSim.Guest.Image";

describe("api (integration): ownedImages (managed level only)", function () {
  let h: Harness;
  afterEach(async () => h.close());

  async function storage1(c: ReturnType<Harness["client"]>): Promise<string> {
    const s = (await c.storages.list()).find((x) => x.name === "syno-1 - VM Storage 1");
    if (s === undefined) throw new Error("storage syno-1 - VM Storage 1 not listed");
    return s.id;
  }

  it("creates an image marked with its owner, waits for the task, and lists the mark", async () => {
    h = await harness();
    const c = h.client();
    const img = await c.ownedImages.create({
      name: "img-b",
      type: "disk",
      dsFilePath: "/images/img-b.img",
      storageIds: [await storage1(c)],
      owner: "proj/dev",
    });
    expect(img.name).to.equal("img-b");
    expect(img.storages.map((s) => s.status)).to.deep.equal(["online"]);
    expect(await c.ownedImages.list()).to.deep.equal([{ id: img.id, owner: "proj/dev", creating: false }]);
    const creates = h.sim.control.requestLog().filter((r) => r.method === "create");
    expect(creates.map((r) => [r.api, r.params.owner])).to.deep.equal([[OWNED, "proj/dev"]]);
  });

  it("a lost answer is re-checked by name: one image, the create not sent again", async () => {
    h = await harness();
    const c = h.client();
    h.sim.control.addFault({ api: OWNED, method: "create", dropAnswer: true, maxCount: 1 });
    const img = await c.ownedImages.create({
      name: "img-a",
      type: "disk",
      dsFilePath: "/images/img-a.img",
      storageIds: [await storage1(c)],
      owner: "proj/dev",
    });
    const world = h.sim.control.snapshot();
    expect(world.images.filter((i) => i.name === "img-a").map((i) => [i.imageId, i.owner])).to.deep.equal([
      [img.id, "proj/dev"],
    ]);
    expect(h.sim.control.requestLog().filter((r) => r.api === OWNED && r.method === "create")).to.have.length(
      1,
    );
  });

  it("dsm real: refused as not available (official-only), nothing created", async () => {
    h = await harness({ dsm: "real", cluster: undefined });
    const c = h.client();
    const err = await rejection(
      c.ownedImages.create({
        name: "img-c",
        type: "disk",
        dsFilePath: "/images/img-c.img",
        storageNames: ["anything"],
        owner: "proj/dev",
      }),
    );
    expect(err).to.be.instanceOf(DsmError);
    expect(err.message).to.match(/not available on this cluster.*official-only/);
    expect(err.message).to.match(/adopt: true once/);
    expect(h.sim.control.snapshot().images.some((i) => i.name === "img-c")).to.equal(false);
  });
});
