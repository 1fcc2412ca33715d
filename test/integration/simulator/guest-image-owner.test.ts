// SYNO.SynoVmmSim.Guest.Image `create`, `list` ([ours], simulator/API.md §4.7, ADR 027): the
// official create's parameters plus `owner`, kept on the image (world, snapshot, --state file);
// the list of marks with each create's status; 102 in `dsm: "real"`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { IMAGE, LAB, expectCode, expectOk, harness, waitTask, type Harness } from "./helpers";

const OWNED = "SYNO.SynoVmmSim.Guest.Image";
const STORAGE1 = "syno-1 - VM Storage 1";

const imageParams = (name: string) => ({
  image_name: name,
  type: "disk",
  ds_file_path: `/images/${name}.img`,
  storage_names: [STORAGE1],
  auto_clean_task: false,
});

async function marks(h: Harness): Promise<{ image_id: string; owner: string; status: string }[]> {
  return expectOk(await h.api(OWNED, "list")).images as { image_id: string; owner: string; status: string }[];
}

async function officialImage(h: Harness, name: string): Promise<Record<string, unknown> | undefined> {
  const list = expectOk(await h.api(IMAGE, "list")).images as Record<string, unknown>[];
  return list.find((i) => i.image_name === name);
}

describe("simulator: SYNO.SynoVmmSim.Guest.Image [ours]", () => {
  let h: Harness;
  let closed = false;
  afterEach(async () => {
    if (!closed) await h.sim.close();
    closed = false;
  });

  it("create keeps the owner; list gives it with status creating, then ready; the official list has the image", async () => {
    h = await harness({ hosts: 1, cluster: { ...LAB, joined: 1 }, taskDurationMs: 300 });
    const r = expectOk(await h.api(OWNED, "create", { ...imageParams("img-b"), owner: "proj/dev" }));
    const listed = await officialImage(h, "img-b");
    expect(listed, "the image is in the official list at once").to.not.equal(undefined);
    const id = listed?.image_id as string;
    expect(await marks(h)).to.deep.equal([{ image_id: id, owner: "proj/dev", status: "creating" }]);
    const info = await waitTask(h, r.task_id as string);
    expect(info.image_id).to.equal(id);
    expect(await marks(h)).to.deep.equal([{ image_id: id, owner: "proj/dev", status: "ready" }]);
    expect(h.sim.control.snapshot().images.find((i) => i.imageId === id)?.owner).to.equal("proj/dev");
  });

  it("lists only marked images; an official create carries no owner and refuses one (401)", async () => {
    h = await harness({ hosts: 1, cluster: { ...LAB, joined: 1 }, taskDurationMs: 20 });
    expectOk(await h.api(IMAGE, "create", imageParams("by-hand")));
    expect(await marks(h)).to.deep.equal([]);
    expect(h.sim.control.snapshot().images.find((i) => i.name === "by-hand")?.owner).to.equal(null);
    expectCode(await h.api(IMAGE, "create", { ...imageParams("sneaky"), owner: "proj/dev" }), 401);
  });

  it("refuses as the official create does, and without an owner (114)", async () => {
    h = await harness({ hosts: 1, cluster: { ...LAB, joined: 1 }, taskDurationMs: 20 });
    const state = h.state();
    expectCode(await h.api(OWNED, "create", imageParams("no-owner")), 114);
    expectCode(await h.api(OWNED, "create", { ...imageParams("long"), owner: "x".repeat(256) }), 401);
    expectCode(await h.api(OWNED, "create", { ...imageParams("bad"), type: "floppy", owner: "p/s" }), 401);
    expectCode(
      await h.api(OWNED, "create", { ...imageParams("nowhere"), storage_names: ["nope"], owner: "p/s" }),
      700,
    );
    expect(h.state()).to.equal(state);
    expectOk(await h.api(OWNED, "create", { ...imageParams("taken"), owner: "p/s" }));
    expectCode(await h.api(OWNED, "create", { ...imageParams("taken"), owner: "p/s" }), 403);
  });

  it("1400 when a listed storage is offline: made on the online ones, owner kept", async () => {
    h = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 }, taskDurationMs: 20 });
    await h.sim.control.hostDown(2, "unreachable"); // 2 of 3 online: quorum holds (R2)
    const r = await h.api(OWNED, "create", {
      ...imageParams("half"),
      storage_names: [STORAGE1, "syno-2 - VM Storage 1"],
      owner: "p/s",
    });
    expectCode(r, 1400);
    const id = (await officialImage(h, "half"))?.image_id;
    expect(await marks(h)).to.deep.equal([{ image_id: id, owner: "p/s", status: "ready" }]);
  });

  it("the owner survives a restart with --state", async () => {
    const dir = mkdtempSync(join(tmpdir(), "synovmm-image-owner-"));
    const stateFile = join(dir, "world.json");
    try {
      const options = { hosts: 1, cluster: { ...LAB, joined: 1 }, taskDurationMs: 20, stateFile };
      h = await harness(options);
      const r = expectOk(await h.api(OWNED, "create", { ...imageParams("kept"), owner: "p/s" }));
      await waitTask(h, r.task_id as string);
      await h.sim.close();
      h = await harness(options);
      expect((await marks(h)).map((m) => [m.owner, m.status])).to.deep.equal([["p/s", "ready"]]);
    } finally {
      // Closed before the folder goes (closing saves the state file), also when the test failed.
      if (!closed) await h.sim.close();
      closed = true;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("dsm real: not listed, and create and list answer 102, changing nothing", async () => {
    h = await harness({ hosts: 1, dsm: "real", taskDurationMs: 20 });
    const info = expectOk(await h.api("SYNO.API.Info", "query", { query: "all" }));
    expect(info).to.not.have.property(OWNED);
    const state = h.state();
    expectCode(await h.api(OWNED, "create", { ...imageParams("real"), owner: "p/s" }), 102);
    expectCode(await h.api(OWNED, "list"), 102);
    expect(h.state()).to.equal(state);
  });
});
