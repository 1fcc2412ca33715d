import { expect } from "chai";
import { ClientOptions, DsmError, LogLevel, createClient, resetProcessState } from "../../../provider/api";
import { EP1, EP2, FakeDsm, guestJson, reset } from "./fake-dsm";

const GUEST = "SYNO.Virtualization.API.Guest";

function setup(dsm: FakeDsm, extra: Partial<ClientOptions> = {}) {
  const logs: Array<[LogLevel, string]> = [];
  const client = createClient({
    endpoints: [EP1],
    username: "admin",
    password: dsm.password,
    transport: dsm.transport,
    retry: { attempts: 3, baseDelayMs: 1 },
    logger: (level, message) => logs.push([level, message]),
    ...extra,
  });
  return { client, logs };
}

describe("api: discovery and sessions", () => {
  beforeEach(() => resetProcessState());

  it("discovers once per endpoint per process, across clients", async () => {
    const dsm = new FakeDsm().on(GUEST, "list", () => ({ data: { guests: [] } }));
    const a = setup(dsm).client;
    const b = setup(dsm).client;
    await Promise.all([a.guests.list(), b.guests.list(), a.guests.list()]);
    expect(dsm.calls("SYNO.API.Info")).to.have.length(1);
  });

  it("logs in once for many concurrent callers and sends format=sid, a session name and _sid", async () => {
    const dsm = new FakeDsm().on(GUEST, "list", () => ({ data: { guests: [] } }));
    const { client } = setup(dsm);
    await Promise.all(Array.from({ length: 20 }, () => client.guests.list()));
    const logins = dsm.calls("SYNO.API.Auth", "login");
    expect(logins).to.have.length(1);
    expect(logins[0].form).to.include({ format: "sid", session: "synovmm", account: "admin" });
    expect(dsm.calls(GUEST, "list").every((r) => r.form._sid === "sid-1-abcdefgh")).to.equal(true);
  });

  it("logs in again once on 119/106 and repeats the call", async () => {
    const dsm = new FakeDsm().on(GUEST, "list", () => ({ data: { guests: [] } }));
    const { client } = setup(dsm);
    await client.guests.list();
    dsm.validSids.clear(); // session expired on the NAS
    await client.guests.list();
    expect(dsm.calls("SYNO.API.Auth", "login")).to.have.length(2);
  });

  it("re-logs in only once: a second session error is reported", async () => {
    const dsm = new FakeDsm().on(GUEST, "list", () => ({ code: 106 }));
    const { client } = setup(dsm);
    const err = await client.guests.list().catch((e: unknown) => e);
    expect(err).to.be.instanceOf(DsmError);
    expect((err as DsmError).code).to.equal(106);
    expect(dsm.calls("SYNO.API.Auth", "login")).to.have.length(2);
  });

  it("never retries a wrong password (400), and remembers the refusal", async () => {
    const dsm = new FakeDsm().on(GUEST, "list", () => ({ data: { guests: [] } }));
    const { client } = setup(dsm, { password: "wrong-password-123" });
    const err = (await client.guests.list().catch((e: unknown) => e)) as DsmError;
    expect(err.code).to.equal(400);
    expect(err.api).to.equal("SYNO.API.Auth");
    expect(err.message)
      .to.match(/wrong password/)
      .and.match(/407/);
    expect(err.message).not.to.contain("wrong-password-123");
    expect(err.request.params.passwd).to.equal("[REDACTED]");
    await client.guests.list().catch(() => undefined);
    await Promise.all([client.guests.list(), client.networks.list()].map((p) => p.catch(() => undefined)));
    expect(dsm.calls("SYNO.API.Auth", "login")).to.have.length(1);
  });

  it("close() logs out when the last client of a session closes", async () => {
    const dsm = new FakeDsm().on(GUEST, "list", () => ({ data: { guests: [] } }));
    const a = setup(dsm).client;
    const b = setup(dsm).client;
    await a.guests.list();
    await b.guests.list();
    await a.close();
    expect(dsm.calls("SYNO.API.Auth", "logout")).to.have.length(0);
    await b.close();
    expect(dsm.calls("SYNO.API.Auth", "logout")).to.have.length(1);
    const err = (await a.guests.list().catch((e: unknown) => e)) as DsmError;
    expect(err.category).to.equal("closed");
  });
});

