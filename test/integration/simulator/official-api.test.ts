// Contract of the official VMM API (documented by Synology): success shapes and every error code.
import { expect } from "chai";
import {
  ACTION,
  GUEST,
  IMAGE,
  TASK,
  LAB,
  expectCode,
  expectOk,
  guestOf,
  harness,
  hostId,
  placementOf,
  makeGuest,
  sleep,
  waitTask,
  type Harness,
} from "./helpers";

const STORAGE1 = "syno-1 - VM Storage 1";

describe("simulator: official VMM API", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({
      hosts: 3,
      cluster: { ...LAB, joined: 3 },
      taskDurationMs: 100,
      boxes: [{}, { cpuThreads: 4, ramMb: 4096, lunLimit: 2 }, {}],
    });
  });
  afterEach(() => h.sim.close());

  describe("Task.Info", () => {
    it("list/get/clear: progress rises to 100, finish:true, then clear removes it (1000 after)", async () => {
      const t = expectOk(
        await h.api(GUEST, "create", {
          guest_name: "t1",
          storage_name: STORAGE1,
          vdisks: [{ create_type: 0, vdisk_size: 10240 }],
          vnics: [],
          auto_clean_task: false,
        }),
      ).task_id as string;
      expect(expectOk(await h.api(TASK, "list")).task_ids).to.include(t);
      const first = expectOk(await h.api(TASK, "get", { task_id: t }));
      expect(first.finish).to.equal(false);
      const info = first.task_info as Record<string, unknown>;
      expect(info).to.include({ auto_clean_task: false, status: "running" });
      expect(info.guest_id).to.be.a("string");
      await sleep(60);
      const mid = expectOk(await h.api(TASK, "get", { task_id: t })).task_info as { progress: number };
      expect(mid.progress).to.be.at.least((info as { progress: number }).progress);
      const done = await waitTask(h, t);
      expect(done).to.include({ progress: 100, status: "finish" });
      expectOk(await h.api(TASK, "get", { task_id: t }));
      expectOk(await h.api(TASK, "clear", { task_id: t }));
      expectCode(await h.api(TASK, "get", { task_id: t }), 1000);
      expectCode(await h.api(TASK, "clear", { task_id: t }), 1000);
      expectCode(await h.api(TASK, "get", {}), 114);
    });

    it("auto_clean_task=true: the task vanishes after its first finish:true read", async () => {
      const t = expectOk(
        await h.api(IMAGE, "create", {
          image_name: "img",
          type: "iso",
          ds_file_path: "/share/iso/a.iso",
          storage_names: [STORAGE1],
        }),
      ).task_id as string;
      const info = await waitTask(h, t);
      expect(info).to.include({ auto_clean_task: true, progress: 100 });
      expect(info.image_id).to.be.a("string");
      expectCode(await h.api(TASK, "get", { task_id: t }), 1000);
    });
  });

  describe("Network, Storage, Host list", () => {
    it("return the documented fields, sizes in MB and threads", async () => {
      const nets = expectOk(await h.api("SYNO.Virtualization.API.Network", "list")).networks as Record<
        string,
        unknown
      >[];
      expect(nets).to.deep.equal([{ network_id: nets[0].network_id, network_name: "Default VM Network" }]);
      const storages = expectOk(await h.api("SYNO.Virtualization.API.Storage", "list")).storages as Record<
        string,
        unknown
      >[];
      expect(storages).to.have.length(3);
      expect(storages[0]).to.have.all.keys(
        "storage_id",
        "storage_name",
        "host_id",
        "host_name",
        "volume_path",
        "size",
        "used",
        "status",
      );
      expect(storages[0]).to.include({
        storage_name: STORAGE1,
        volume_path: "/volume1",
        size: 1048576,
        status: "online",
      });
      const hosts = expectOk(await h.api("SYNO.Virtualization.API.Host", "list")).hosts as Record<
        string,
        unknown
      >[];
      expect(hosts[1]).to.deep.equal({
        host_id: hostId(h, 2),
        host_name: "syno-2",
        status: "running",
        total_cpu_core: 4,
        free_cpu_core: 4,
        total_ram_size: 4096,
        free_ram_size: 4096,
      });
    });

    it("a down host shows inaccessible/control_unavail and its storage unavailable without size", async () => {
      await h.sim.control.hostDown(2, "malfunction");
      await h.sim.control.hostDown(3, "unreachable");
      const hosts = expectOk(await h.api("SYNO.Virtualization.API.Host", "list")).hosts as {
        status: string;
      }[];
      expect(hosts.map((x) => x.status)).to.deep.equal(["running", "control_unavail", "inaccessible"]);
      const st = (
        expectOk(await h.api("SYNO.Virtualization.API.Storage", "list")).storages as Record<string, unknown>[]
      )[2];
      expect(st.status).to.equal("unavailable");
      expect(st).to.not.have.property("size");
    });
  });

  describe("Guest", () => {
    it("create → creating then shutdown as 1 vCPU / 1024 MB / autorun 0 / no description; list/get with and without additional; set changes them; delete", async () => {
      const r = expectOk(
        await h.api(GUEST, "create", {
          guest_name: "web",
          storage_name: STORAGE1,
          vdisks: [{ create_type: 1, image_name: "ubuntu-22.04-cloud" }],
          vnics: [{ network_name: "Default VM Network", mac: "00:11:32:00:00:01" }],
          auto_clean_task: false,
        }),
      );
      const before = expectOk(await h.api(GUEST, "get", { guest_name: "web" }));
      expect(before.status).to.equal("creating");
      const id = (await waitTask(h, r.task_id as string)).guest_id as string;
      const g = expectOk(await h.api(GUEST, "get", { guest_id: id, additional: true }));
      expect(g).to.include({
        guest_id: id,
        guest_name: "web",
        status: "shutdown",
        storage_name: STORAGE1,
        // What a real NAS shows for a guest created without CPU/RAM (TFS #203); autorun and description [ours].
        vcpu_num: 1,
        vram_size: 1024,
        autorun: 0,
        description: "",
      });
      // Real official guest objects carry no host fields (evidence §4); placement is elsewhere.
      expect(g).to.not.have.any.keys("host_id", "host_name");
      expect((await placementOf(h, id)).host_id).to.equal(null);
      expect((g.vnics as Record<string, unknown>[])[0]).to.include({
        mac: "00:11:32:00:00:01",
        model: 1,
        network_name: "Default VM Network",
      });
      // The clone has the image's size (a disk image is 4096 MB here [ours]); VirtIO without unmap,
      // since no documented create parameter chooses otherwise.
      expect((g.vdisks as Record<string, unknown>[])[0]).to.include({
        controller: 1,
        unmap: false,
        vdisk_size: 4096,
      });
      const plain = (expectOk(await h.api(GUEST, "list")).guests as Record<string, unknown>[])[0];
      expect(plain).to.not.have.property("vdisks");
      expectOk(
        await h.api(GUEST, "set", {
          guest_id: id,
          new_guest_name: "web2",
          description: "d",
          autorun: 2,
          vcpu_num: 4,
          vram_size: 4096,
        }),
      );
      expect(expectOk(await h.api(GUEST, "get", { guest_name: "web2" }))).to.include({
        description: "d",
        autorun: 2,
        vcpu_num: 4,
        vram_size: 4096,
      });
      expectOk(await h.api(GUEST, "delete", { guest_name: "web2" }));
      expectCode(await h.api(GUEST, "get", { guest_id: id }), 401);
    });

    it("create refuses: 114 missing, 401 bad values, 403 name taken, 700 storage, 906 image, 905 MAC, 404 LUNs — nothing created", async () => {
      await makeGuest(h, "taken", {
        vnics: [{ network_name: "Default VM Network", mac: "00:11:32:aa:bb:cc" }],
      });
      const state = h.state();
      const base = {
        guest_name: "n",
        storage_name: STORAGE1,
        vdisks: [{ create_type: 0, vdisk_size: 10240 }],
        vnics: [],
      };
      expectCode(await h.api(GUEST, "create", { ...base, guest_name: undefined }), 114);
      expectCode(await h.api(GUEST, "create", { ...base, vdisks: undefined }), 114);
      expectCode(await h.api(GUEST, "create", { ...base, storage_name: undefined }), 114);
      expectCode(await h.api(GUEST, "create", { ...base, vdisks: [{ create_type: 2, vdisk_size: 1 }] }), 401);
      expectCode(await h.api(GUEST, "create", { ...base, vdisks: [{ create_type: 0 }] }), 401);
      expectCode(await h.api(GUEST, "create", { ...base, vnics: [{ network_name: "nope" }] }), 401);
      expectCode(
        await h.api(GUEST, "create", {
          ...base,
          vdisks: [{ create_type: 1, image_name: "ubuntu-22.04-live" }],
        }),
        401,
      );
      expectCode(await h.api(GUEST, "create", { ...base, guest_name: "taken" }), 403);
      expectCode(await h.api(GUEST, "create", { ...base, storage_name: "nope" }), 700);
      expectCode(
        await h.api(GUEST, "create", { ...base, vdisks: [{ create_type: 1, image_name: "nope" }] }),
        906,
      );
      expectCode(
        await h.api(GUEST, "create", {
          ...base,
          vnics: [{ network_name: "Default VM Network", mac: "00:11:32:AA:BB:CC" }],
        }),
        905,
      );
      expectCode(
        await h.api(GUEST, "create", {
          ...base,
          storage_name: "syno-2 - VM Storage 1",
          vdisks: [
            { create_type: 0, vdisk_size: 1 },
            { create_type: 0, vdisk_size: 1 },
            { create_type: 0, vdisk_size: 1 },
          ],
        }),
        404,
      );
      await h.sim.control.hostDown(3, "malfunction");
      const down = h.state();
      expectCode(await h.api(GUEST, "create", { ...base, storage_name: "syno-3 - VM Storage 1" }), 700);
      expect(h.state()).to.equal(down);
      await h.sim.control.hostUp(3);
      expect(h.state()).to.equal(state);
    });

    it("set refuses 402 while creating, 904 CPU/RAM change while running, 403 name taken, 401 unknown", async () => {
      const t = expectOk(
        await h.api(GUEST, "create", {
          guest_name: "slow",
          storage_name: STORAGE1,
          vdisks: [{ create_type: 0, vdisk_size: 1024 }],
          vnics: [],
          auto_clean_task: false,
        }),
      );
      expectCode(await h.api(GUEST, "set", { guest_name: "slow", description: "x" }), 402);
      expectCode(await h.api(GUEST, "delete", { guest_name: "slow" }), 402);
      await waitTask(h, t.task_id as string);
      const id = await makeGuest(h, "run");
      expectOk(await h.api(ACTION, "poweron", { guest_id: id }));
      const state = h.state();
      expectCode(await h.api(GUEST, "set", { guest_id: id, vcpu_num: 2 }), 904);
      expectCode(await h.api(GUEST, "set", { guest_id: id, new_guest_name: "slow" }), 403);
      expectCode(await h.api(GUEST, "set", { guest_id: "nope", description: "x" }), 401);
      expectCode(await h.api(GUEST, "delete", { guest_id: id }), 904);
      expect(h.state()).to.equal(state);
      expectOk(await h.api(GUEST, "set", { guest_id: id, description: "fine while running" }));
    });
  });

  describe("Guest.Action", () => {
    it("poweron (R11 picks a host), 904 when running, poweroff, 907 when stopped, shutdown", async () => {
      const id = await makeGuest(h, "p");
      expectOk(await h.api(ACTION, "poweron", { guest_id: id }));
      const g = expectOk(await h.api(GUEST, "get", { guest_id: id }));
      expect(g.status).to.equal("running");
      expect((await placementOf(h, id)).host_id).to.be.a("string");
      expectCode(await h.api(ACTION, "poweron", { guest_id: id }), 904);
      expectOk(await h.api(ACTION, "shutdown", { guest_name: "p" }));
      expectCode(await h.api(ACTION, "shutdown", { guest_id: id }), 907);
      expectCode(await h.api(ACTION, "poweroff", { guest_id: id }), 907);
      expectOk(await h.api(ACTION, "poweron", { guest_id: id }));
      expectOk(await h.api(ACTION, "poweroff", { guest_id: id }));
      expect(guestOf(h, id).powerHistory.map((e) => e.reason)).to.deep.equal([
        "create",
        "create",
        "poweron",
        "shutdown",
        "poweron",
        "poweroff",
      ]);
    });

    it("capacity and placement codes 601, 900, 902, 903, 908, 909, 910, 911 — state unchanged on refusal", async () => {
      const small = hostId(h, 2); // 4 threads, 4096 MB
      // CPU and RAM through the documented create-then-set; reserved threads, a SATA disk and UEFI
      // only as a person sets them in VMM (a direct guest): the official API cannot (ADR 019).
      const big = await makeGuest(h, "big");
      expectOk(await h.api(GUEST, "set", { guest_id: big, vcpu_num: 6 }));
      const fat = await makeGuest(h, "fat");
      expectOk(await h.api(GUEST, "set", { guest_id: fat, vram_size: 8192 }));
      const resv = h.sim.control.createGuest({
        name: "resv",
        storage: STORAGE1,
        vcpuNum: 4,
        cpuReservedThreads: 4,
      });
      const sata = h.sim.control.createGuest({
        name: "sata",
        storage: STORAGE1,
        vdiskSizesMb: [1024],
        vdiskController: 3,
      });
      const uefi = h.sim.control.createGuest({ name: "uefi", storage: STORAGE1, bootFirmware: "uefi" });
      h.sim.control.createNetwork({ name: "only-1", hosts: [1] });
      const netted = await makeGuest(h, "netted", { vnics: [{ network_name: "only-1" }] });
      const state = h.state();
      expectCode(await h.api(ACTION, "poweron", { guest_id: big, host_id: small }), 902);
      expectCode(await h.api(ACTION, "poweron", { guest_id: fat, host_id: small }), 903);
      expectCode(await h.api(ACTION, "poweron", { guest_id: resv, host_id: small }), 908);
      expectCode(await h.api(ACTION, "poweron", { guest_id: netted, host_id: small }), 909);
      expectCode(await h.api(ACTION, "poweron", { guest_id: sata, host_name: "syno-3" }), 910);
      expectCode(await h.api(ACTION, "poweron", { guest_id: uefi, host_name: "syno-3" }), 911);
      expectCode(await h.api(ACTION, "poweron", { guest_id: "nope" }), 401);
      expect(h.state()).to.equal(state);
      await h.sim.control.hostDown(3, "malfunction");
      const down = h.state();
      expectCode(await h.api(ACTION, "poweron", { guest_id: big, host_name: "syno-3" }), 601);
      expect(h.state()).to.equal(down);
      const huge = h.sim.control.createGuest({ name: "huge", vcpuNum: 16 });
      const withHuge = h.state();
      expectCode(await h.api(ACTION, "poweron", { guest_id: huge }), 900);
      expect(h.state()).to.equal(withHuge);
      expect(down).to.not.equal(state);
      // Same calls on the storage's own host work.
      expectOk(await h.api(ACTION, "poweron", { guest_id: sata, host_name: "syno-1" }));
      expectOk(await h.api(ACTION, "poweron", { guest_id: uefi }));
      expect(guestOf(h, uefi).hostId).to.equal(hostId(h, 1));
    });
  });

  describe("Guest.Image", () => {
    it("list/create/delete with 114, 401, 403, 700; 1400 when some storages are down", async () => {
      const imgs = expectOk(await h.api(IMAGE, "list")).images as Record<string, unknown>[];
      expect(imgs.map((i) => i.image_name)).to.deep.equal(["ubuntu-22.04-cloud", "ubuntu-22.04-live"]);
      expect(imgs[0]).to.deep.include({ type: "disk" });
      expect((imgs[0].storages as Record<string, unknown>[])[0]).to.include({
        storage_name: STORAGE1,
        status: "online",
      });
      const base = {
        image_name: "new",
        type: "disk",
        ds_file_path: "/share/img/new.img",
        storage_names: [STORAGE1],
        auto_clean_task: false,
      };
      const state = h.state();
      expectCode(await h.api(IMAGE, "create", { ...base, ds_file_path: undefined }), 114);
      expectCode(await h.api(IMAGE, "create", { ...base, type: "floppy" }), 401);
      expectCode(await h.api(IMAGE, "create", { ...base, ds_file_path: "relative.img" }), 401);
      expectCode(await h.api(IMAGE, "create", { ...base, image_name: "ubuntu-22.04-live" }), 403);
      expectCode(await h.api(IMAGE, "create", { ...base, storage_names: ["nope"] }), 700);
      expect(h.state()).to.equal(state);
      const t = expectOk(await h.api(IMAGE, "create", base)).task_id as string;
      const listed = (
        expectOk(await h.api(IMAGE, "list")).images as {
          image_name: string;
          storages: { status: string }[];
        }[]
      ).find((i) => i.image_name === "new");
      expect(listed?.storages[0].status).to.equal("unavailable");
      await waitTask(h, t);
      await h.sim.control.hostDown(3, "malfunction");
      expectCode(
        await h.api(IMAGE, "create", {
          ...base,
          image_name: "part",
          storage_names: [STORAGE1, "syno-3 - VM Storage 1"],
        }),
        1400,
      );
      expectCode(
        await h.api(IMAGE, "create", {
          ...base,
          image_name: "none",
          storage_names: ["syno-3 - VM Storage 1"],
        }),
        700,
      );
      const part = h.sim.control.snapshot().images.find((i) => i.name === "part");
      expect(part?.storageIds).to.have.length(1);
      expectOk(await h.api(IMAGE, "delete", { image_name: "new" }));
      expectCode(await h.api(IMAGE, "delete", { image_name: "new" }), 401);
    });
  });
});

