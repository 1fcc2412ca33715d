import { expect } from "chai";
import { DsmError } from "../../../provider/api";
import { Harness, harness, newGuest, rejection } from "./sim";

const GUEST = "SYNO.Virtualization.API.Guest";

describe("api (integration): faults", function () {
  let h: Harness;
  beforeEach(async () => (h = await harness()));
  afterEach(async () => h.close());

  const log = (api: string, method?: string) =>
    h.sim.control.requestLog().filter((e) => e.api === api && (method === undefined || e.method === method));

  it("dropped connection on guest create: re-checked by name, sent again, exactly one guest", async () => {
    const c = h.client();
    h.sim.control.addFault({ api: GUEST, method: "create", drop: true, maxCount: 1 });
    const g = await newGuest(c, "web-1");
    expect(g.name).to.equal("web-1");
    expect(h.sim.control.snapshot().guests.filter((x) => x.name === "web-1")).to.have.length(1);
    expect(log(GUEST, "create").map((e) => e.code)).to.deep.equal([-1, 0]);
    expect(log(GUEST, "list").length).to.be.greaterThan(0, "looked the name up before re-sending");
  });

  it("answer too late (create applied after the client timed out): no duplicate is made", async () => {
    const c = h.client({ timeoutMs: 150 });
    h.sim.control.addFault({ api: GUEST, method: "create", delayMs: 400, maxCount: 1 });
    const g = await newGuest(c, "slow-1");
    expect(g.name).to.equal("slow-1");
    expect(h.sim.control.snapshot().guests.filter((x) => x.name === "slow-1")).to.have.length(1);
  });

  it("dropped connection on a read is retried", async () => {
    const c = h.client();
    h.sim.control.addFault({ api: GUEST, method: "list", drop: true, maxCount: 2 });
    expect(await c.guests.list()).to.deep.equal([]);
    expect(log(GUEST, "list").map((e) => e.code)).to.deep.equal([-1, -1, 0]);
  });

  it("busy answers (117) are retried with back-off, even for writes", async () => {
    const c = h.client();
    const g = await newGuest(c, "b-1");
    h.sim.control.addFault({ api: GUEST, method: "set", code: 117, maxCount: 2 });
    await c.guests.set(g.id, { description: "x" });
    expect(log(GUEST, "set").map((e) => e.code)).to.deep.equal([117, 117, 0]);
  });

  it("500-class answers: 500 (quorum) and 501 stop at once, without retry or failover", async () => {
    const c = h.client();
    const g = await newGuest(c, "q-1");
    for (const code of [500, 501]) {
      h.sim.control.clearLog();
      const fault = h.sim.control.addFault({ api: GUEST, method: "set", code });
      const err = (await rejection(c.guests.set(g.id, { description: "x" }))) as DsmError;
      h.sim.control.removeFault(fault);
      expect(err.code).to.equal(code);
      expect(log(GUEST, "set")).to.have.length(1);
      expect(err.message).to.match(code === 500 ? /cluster frozen.*R2/ : /incompatible mode.*upgrade/);
    }
  });

  it("one host down (unreachable): the next endpoint answers", async () => {
    const c = h.client();
    await c.guests.list();
    await h.sim.control.hostDown(1, "unreachable");
    const g = await newGuest(c, "fo-1");
    expect(g.name).to.equal("fo-1");
    const boxes = new Set(log(GUEST, "create").map((e) => e.box));
    expect([...boxes]).to.deep.equal([h.sim.endpoints[1]]);
    expect(
      h.logs.some(
        ([l, m]) => l === "warn" && /127\.0\.10\.1:\d+ did not answer.*trying 127\.0\.10\.2/.test(m),
      ),
    ).to.equal(true);
  });

  it("quorum lost: the write stops with a clear message and is not hammered; reads still work", async () => {
    const c = h.client();
    const g = await newGuest(c, "ql-1");
    await h.sim.control.hostDown(2, "unreachable");
    await h.sim.control.hostDown(3, "unreachable");
    h.sim.control.clearLog();
    const err = (await rejection(c.guests.set(g.id, { description: "y" }))) as DsmError;
    expect(err.code).to.equal(500);
    expect(err.message)
      .to.match(/more than half of the hosts are offline/)
      .and.match(/R2/)
      .and.match(/does not retry/);
    expect(log(GUEST, "set")).to.have.length(1);
    expect((await c.guests.get(g.id)).name).to.equal("ql-1");
    expect((await c.cluster.get())?.quorum).to.equal(false);
  });

  it("session expiry mid-run: one transparent re-login, then the call succeeds", async () => {
    await h.close();
    h = await harness({ sessionIdleSeconds: 1 });
    const c = h.client();
    await c.guests.list();
    await new Promise((r) => setTimeout(r, 1200));
    expect(await c.guests.list()).to.deep.equal([]);
    // The list and the placement read go out together in one SYNO.Entry.Request (ADR 018): the
    // expired session is answered once, on the compound that carried it, and never reaches the list.
    expect(log(GUEST, "list").map((e) => e.code)).to.deep.equal([0, 0]);
    expect(h.sim.control.requestLog().filter((e) => e.code === 106)).to.have.length(1);
    expect(log("SYNO.API.Auth", "login")).to.have.length(2);
  });

  it("task failure (destination host down mid-move) becomes a task error with its code", async () => {
    await h.close();
    h = await harness({ taskDurationMs: 600 });
    const c = h.client();
    const hosts = (await c.clusterHosts.list()).filter((x) => x.joined);
    const g = await newGuest(c, "mv-1");
    await c.guestActions.powerOn(g.id, { hostId: hosts[0].id });
    const moving = c.guestActions.move(g.id, hosts[1].id, { initialIntervalMs: 20 });
    await new Promise((r) => setTimeout(r, 150));
    await h.sim.control.hostDown(hosts[1].id, "malfunction");
    const err = (await rejection(moving)) as DsmError;
    expect(err.category).to.equal("task");
    expect(err.code).to.equal(601);
    expect(err.message)
      .to.match(/host offline/)
      .and.match(/failed at/);
  });

  it("a vanished task (1000) becomes a clear error", async () => {
    const c = h.client();
    h.sim.control.addFault({ api: "SYNO.Virtualization.API.Task.Info", method: "get", code: 1000 });
    const err = (await rejection(newGuest(c, "t-1"))) as DsmError;
    expect(err.category).to.equal("task");
    expect(err.message).to.match(/vanished/);
  });

  it("slow task past its deadline: timeout error, the task keeps running", async () => {
    await h.close();
    h = await harness({ taskDurationMs: 3000 });
    const c = h.client();
    const [storage] = await c.storages.list();
    const started = Date.now();
    const err = (await rejection(
      c.guests.create(
        { name: "slow", storageId: storage.id, disks: [{ sizeMiB: 1024 }], nics: [] },
        { timeoutMs: 300, initialIntervalMs: 20 },
      ),
    )) as DsmError;
    expect(Date.now() - started).to.be.lessThan(1500);
    expect(err.category).to.equal("timeout");
    expect(err.message).to.match(/keeps running on the cluster/);
  });

  it("per-request timeout: a hanging read is retried, then reported", async () => {
    const c = h.client({ timeoutMs: 100, retry: { attempts: 2, baseDelayMs: 10 } });
    h.sim.control.setDelay({ api: GUEST, method: "list", ms: 400 });
    const err = (await rejection(c.guests.list())) as DsmError;
    expect(err.category).to.equal("network");
    expect(err.networkReason).to.equal("timeout");
    expect(err.message).to.match(/no answer within 100 ms/);
  });

  it("bounds requests in flight per endpoint", async () => {
    const c = h.client({ maxInFlightPerEndpoint: 2 });
    await c.guests.list();
    h.sim.control.setDelay({ api: GUEST, method: "list", ms: 60 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 6 }, () => c.guests.list()));
    expect(Date.now() - started).to.be.at.least(170); // 3 waves of 2
  });
});
