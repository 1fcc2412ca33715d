// SYNO.SynoVmmSim.Guest.Disk `set` ([ours], simulator/API.md §4.6): grow, add, refusals that change
// nothing; the official Guest `set` refuses `vdisks` (401, ADR 019); 102 in `dsm: "real"`.
import { expect } from "chai";
import { ACTION, DISK, GUEST, LAB, expectCode, expectOk, harness, makeGuest, type Harness } from "./helpers";

interface Vdisk {
  vdisk_id: string;
  vdisk_size: number;
  controller: number;
  unmap: boolean;
}

const STORAGE = "SYNO.Virtualization.API.Storage";

async function vdisks(h: Harness, id: string): Promise<Vdisk[]> {
  return expectOk(await h.api(GUEST, "get", { guest_id: id, additional: true })).vdisks as Vdisk[];
}

async function storage1Used(h: Harness): Promise<number> {
  const list = expectOk(await h.api(STORAGE, "list")).storages as { storage_name: string; used: number }[];
  const s = list.find((x) => x.storage_name === "syno-1 - VM Storage 1");
  if (s === undefined) throw new Error("storage 'syno-1 - VM Storage 1' not listed");
  return s.used;
}

describe("simulator: SYNO.SynoVmmSim.Guest.Disk set [ours]", () => {
  let h: Harness;
  let id: string;
  beforeEach(async () => {
    // Box 1 has 3 LUNs: the guest's one disk plus two more.
    h = await harness({
      hosts: 3,
      cluster: { ...LAB, joined: 3 },
      taskDurationMs: 20,
      boxes: [{ lunLimit: 3 }],
    });
    id = await makeGuest(h, "disk-vm");
  });
  afterEach(() => h.sim.close());

  it("grows a vdisk while the guest runs; storage usage follows", async () => {
    expectOk(await h.api(ACTION, "poweron", { guest_id: id }));
    const [disk] = await vdisks(h, id);
    const usedBefore = await storage1Used(h);
    expectOk(
      await h.api(DISK, "set", { guest_id: id, vdisks: [{ vdisk_id: disk.vdisk_id, vdisk_size: 20480 }] }),
    );
    const after = await vdisks(h, id);
    expect(after).to.deep.equal([{ ...disk, vdisk_size: 20480 }]);
    expect(await storage1Used(h)).to.equal(usedBefore + 10240);
    const g = expectOk(await h.api(GUEST, "get", { guest_id: id }));
    expect(g.status).to.equal("running");
  });

  it("appends new empty disks, then 404 at the LUN limit", async () => {
    const usedBefore = await storage1Used(h);
    expectOk(
      await h.api(DISK, "set", {
        guest_id: id,
        vdisks: [
          { create_type: 0, vdisk_size: 4096 },
          { create_type: 0, vdisk_size: 2048, controller: 3 },
        ],
      }),
    );
    const after = await vdisks(h, id);
    expect(after.map((d) => [d.vdisk_size, d.controller])).to.deep.equal([
      [10240, 1],
      [4096, 1],
      [2048, 3],
    ]);
    expect(new Set(after.map((d) => d.vdisk_id)).size).to.equal(3);
    expect(await storage1Used(h)).to.equal(usedBefore + 6144);

    const state = h.state();
    const r = await h.api(DISK, "set", { guest_id: id, vdisks: [{ create_type: 0, vdisk_size: 1024 }] });
    expectCode(r, 404);
    expect(r.error?.errors?.reason).to.match(/3 of its 3 iSCSI LUNs/);
    expect(h.state()).to.equal(state);
  });

  it("refuses shrinking with 401 and a reason; nothing changes, not even the other items", async () => {
    const before = await vdisks(h, id);
    const state = h.state();
    const r = await h.api(DISK, "set", {
      guest_id: id,
      vdisks: [
        { create_type: 0, vdisk_size: 1024 },
        { vdisk_id: before[0].vdisk_id, vdisk_size: 5120 },
      ],
    });
    expectCode(r, 401);
    expect(r.error?.errors).to.include({ name: "vdisks" });
    expect(r.error?.errors?.reason).to.match(/shrinking to 5120 MB is refused/);
    expect(await vdisks(h, id)).to.deep.equal(before);
    expect(h.state()).to.equal(state);
  });

  it("refuses an unknown vdisk_id with 401 naming it; nothing changes", async () => {
    const before = await vdisks(h, id);
    const state = h.state();
    const r = await h.api(DISK, "set", {
      guest_id: id,
      vdisks: [{ vdisk_id: "no-such-disk", vdisk_size: 20480 }],
    });
    expectCode(r, 401);
    expect(r.error?.errors?.reason).to.match(/has no vdisk 'no-such-disk'/);
    expect(await vdisks(h, id)).to.deep.equal(before);
    expect(h.state()).to.equal(state);
  });

  it("refuses malformed items with 401, each for its own reason", async () => {
    const [disk] = await vdisks(h, id);
    for (const [item, why] of [
      [{ vdisk_id: disk.vdisk_id }, /needs vdisk_size/],
      [{ create_type: 1, image_name: "ubuntu-22.04-cloud", vdisk_size: 20480 }, /adds only new empty disks/],
      [{ vdisk_id: disk.vdisk_id, create_type: 0, vdisk_size: 20480 }, /not both/],
      [{ create_type: 0, vdisk_size: 0 }, /at least 1/],
    ] as const) {
      const r = await h.api(DISK, "set", { guest_id: id, vdisks: [item] });
      expectCode(r, 401);
      expect(r.error?.errors?.reason, JSON.stringify(item)).to.match(why);
    }
    expect(await vdisks(h, id)).to.deep.equal([disk]);
  });

  it("needs guest_id and vdisks (114), a known guest (401), an online storage (700)", async () => {
    const [disk] = await vdisks(h, id);
    const grow = [{ vdisk_id: disk.vdisk_id, vdisk_size: 20480 }];
    expectCode(await h.api(DISK, "set", { vdisks: grow }), 114);
    expectCode(await h.api(DISK, "set", { guest_id: id }), 114);
    expectCode(await h.api(DISK, "set", { guest_id: "nope", vdisks: grow }), 401);
    await h.sim.control.hostDown(1, "malfunction");
    const state = h.state();
    expectCode(await h.api(DISK, "set", { guest_id: id, vdisks: grow }), 700);
    expect(h.state()).to.equal(state);
  });

  it("the official Guest set no longer takes vdisks: 401 naming it, nothing changes", async () => {
    const [disk] = await vdisks(h, id);
    const state = h.state();
    const r = await h.api(GUEST, "set", {
      guest_id: id,
      vdisks: [{ vdisk_id: disk.vdisk_id, vdisk_size: 20480 }],
    });
    expectCode(r, 401);
    expect(r.error?.errors?.name).to.equal("vdisks");
    expect(h.state()).to.equal(state);
  });
});