describe("api: retry, failover and refusal", () => {
  beforeEach(() => resetProcessState());

  it("retries busy answers (117) and succeeds", async () => {
    let n = 0;
    const dsm = new FakeDsm().on(GUEST, "list", () => (++n < 3 ? { code: 117 } : { data: { guests: [] } }));
    const { client } = setup(dsm);
    expect(await client.guests.list()).to.deep.equal([]);
    expect(n).to.equal(3);
  });

  it("retries a read after a dropped connection and after HTTP 503", async () => {
    let n = 0;
    const dsm = new FakeDsm().on(GUEST, "list", () =>
      ++n === 1 ? reset() : n === 2 ? { status: 503, body: "" } : { data: { guests: [] } },
    );
    const { client } = setup(dsm);
    await client.guests.list();
    expect(n).to.equal(3);
  });

  it("gives up after the configured attempts with a clear message", async () => {
    const dsm = new FakeDsm().on(GUEST, "list", () => ({ code: 111 }));
    const { client } = setup(dsm);
    const err = (await client.guests.list().catch((e: unknown) => e)) as DsmError;
    expect(err.message)
      .to.match(/111 network unstable or system busy/)
      .and.match(/gave up after 3 attempts/);
  });

  it("fails over to the next endpoint when one refuses connections, and sticks to it", async () => {
    const dsm = new FakeDsm().on(GUEST, "list", () => ({ data: { guests: [] } }));
    dsm.down.add(EP1);
    const { client, logs } = setup(dsm, { endpoints: [EP1, EP2] });
    await client.guests.list();
    await client.guests.list();
    const hosts = dsm.calls(GUEST, "list").map((r) => new URL(r.url).origin);
    expect(hosts).to.deep.equal([EP2, EP2]);
    expect(
      logs.some(
        ([l, m]) => l === "warn" && /127\.0\.10\.1:5001 did not answer.*trying 127\.0\.10\.2:5001/.test(m),
      ),
    ).to.equal(true);
  });

  it("says all endpoints are down when none answers", async () => {
    const dsm = new FakeDsm();
    dsm.down.add(EP1).add(EP2);
    const { client } = setup(dsm, { endpoints: [EP1, EP2] });
    const err = (await client.guests.list().catch((e: unknown) => e)) as DsmError;
    expect(err.category).to.equal("network");
    expect(err.message).to.match(/none of the 2 endpoints answered/);
  });

  it("stops at quorum loss (500): no retry, no failover", async () => {
    const dsm = new FakeDsm().on(GUEST, "set", () => ({ code: 500 }));
    const { client } = setup(dsm, { endpoints: [EP1, EP2] });
    const err = (await client.guests.set("g1", { vcpus: 2 }).catch((e: unknown) => e)) as DsmError;
    expect(err.code).to.equal(500);
    expect(err.message).to.match(/R2/);
    expect(dsm.calls(GUEST, "set")).to.have.length(1);
  });

  it("refuses internal APIs on an official-only cluster without sending them", async () => {
    const dsm = new FakeDsm();
    dsm.managed = false;
    const { client } = setup(dsm);
    expect((await client.capabilities()).level).to.equal("official-only");
    const err = (await client.ha.list().catch((e: unknown) => e)) as DsmError;
    expect(err.category).to.equal("unsupported");
    expect(err.message)
      .to.match(/does not list SYNO\.SynoVmmSim\.HA/)
      .and.match(/High Availability/);
    expect(dsm.calls("SYNO.SynoVmmSim.HA")).to.have.length(0);
  });

  it("reports the managed level only after the simulator marker answers our schema", async () => {
    const dsm = new FakeDsm();
    const { client } = setup(dsm);
    const caps = await client.capabilities();
    expect(caps.level).to.equal("managed");
    expect(caps.placement).to.equal("managed");
    expect(caps.apis).to.include("SYNO.SynoVmmSim.HA");
    expect(dsm.calls("SYNO.SynoVmmSim.Capability", "get")).to.have.length(1);
  });

  it("stays official-only when the marker answers another schema", async () => {
    const dsm = new FakeDsm().on("SYNO.SynoVmmSim.Capability", "get", () => ({ data: { schema: 2 } }));
    const { client } = setup(dsm);
    const caps = await client.capabilities();
    expect(caps.level).to.equal("official-only");
    expect(caps.reason).to.match(/schema 2/);
  });

  it("turns a non-JSON answer into a protocol error", async () => {
    const dsm = new FakeDsm().on(GUEST, "list", () => ({ status: 200, body: "<html>" }));
    const { client } = setup(dsm);
    const err = (await client.guests.list().catch((e: unknown) => e)) as DsmError;
    expect(err.category).to.equal("protocol");
    expect(err.message).to.match(/not JSON/);
  });

  it("warns when TLS verification is turned off", () => {
    const { logs } = setup(new FakeDsm(), { insecureSkipTlsVerify: true });
    expect(logs.some(([l, m]) => l === "warn" && /verification is OFF/.test(m))).to.equal(true);
  });

  it("bounds requests in flight per endpoint", async () => {
    let active = 0;
    let peak = 0;
    const dsm = new FakeDsm().on(GUEST, "list", async () => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return { data: { guests: [] } };
    });
    const { client } = setup(dsm, { maxInFlightPerEndpoint: 2 });
    await Promise.all(Array.from({ length: 10 }, () => client.guests.list()));
    expect(peak).to.equal(2);
  });

  it("maps guests to plain camelCase objects in MiB; placement from the placement source only", async () => {
    const dsm = new FakeDsm().on(GUEST, "get", () => ({
      data: {
        ...guestJson("g1", "web-1", "running"),
        // Not official fields: ignored, the placement source decides.
        host_id: "wrong",
        host_name: "wrong",
        autorun: 2,
        vdisks: [{ vdisk_id: "d1", vdisk_size: "10240", controller: 3, unmap: true }],
        vnics: [],
      },
    }));
    dsm.placements = [{ guest_id: "g1", host_id: "h1", host_name: "syno-1" }];
    const { client } = setup(dsm);
    const g = await client.guests.get("g1", { details: true });
    expect(g).to.deep.include({
      id: "g1",
      name: "web-1",
      status: "running",
      vcpus: 2,
      memoryMiB: 2048,
      autorun: "on",
      hostId: "h1",
      hostName: "syno-1",
    });
    expect(g.disks).to.deep.equal([{ id: "d1", sizeMiB: 10240, controller: "sata", unmap: true }]);
  });
});
