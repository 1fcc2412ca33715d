// The control API (in-process handle and HTTP /sim/…): faults, delays, request log, reset,
// host down/up over HTTP, direct creation, determinism from a seed.
import { expect } from "chai";
import { startSimulator } from "../../../simulator";
import { GUEST, LAB, call, expectCode, expectOk, harness, raw, sleep } from "./helpers";

async function control(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await raw(`${base}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  return { status: r.status, json: JSON.parse(r.text) as Record<string, unknown> };
}

describe("simulator: control API", () => {
  it("inFlight: a request is listed while the simulator works on it, and gone once answered", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 } });
    try {
      h.sim.control.addFault({ api: GUEST, method: "list", delayMs: 300, maxCount: 1 });
      const answer = h.api(GUEST, "list");
      await sleep(100);
      expect(h.sim.control.inFlight().map((r) => `${r.api} ${r.method}`)).to.deep.equal([`${GUEST} list`]);
      const overHttp = await raw(`${h.sim.controlUrl}/inflight`);
      expect((JSON.parse(overHttp.text) as { requests: unknown[] }).requests).to.have.length(1);
      expectOk(await answer);
      expect(h.sim.control.inFlight()).to.deep.equal([]);
    } finally {
      await h.sim.close();
    }
  });

  it("dropAnswer: the method runs (the guest exists), the connection drops, the log says so", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 } });
    try {
      h.sim.control.addFault({ api: GUEST, method: "create", dropAnswer: true, maxCount: 1 });
      const args = {
        guest_name: "lost-answer",
        storage_name: "syno-1 - VM Storage 1",
        vdisks: [{ create_type: 0, vdisk_size: 1 }],
        vnics: [],
      };
      let dropped = "";
      await h.api(GUEST, "create", args).catch((e: NodeJS.ErrnoException) => (dropped = e.code ?? e.message));
      expect(dropped).to.equal("ECONNRESET");
      expect(h.sim.control.snapshot().guests.map((g) => g.name)).to.include("lost-answer");
      const entry = h.sim.control.requestLog().find((e) => e.api === GUEST && e.method === "create");
      expect([entry?.code, entry?.mutated, entry?.reason]).to.deep.equal([
        -1,
        true,
        "fault: answer dropped after the method ran, by a simulator fault rule",
      ]);
    } finally {
      await h.sim.close();
    }
  });

  it("fault rules: code (state unchanged), maxCount, drop, delay, box filter, probability 0", async () => {
    const h = await harness({ hosts: 3, cluster: { ...LAB, joined: 3 } });
    try {
      const id = h.sim.control.addFault({ api: GUEST, method: "create", code: 402, maxCount: 1 });
      const state = h.state();
      const args = {
        guest_name: "f",
        storage_name: "syno-1 - VM Storage 1",
        vdisks: [{ create_type: 0, vdisk_size: 1 }],
        vnics: [],
      };
      expectCode(await h.api(GUEST, "create", args), 402);
      expect(h.state()).to.equal(state);
      expectOk(await h.api(GUEST, "create", args));
      expect(h.sim.control.listFaults().find((f) => f.id === id)?.hits).to.equal(1);
      h.sim.control.addFault({ api: GUEST, method: "list", drop: true, box: 2 });
      expectOk(await h.api(GUEST, "list", {}, 1));
      let dropped = "";
      await h.api(GUEST, "list", {}, 2).catch((e: NodeJS.ErrnoException) => (dropped = e.code ?? e.message));
      expect(dropped).to.equal("ECONNRESET");
      h.sim.control.clearFaults();
      h.sim.control.addFault({ api: GUEST, method: "list", code: 500, probability: 0 });
      expectOk(await h.api(GUEST, "list"));
      h.sim.control.clearFaults();
      h.sim.control.addFault({ api: GUEST, method: "get", delayMs: 150, maxCount: 1 });
      const t0 = Date.now();
      await h.api(GUEST, "get", { guest_name: "f" });
      expect(Date.now() - t0).to.be.at.least(140);
      expect(() => h.sim.control.addFault({ api: GUEST })).to.throw(/code, delayMs, drop/);
    } finally {
      await h.sim.close();
    }
  });

  it("per-method delays slow only that method", async () => {
    const h = await harness({ hosts: 1 });
    try {
      h.sim.control.setDelay({ api: "SYNO.Virtualization.API.Network", method: "list", ms: 120 });
      let t0 = Date.now();
      await h.api("SYNO.Virtualization.API.Network", "list");
      expect(Date.now() - t0).to.be.at.least(110);
      t0 = Date.now();
      await h.api("SYNO.Virtualization.API.Storage", "list");
      expect(Date.now() - t0).to.be.below(100);
      h.sim.control.clearDelays();
      t0 = Date.now();
      await h.api("SYNO.Virtualization.API.Network", "list");
      expect(Date.now() - t0).to.be.below(100);
    } finally {
      await h.sim.close();
    }
  });

  it("the request log records api, method, box, mutated, hashed session, the reason of an error, and redacts secrets", async () => {
    const h = await harness({ hosts: 2, cluster: { ...LAB, joined: 2 } });
    try {
      await h.api(GUEST, "list", {}, 1);
      // Box 1's session on box 2: refused (119), and the log says why.
      expectCode(await h.api(GUEST, "get", { guest_name: "x" }, 2), 119);
      await h.api(GUEST, "create", {
        guest_name: "l",
        storage_name: "syno-1 - VM Storage 1",
        vdisks: [{ create_type: 0, vdisk_size: 1 }],
        vnics: [],
      });
      const log = h.sim.control.requestLog();
      const loginEntry = log.find((e) => e.method === "login");
      expect(loginEntry?.params.passwd).to.equal("***");
      const text = JSON.stringify(log);
      expect(text).to.not.include(h.sim.password);
      expect(text).to.not.include(h.sid);
      const list = log.find((e) => e.method === "list");
      expect(list).to.include({
        api: GUEST,
        box: h.sim.endpoints[0],
        mutated: false,
        code: 0,
        httpMethod: "POST",
      });
      expect(list?.reason).to.equal(undefined);
      const refused = log.find((e) => e.method === "get");
      expect(refused).to.include({ box: h.sim.endpoints[1], code: 119 });
      expect(refused?.reason).to.match(/^_sid: .*issued by another one/);
      expect(list?.session).to.match(/^[0-9a-f]{12}$/);
      expect(list?.params._sid).to.equal("***");
      expect(log.find((e) => e.method === "create")?.mutated).to.equal(true);
      h.sim.control.clearLog();
      expect(h.sim.control.requestLog()).to.deep.equal([]);
    } finally {
      await h.sim.close();
    }
  });

  it("HTTP control: state, host down/up (unreachable closes the box, control listener stays), joins, guests, HA, reset", async () => {
    const sim = await startSimulator({ hosts: 4, cluster: { ...LAB, joined: 0 } });
    try {
      const base = sim.controlUrl;
      expect(base).to.match(/^http:\/\/127\.0\.10\.254:\d+\/sim$/);
      expect((await control(base, "POST", "/hosts/join", { box: 1 })).json.id).to.be.a("string");
      await control(base, "POST", "/hosts/join", { box: 2, clusterIp: "10.10.0.22" });
      await control(base, "POST", "/hosts/join", { box: "syno-3" });
      const bad = await control(base, "POST", "/hosts/join", { box: 4, clusterIp: "10.99.0.1" });
      expect(bad.status).to.equal(400);
      expect(bad.json).to.include({ code: 401 });
      expect(String(bad.json.error)).to.match(/R8/);
      const gid = (await control(base, "POST", "/guests", { name: "direct", host: 1, running: true })).json
        .id as string;
      await control(base, "POST", "/ha", { guest: "direct", active: 1, passive: 2 });
      expect((await control(base, "POST", "/images", { name: "img" })).json.id).to.be.a("string");
      expect((await control(base, "POST", "/networks", { name: "net", hosts: [1] })).json.id).to.be.a(
        "string",
      );
      await control(base, "POST", "/hosts/1/down", { mode: "unreachable" });
      const state = (await control(base, "GET", "/state")).json as {
        guests: { guestId: string; status: string }[];
        hosts: { status: string }[];
      };
      expect(state.hosts[0].status).to.equal("unreachable");
      expect(state.guests[0]).to.include({ guestId: gid, status: "booting" });
      let refused = "";
      await raw(`${sim.endpoints[0]}/sim/state`).catch(
        (e: NodeJS.ErrnoException) => (refused = e.code ?? ""),
      );
      expect(refused).to.equal("ECONNREFUSED");
      expect((await control(sim.endpoints[1] + "/sim", "GET", "/state")).status).to.equal(200);
      await control(base, "POST", "/hosts/1/up");
      expect((await raw(`${sim.endpoints[0]}/sim/state`)).status).to.equal(200);
      await control(base, "POST", `/guests/${gid}/power`, { on: false });
      expect((await control(base, "POST", "/faults", { api: GUEST, code: 500 })).json.id).to.equal("fault-1");
      expect(((await control(base, "GET", "/faults")).json.faults as unknown[]).length).to.equal(1);
      await control(base, "DELETE", "/faults");
      await control(base, "POST", "/delays", { api: GUEST, ms: 1 });
      await control(base, "DELETE", "/delays");
      expect(((await control(base, "GET", "/log")).json.entries as unknown[]).length).to.equal(0);
      await control(base, "POST", "/reset");
      const after = (await control(base, "GET", "/state")).json as {
        guests: unknown[];
        hosts: { joined: boolean }[];
      };
      expect(after.guests).to.deep.equal([]);
      expect(after.hosts.filter((x) => x.joined)).to.have.length(0);
      expect((await control(base, "GET", "/nope")).status).to.equal(404);
    } finally {
      await sim.close();
    }
  });

  it("same seed and same calls give the same ids; another seed other ids", async () => {
    const ids = async (seed: string) => {
      const sim = await startSimulator({ hosts: 3, seed, cluster: { ...LAB, joined: 3 } });
      try {
        sim.control.createGuest({ name: "a" });
        const s = sim.control.snapshot();
        return JSON.stringify([
          s.cluster.id,
          s.hosts.map((x) => x.hostId),
          s.guests.map((g) => g.guestId),
          s.storages.map((x) => x.storageId),
        ]);
      } finally {
        await sim.close();
      }
    };
    expect(await ids("one")).to.equal(await ids("one"));
    expect(await ids("one")).to.not.equal(await ids("two"));
  });

  it("refused control input gets a message naming what and why", async () => {
    const h = await harness({ hosts: 1, cluster: { ...LAB, joined: 1 } });
    try {
      expect(() => h.sim.control.createGuest({ name: "x", storage: "nope" })).to.throw(/no storage 'nope'/);
      let message = "";
      await h.sim.control.hostDown(9, "malfunction").catch((e: Error) => (message = e.message));
      expect(message).to.match(/no box '9'/);
    } finally {
      await h.sim.close();
    }
  });
});

describe("simulator: sessions survive nothing across simulators", () => {
  it("a sid from one simulator is unknown to another (119)", async () => {
    const a = await harness({ hosts: 1 });
    const b = await startSimulator({ hosts: 1, bindBase: "127.0.11" });
    try {
      expectCode(await call(b.endpoints[0], { api: GUEST, version: 1, method: "list", _sid: a.sid }), 119);
      await sleep(1);
    } finally {
      await a.sim.close();
      await b.close();
    }
  });
});
