// Contract of the internal cluster APIs (our design, simulator/API.md §4): shapes and error codes.
import { expect } from "chai";
import {
  ACTION,
  CLUSTER,
  HA,
  HOST,
  MOVE,
  LAB,
  expectCode,
  expectOk,
  guestOf,
  harness,
  hostId,
  placementOf,
  makeGuest,
  waitTask,
  type Harness,
} from "./helpers";

const NET = { subnet: LAB.subnet, reserved_from: LAB.reservedFrom, reserved_to: LAB.reservedTo };

describe("simulator: SYNO.SynoVmmSim.Cluster and .Host (bootstrap from nothing)", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({
      hosts: 4,
      boxes: [
        {},
        {},
        {},
        {
          name: "extra",
          volumes: [
            { path: "/volume1", filesystem: "ext4", sizeMb: 1000 },
            { path: "/volume2", filesystem: "btrfs", sizeMb: 5000 },
          ],
        },
      ],
    });
  });
  afterEach(() => h.sim.close());

  it("get before create says not_created; create; get; set; 402 on a second create", async () => {
    expect(expectOk(await h.api(CLUSTER, "get"))).to.include({
      cluster_status: "not_created",
      cluster_id: null,
      host_count: 0,
      quorum: true,
    });
    expectCode(await h.api(CLUSTER, "create", { cluster_name: "lab" }), 114);
    expectCode(
      await h.api(CLUSTER, "create", {
        cluster_name: "lab",
        cluster_network: { subnet: "10.10.0.0", reserved_from: "a", reserved_to: "b" },
      }),
      401,
      "R7",
    );
    expectCode(
      await h.api(CLUSTER, "create", {
        cluster_name: "lab",
        cluster_network: { ...NET, reserved_to: "10.20.0.1" },
      }),
      401,
      "R8",
    );
    const id = expectOk(
      await h.api(CLUSTER, "create", { cluster_name: "lab", cluster_network: NET, domain: "corp.example" }),
    ).cluster_id;
    expect(expectOk(await h.api(CLUSTER, "get"))).to.deep.equal({
      cluster_id: id,
      cluster_name: "lab",
      cluster_status: "healthy",
      cluster_network: NET,
      domain: "corp.example",
      host_count: 0,
      online_host_count: 0,
      quorum: true,
    });
    expectCode(await h.api(CLUSTER, "create", { cluster_name: "again", cluster_network: NET }), 402);
    expectOk(
      await h.api(CLUSTER, "set", {
        cluster_name: "lab2",
        cluster_network: { ...NET, reserved_to: "10.10.0.60" },
      }),
    );
    expect(expectOk(await h.api(CLUSTER, "get"))).to.include({ cluster_name: "lab2" });
    expectOk(await h.api(CLUSTER, "delete"));
    expectCode(await h.api(CLUSTER, "delete"), 600);
    expectCode(await h.api(CLUSTER, "set", { cluster_name: "x" }), 600);
  });

  it("Host list shows every box (joined:false before join); join/get/set/leave; errors 114, 401, 403, 600, 601", async () => {
    const boxes = expectOk(await h.api(HOST, "list")).hosts as Record<string, unknown>[];
    expect(boxes).to.have.length(4);
    expect(boxes[1]).to.include({
      host_name: "syno-2",
      box_address: h.sim.endpoints[1],
      joined: false,
      cluster_ip: null,
      status: "online",
      cpu_threads: 8,
      ram_mb: 16384,
      sha: false,
    });
    expect((boxes[1].volumes as unknown[])[0]).to.deep.equal({
      path: "/volume1",
      filesystem: "btrfs",
      size_mb: 1048576,
      free_mb: 1048576,
      in_cluster: false,
    });
    expectCode(await h.api(HOST, "join", { box_address: h.sim.endpoints[0], cluster_ip: "10.10.0.10" }), 600);
    expectOk(await h.api(CLUSTER, "create", { cluster_name: "lab", cluster_network: NET }));
    expectCode(await h.api(HOST, "join", { cluster_ip: "10.10.0.10" }), 114);
    expectCode(await h.api(HOST, "join", { box_address: "127.9.9.9", cluster_ip: "10.10.0.10" }), 401);
    const id = expectOk(
      await h.api(HOST, "join", {
        box_address: h.sim.endpoints[0],
        host_name: "alpha",
        cluster_ip: "10.10.0.10",
      }),
    ).host_id as string;
    expect(id).to.equal(hostId(h, 1));
    const got = expectOk(await h.api(HOST, "get", { host_name: "alpha" }));
    expect(got).to.include({ host_id: id, joined: true, cluster_ip: "10.10.0.10" });
    expectCode(await h.api(HOST, "join", { box_address: h.sim.endpoints[0], cluster_ip: "10.10.0.12" }), 403);
    expectCode(
      await h.api(HOST, "join", {
        box_address: h.sim.endpoints[1],
        host_name: "alpha",
        cluster_ip: "10.10.0.11",
      }),
      403,
    );
    expectCode(await h.api(HOST, "join", { box_address: h.sim.endpoints[1], cluster_ip: "10.10.0.10" }), 403);
    expectCode(
      await h.api(HOST, "join", {
        box_address: h.sim.endpoints[1],
        cluster_ip: "10.10.0.11",
        volumes: ["/volume9"],
      }),
      401,
    );
    await h.sim.control.hostDown(2, "malfunction");
    expectCode(await h.api(HOST, "join", { box_address: h.sim.endpoints[1], cluster_ip: "10.10.0.11" }), 601);
    await h.sim.control.hostUp(2);
    // With one host joined, its IP and name may still change (R8 applies from two hosts on).
    expectOk(await h.api(HOST, "set", { host_id: id, host_name: "alpha1", cluster_ip: "10.10.0.20" }));
    expect(expectOk(await h.api(HOST, "get", { host_id: id }))).to.include({
      host_name: "alpha1",
      cluster_ip: "10.10.0.20",
    });
    expectCode(await h.api(HOST, "get", { host_id: "nope" }), 401);
    expectCode(await h.api(HOST, "get", {}), 114);
    const joined4: Record<string, unknown> = expectOk(
      await h.api(HOST, "join", {
        box_address: "127.0.10.4",
        cluster_ip: "10.10.0.14",
        volumes: ["/volume1", "/volume2"],
      }),
    );
    expect(joined4.host_id).to.equal(hostId(h, 4));
    expectOk(await h.api(HOST, "leave", { host_id: String(joined4.host_id) }));
    expectCode(await h.api(HOST, "leave", { host_id: String(joined4.host_id) }), 401);
    expect(expectOk(await h.api("SYNO.Virtualization.API.Host", "list")).hosts).to.have.length(1);
  });

  it("leave is refused (402) while a guest is placed on the host or an HA pair names it; delete cluster 402 with hosts", async () => {
    expectOk(await h.api(CLUSTER, "create", { cluster_name: "lab", cluster_network: NET }));
    for (let k = 1; k <= 3; k++)
      expectOk(
        await h.api(HOST, "join", { box_address: h.sim.endpoints[k - 1], cluster_ip: `10.10.0.${10 + k}` }),
      );
    const g = h.sim.control.createGuest({
      name: "g",
      storage: "syno-1 - VM Storage 1",
      host: 2,
      running: true,
    });
    const state = h.state();
    expectCode(await h.api(HOST, "leave", { host_id: hostId(h, 2) }), 402);
    expectCode(await h.api(HOST, "leave", { host_id: hostId(h, 1) }), 402);
    expectCode(await h.api(CLUSTER, "delete"), 402);
    expect(h.state()).to.equal(state);
    expectOk(await h.api(ACTION, "poweroff", { guest_id: g }));
    h.sim.control.enableHa({ guest: g, active: 2, passive: 3 });
    expectCode(await h.api(HOST, "leave", { host_id: hostId(h, 3) }), 402);
  });
});