describe("simulator: SYNO.SynoVmmSim.Guest.Disk while creating, and in dsm real", () => {
  it("refuses a guest still being created with 402", async () => {
    const h = await harness({ hosts: 1, cluster: { ...LAB, joined: 1 }, taskDurationMs: 60_000 });
    try {
      expectOk(
        await h.api(GUEST, "create", {
          guest_name: "slow",
          storage_name: "syno-1 - VM Storage 1",
          vdisks: [{ create_type: 0, vdisk_size: 1024 }],
          vnics: [],
        }),
      );
      const g = expectOk(await h.api(GUEST, "get", { guest_name: "slow" }));
      expect(g.status).to.equal("creating");
      const r = await h.api(DISK, "set", {
        guest_id: g.guest_id as string,
        vdisks: [{ create_type: 0, vdisk_size: 1 }],
      });
      expectCode(r, 402);
      expect(r.error?.errors?.reason).to.match(/still being created/);
    } finally {
      await h.sim.close();
    }
  });

  it("is not listed and answers 102, like every private API", async () => {
    const h = await harness({ hosts: 1, dsm: "real", taskDurationMs: 20 });
    try {
      const id = await makeGuest(h, "real-disk");
      const info = expectOk(await h.api("SYNO.API.Info", "query", { query: "all" }));
      expect(info).to.not.have.property(DISK);
      expectCode(
        await h.api(DISK, "set", { guest_id: id, vdisks: [{ create_type: 0, vdisk_size: 1 }] }),
        102,
      );
    } finally {
      await h.sim.close();
    }
  });
});
