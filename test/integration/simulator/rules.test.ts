// Behaviour tests: the simulator enforces R1, R2, R4–R6, R8, R9, R11, R13 by itself, and every
// refusal leaves the world exactly as it was (snapshot before === snapshot after).
import { expect } from "chai";
import {
  ACTION,
  CLUSTER,
  GUEST,
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
  raw,
  sleep,
  waitTask,
  type Harness,
} from "./helpers";

const NET = { subnet: LAB.subnet, reserved_from: LAB.reservedFrom, reserved_to: LAB.reservedTo };

/** Asks the simulator's private HA API to pair guest `id` with these two host ids. */
const enableHa = (h: Harness, id: string, active: string, passive: string) =>
  h.api(HA, "enable", { guest_id: id, active_host_id: active, passive_host_id: passive });

describe("simulator rules", () => {
  it("R1: an 8th host is refused (402, rule R1) and nothing changes", async () => {
    const h = await harness({ hosts: 8, cluster: { ...LAB, joined: 7 } });
    try {
      const state = h.state();
      expectCode(
        await h.api(HOST, "join", { box_address: h.sim.endpoints[7], cluster_ip: "10.10.0.30" }),
        402,
        "R1",
      );
      expect(h.state()).to.equal(state);
      expect(() => h.sim.control.joinHost({ box: 8 })).to.throw(/R1/);
    } finally {
      await h.sim.close();
    }
  });

  it("R2: with more than half of the hosts down every mutating call answers 500, reads still work, nothing changes", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 } });
    try {
      const id = await makeGuest(h, "g");
      await h.sim.control.hostDown(2, "unreachable");
      expectOk(await h.api(ACTION, "poweron", { guest_id: id })); // 2 of 3 online: quorum holds
      expectOk(await h.api(ACTION, "poweroff", { guest_id: id }));
      await h.sim.control.hostDown(3, "malfunction");
      expect(expectOk(await h.api(CLUSTER, "get"))).to.include({
        cluster_status: "no_quorum",
        quorum: false,
        online_host_count: 1,
      });
      const state = h.state();
      const calls: [string, string, Record<string, unknown>][] = [
        [
          GUEST,
          "create",
          {
            guest_name: "n",
            storage_name: "syno-1 - VM Storage 1",
            vdisks: [{ create_type: 0, vdisk_size: 1 }],
            vnics: [],
          },
        ],
        [GUEST, "set", { guest_id: id, description: "x" }],
        [GUEST, "delete", { guest_id: id }],
        [ACTION, "poweron", { guest_id: id }],
        [
          "SYNO.Virtualization.API.Guest.Image",
          "create",
          {
            image_name: "i",
            type: "iso",
            ds_file_path: "/s/i.iso",
            storage_names: ["syno-1 - VM Storage 1"],
          },
        ],
        ["SYNO.Virtualization.API.Guest.Image", "delete", { image_name: "ubuntu-22.04-live" }],
        [CLUSTER, "set", { cluster_name: "x" }],
        [HOST, "set", { host_id: hostId(h, 1), host_name: "x" }],
        [HOST, "leave", { host_id: hostId(h, 1) }],
        [HA, "enable", { guest_id: id, active_host_id: hostId(h, 1), passive_host_id: hostId(h, 2) }],
        [MOVE, "move", { guest_id: id, dest_host_id: hostId(h, 3) }],
      ];
      for (const [api, method, params] of calls) {
        const r = await h.api(api, method, params as never);
        expectCode(r, 500, "R2");
        expect(r.error?.errors?.reason).to.match(/2 of 3 hosts are down/);
      }
      expectOk(await h.api(GUEST, "list"));
      expect(() => h.sim.control.createGuest({ name: "direct" })).to.throw(/R2/);
      expect(h.state()).to.equal(state);
      await h.sim.control.hostUp(2);
      expectOk(await h.api(ACTION, "poweron", { guest_id: id }));
    } finally {
      await h.sim.close();
    }
  });

  it("R4/R5: HA on a cluster of fewer than 3 hosts is refused (402, R5), nothing changes", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 2 } });
    try {
      const id = await makeGuest(h, "g");
      const state = h.state();
      expectCode(await enableHa(h, id, hostId(h, 1), hostId(h, 2)), 402, "R5");
      expect(h.state()).to.equal(state);
    } finally {
      await h.sim.close();
    }
  });

  it("R6: active = passive, or a host outside the cluster, is refused (401, R6), nothing changes", async () => {
    const h = await harness({ hosts: 4, cluster: { ...LAB, joined: 3 } });
    try {
      const id = await makeGuest(h, "g");
      const state = h.state();
      expectCode(await enableHa(h, id, hostId(h, 1), hostId(h, 1)), 401, "R6");
      expectCode(await enableHa(h, id, hostId(h, 4), hostId(h, 1)), 401, "R6");
      expectCode(await enableHa(h, id, hostId(h, 1), "not-a-host"), 401, "R6");
      expect(h.state()).to.equal(state);
    } finally {
      await h.sim.close();
    }
  });

  it("R6 switchover: active host malfunctions → guest on the passive host, never seen stopped", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 } });
    try {
      const id = h.sim.control.createGuest({ name: "ha", host: 1, running: true });
      h.sim.control.enableHa({ guest: id, active: 1, passive: 2 });
      await h.sim.control.hostDown(1, "malfunction");
      const g = guestOf(h, id);
      expect(g).to.include({ status: "running", hostId: hostId(h, 2) });
      expect(g.powerHistory.map((e) => e.status)).to.deep.equal(["shutdown", "running", "running"]);
      expect(g.powerHistory[2].reason).to.equal("switchover");
      const pair = h.sim.control.snapshot().haPairs[0];
      expect(pair).to.include({
        activeHostId: hostId(h, 2),
        passiveHostId: hostId(h, 1),
        status: "switched_over",
      });
      // The malfunctioning box still answers HTTP.
      expectOk(await h.api(GUEST, "list", {}, 1));
      await h.sim.control.hostUp(1);
      expect(h.sim.control.snapshot().haPairs[0].status).to.equal("protected");
    } finally {
      await h.sim.close();
    }
  });

  it("R6 failover: active host unreachable → guest restarts on the passive host (inaccessible, booting, running)", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 }, failoverBootMs: 100 });
    try {
      const id = h.sim.control.createGuest({ name: "ha", host: 1, running: true });
      h.sim.control.enableHa({ guest: id, active: 1, passive: 3 });
      await h.sim.control.hostDown(1, "unreachable");
      expect(guestOf(h, id)).to.include({ status: "booting", hostId: hostId(h, 3) });
      // The unreachable box refuses connections.
      let refused = "";
      await raw(`${h.sim.endpoints[0]}/webapi/query.cgi`).catch(
        (e: NodeJS.ErrnoException) => (refused = e.code ?? ""),
      );
      expect(refused).to.equal("ECONNREFUSED");
      await sleep(150);
      const g = guestOf(h, id);
      expect(g.status).to.equal("running");
      expect(g.powerHistory.slice(-3).map((e) => `${e.status}/${e.reason}`)).to.deep.equal([
        "inaccessible/host_down",
        "booting/failover",
        "running/boot",
      ]);
      expect(h.sim.control.snapshot().haPairs[0].status).to.equal("failed_over");
      await h.sim.control.hostUp(1);
      expectOk(await h.api(GUEST, "list", {}, 1));
    } finally {
      await h.sim.close();
    }
  });

  it("a guest without HA on a downed host is inaccessible until the host returns", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 } });
    try {
      const id = h.sim.control.createGuest({ name: "solo", host: 2, running: true });
      await h.sim.control.hostDown(2, "unreachable");
      expect(guestOf(h, id).status).to.equal("inaccessible");
      await h.sim.control.hostUp(2);
      expect(guestOf(h, id)).to.include({ status: "running", hostId: hostId(h, 2) });
    } finally {
      await h.sim.close();
    }
  });

  it("R8: cluster_ip outside the reserved range is refused (401); IP or network change refused once >1 host joined (402)", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 2 } });
    try {
      const state = h.state();
      expectCode(
        await h.api(HOST, "join", { box_address: h.sim.endpoints[2], cluster_ip: "10.10.0.99" }),
        401,
        "R8",
      );
      expectCode(
        await h.api(HOST, "join", { box_address: h.sim.endpoints[2], cluster_ip: "192.168.1.20" }),
        401,
        "R8",
      );
      expectCode(await h.api(HOST, "set", { host_id: hostId(h, 1), cluster_ip: "10.10.0.40" }), 402, "R8");
      expectCode(
        await h.api(CLUSTER, "set", { cluster_network: { ...NET, reserved_to: "10.10.0.60" } }),
        402,
        "R8",
      );
      expect(h.state()).to.equal(state);
      // Setting the same values, or other fields, is fine.
      expectOk(
        await h.api(HOST, "set", { host_id: hostId(h, 1), cluster_ip: "10.10.0.10", host_name: "renamed" }),
      );
      expectOk(await h.api(CLUSTER, "set", { cluster_network: NET, domain: "corp" }));
    } finally {
      await h.sim.close();
    }
  });

  it("R9: a box without a Btrfs volume cannot join (700, R9), nothing changes", async () => {
    const h = await harness({
      hosts: 2,
      cluster: { ...LAB, joined: 1 },
      boxes: [
        {},
        {
          volumes: [
            { path: "/volume1", filesystem: "ext4", sizeMb: 100000 },
            { path: "/volume2", filesystem: "btrfs", sizeMb: 100000 },
          ],
        },
      ],
    });
    try {
      const state = h.state();
      expectCode(
        await h.api(HOST, "join", {
          box_address: h.sim.endpoints[1],
          cluster_ip: "10.10.0.11",
          volumes: ["/volume1"],
        }),
        700,
        "R9",
      );
      expect(h.state()).to.equal(state);
      expectOk(await h.api(HOST, "join", { box_address: h.sim.endpoints[1], cluster_ip: "10.10.0.11" }));
      const storages = expectOk(await h.api("SYNO.Virtualization.API.Storage", "list")).storages as {
        volume_path: string;
        host_name: string;
      }[];
      expect(storages.filter((s) => s.host_name === "syno-2").map((s) => s.volume_path)).to.deep.equal([
        "/volume2",
      ]);
    } finally {
      await h.sim.close();
    }
  });

  it("R11: no host until the first power-on; then it keeps that host; host_id chooses it", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 } });
    try {
      const id = await makeGuest(h, "g");
      expect((await placementOf(h, id)).host_id).to.equal(null);
      expectOk(await h.api(ACTION, "poweron", { guest_id: id, host_name: "syno-3" }));
      expectOk(await h.api(ACTION, "poweroff", { guest_id: id }));
      expectOk(await h.api(ACTION, "poweron", { guest_id: id }));
      expect((await placementOf(h, id)).host_name).to.equal("syno-3");
    } finally {
      await h.sim.close();
    }
  });

  it("R13: a running guest observed over HTTP during a live move is never stopped", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 }, taskDurationMs: 200 });
    try {
      const id = h.sim.control.createGuest({ name: "live", host: 1, running: true });
      const t = expectOk(
        await h.api(MOVE, "move", { guest_id: id, dest_host_id: hostId(h, 2), auto_clean_task: false }),
      ).task_id as string;
      const seen = new Set<string>();
      const until = Date.now() + 400;
      while (Date.now() < until) {
        seen.add(String(expectOk(await h.api(GUEST, "get", { guest_id: id })).status));
        await sleep(10);
      }
      await waitTask(h, t);
      expect([...seen]).to.deep.equal(["running"]);
      expect(guestOf(h, id).hostId).to.equal(hostId(h, 2));
      expect(guestOf(h, id).hostHistory.map((e) => e.reason)).to.deep.equal(["poweron", "migrate"]);
    } finally {
      await h.sim.close();
    }
  });
});