describe("simulator: SYNO.SynoVmmSim.HA and Guest.Move move", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ hosts: 4, cluster: { ...LAB, joined: 3 }, taskDurationMs: 150 });
  });
  afterEach(() => h.sim.close());

  it("enable/list/set/switchover/disable with their shapes and errors", async () => {
    const id = await makeGuest(h, "db");
    const [h1, h2, h3, h4] = [1, 2, 3, 4].map((k) => hostId(h, k));
    expect(expectOk(await h.api(HA, "list")).ha_pairs).to.deep.equal([]);
    expectCode(await h.api(HA, "enable", { guest_id: id, active_host_id: h1 }), 114);
    expectCode(await h.api(HA, "enable", { guest_id: "nope", active_host_id: h1, passive_host_id: h2 }), 401);
    expectCode(
      await h.api(HA, "enable", { guest_id: id, active_host_id: h1, passive_host_id: h4 }),
      401,
      "R6",
    );
    expectOk(await h.api(HA, "enable", { guest_id: id, active_host_id: h1, passive_host_id: h2 }));
    expect(expectOk(await h.api(HA, "list")).ha_pairs).to.deep.equal([
      {
        guest_id: id,
        guest_name: "db",
        active_host_id: h1,
        passive_host_id: h2,
        status: "protected",
        roles_by: "request",
      },
    ]);
    expect(guestOf(h, id).hostId).to.equal(h1);
    expectCode(await h.api(HA, "enable", { guest_id: id, active_host_id: h1, passive_host_id: h2 }), 403);
    expectOk(await h.api(ACTION, "poweron", { guest_id: id }));
    expectOk(await h.api(HA, "set", { guest_id: id, active_host_id: h3, passive_host_id: h1 }));
    expect(guestOf(h, id)).to.include({ hostId: h3, status: "running" });
    expectOk(await h.api(HA, "switchover", { guest_id: id }));
    const pair = (expectOk(await h.api(HA, "list")).ha_pairs as Record<string, unknown>[])[0];
    expect(pair).to.include({ active_host_id: h1, passive_host_id: h3, status: "protected" });
    expect(
      guestOf(h, id)
        .powerHistory.filter((e) => e.status !== "running")
        .map((e) => e.status),
    ).to.deep.equal(["creating", "shutdown"]);
    await h.sim.control.hostDown(3, "malfunction");
    expectCode(await h.api(HA, "switchover", { guest_id: id }), 601);
    await h.sim.control.hostUp(3);
    expectOk(await h.api(HA, "disable", { guest_id: id }));
    expectCode(await h.api(HA, "disable", { guest_id: id }), 401);
    expectCode(await h.api(HA, "switchover", { guest_id: id }), 401);
    expectCode(await h.api(HA, "set", { guest_id: id, active_host_id: h1, passive_host_id: h2 }), 401);
  });

  it("enable of a running guest checks the passive host can reserve it (902/903)", async () => {
    const id = h.sim.control.createGuest({ name: "wide", vcpuNum: 6, host: 1, running: true });
    h.sim.control.createGuest({ name: "filler", vcpuNum: 4, host: 2, running: true });
    const state = h.state();
    expectCode(
      await h.api(HA, "enable", {
        guest_id: id,
        active_host_id: hostId(h, 1),
        passive_host_id: hostId(h, 2),
      }),
      902,
    );
    expect(h.state()).to.equal(state);
  });

  it("move: live migration keeps a running guest running through the task (R13); stopped guest re-placed", async () => {
    const id = h.sim.control.createGuest({ name: "mig", host: 1, running: true });
    const t = expectOk(
      await h.api(MOVE, "move", { guest_id: id, dest_host_id: hostId(h, 2), auto_clean_task: false }),
    ).task_id as string;
    expect(t).to.match(/virtualization_api_guest_move[0-9A-F]{16}$/);
    const during = expectOk(await h.api("SYNO.Virtualization.API.Guest", "get", { guest_id: id }));
    expect(during).to.include({ status: "running" });
    expect(during).to.not.have.property("host_id");
    expect((await placementOf(h, id)).host_id).to.equal(hostId(h, 1));
    expectCode(await h.api(MOVE, "move", { guest_id: id, dest_host_id: hostId(h, 3) }), 402);
    const info = await waitTask(h, t);
    expect(info).to.include({ guest_id: id, dest_host_id: hostId(h, 2), status: "finish" });
    const g = guestOf(h, id);
    expect(g).to.include({ status: "running", hostId: hostId(h, 2) });
    expect(g.powerHistory.every((e) => e.status === "running" || e.reason === "direct")).to.equal(true);
    expectOk(await h.api(ACTION, "poweroff", { guest_id: id }));
    await waitTask(
      h,
      expectOk(
        await h.api(MOVE, "move", { guest_id: id, dest_host_id: hostId(h, 3), auto_clean_task: false }),
      ).task_id as string,
    );
    expect(guestOf(h, id)).to.include({ status: "shutdown", hostId: hostId(h, 3) });
  });

  it("move errors: 114, 401 unknown/same host, 402 HA guest, 601 dest down, 901 never placed, 902 capacity", async () => {
    const never = await makeGuest(h, "never");
    const run = h.sim.control.createGuest({ name: "run", vcpuNum: 6, host: 1, running: true });
    h.sim.control.createGuest({ name: "fill", vcpuNum: 4, host: 2, running: true });
    const ha = h.sim.control.createGuest({ name: "ha", host: 1 });
    h.sim.control.enableHa({ guest: ha, active: 1, passive: 3 });
    await h.sim.control.hostDown(3, "malfunction");
    const state = h.state();
    expectCode(await h.api(MOVE, "move", { guest_id: run }), 114);
    expectCode(await h.api(MOVE, "move", { guest_id: "nope", dest_host_id: hostId(h, 2) }), 401);
    expectCode(await h.api(MOVE, "move", { guest_id: run, dest_host_id: hostId(h, 4) }), 401);
    expectCode(await h.api(MOVE, "move", { guest_id: run, dest_host_id: hostId(h, 1) }), 401);
    expectCode(await h.api(MOVE, "move", { guest_id: ha, dest_host_id: hostId(h, 2) }), 402, "R6");
    expectCode(await h.api(MOVE, "move", { guest_id: run, dest_host_id: hostId(h, 3) }), 601);
    expectCode(await h.api(MOVE, "move", { guest_id: never, dest_host_id: hostId(h, 2) }), 901, "R11");
    expectCode(await h.api(MOVE, "move", { guest_id: run, dest_host_id: hostId(h, 2) }), 902);
    expect(h.state()).to.equal(state);
  });
});