describe("simulator: cluster-level codes on the official API", () => {
  it("600 before a cluster exists; 501 with mixed VMM versions; 1001 without Pro", async () => {
    const none = await harness({ hosts: 1 });
    try {
      expectCode(
        await none.api(GUEST, "create", { guest_name: "x", storage_name: "s", vdisks: [], vnics: [] }),
        600,
      );
      expect(expectOk(await none.api(GUEST, "list")).guests).to.deep.equal([]);
    } finally {
      await none.sim.close();
    }
    const mixed = await harness({
      hosts: 3,
      cluster: { ...LAB, joined: 3 },
      boxes: [{}, {}, { vmmVersion: "2.6.1" }],
    });
    try {
      const state = mixed.state();
      expectCode(
        await mixed.api(GUEST, "create", {
          guest_name: "x",
          storage_name: STORAGE1,
          vdisks: [{ create_type: 0, vdisk_size: 1 }],
          vnics: [],
        }),
        501,
      );
      expect(mixed.state()).to.equal(state);
    } finally {
      await mixed.sim.close();
    }
    const basic = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 }, pro: false });
    try {
      const id = await makeGuest(basic, "g");
      expectOk(await basic.api(ACTION, "poweron", { guest_id: id, host_name: "syno-1" }));
      const state = basic.state();
      expectCode(
        await basic.api("SYNO.SynoVmmSim.HA", "enable", {
          guest_id: id,
          active_host_id: hostId(basic, 1),
          passive_host_id: hostId(basic, 2),
        }),
        1001,
      );
      expectCode(
        await basic.api("SYNO.SynoVmmSim.Guest.Move", "move", {
          guest_id: id,
          dest_host_id: hostId(basic, 2),
        }),
        1001,
      );
      expect(basic.state()).to.equal(state);
    } finally {
      await basic.sim.close();
    }
  });

  it("1600: an HA guest edited beyond what its HA hosts can reserve — edit applied, pair degraded", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 }, boxes: [{}, {}, { cpuThreads: 2 }] });
    try {
      const id = await makeGuest(h, "ha");
      expectOk(
        await h.api("SYNO.SynoVmmSim.HA", "enable", {
          guest_id: id,
          active_host_id: hostId(h, 1),
          passive_host_id: hostId(h, 3),
        }),
      );
      expectCode(await h.api(GUEST, "set", { guest_id: id, vcpu_num: 4 }), 1600);
      const s = h.sim.control.snapshot();
      expect(s.guests[0].vcpuNum).to.equal(4);
      expect(s.haPairs[0].status).to.equal("degraded");
    } finally {
      await h.sim.close();
    }
  });
});
