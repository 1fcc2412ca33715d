// DSM conventions over real HTTP: discovery, login/logout, sessions, envelope codes 101–120, 400/407.
import { expect } from "chai";
import { startSimulator, type SimulatorHandle } from "../../../simulator";
import { call, expectCode, expectOk, LAB, login, raw, sleep } from "./helpers";

describe("simulator: DSM conventions", () => {
  let sim: SimulatorHandle;
  let ep: string;
  before(async () => {
    sim = await startSimulator({ hosts: 3, cluster: { ...LAB, joined: 3 }, sessionIdleSeconds: 0.3 });
    ep = sim.endpoints[0];
  });
  after(() => sim.close());

  it("SYNO.API.Info lists Auth, the 7 official and the 5 private simulator APIs at query.cgi and entry.cgi", async () => {
    for (const cgi of ["query.cgi", "entry.cgi"]) {
      const data = expectOk(
        await call(
          ep,
          { api: "SYNO.API.Info", version: 1, method: "query", query: "all" },
          { cgi, get: true },
        ),
      );
      // Real DSM 7 ranges and formats (evidence §1.2): Auth 1–7 without requestFormat, Info at entry.cgi.
      expect(data["SYNO.API.Auth"]).to.deep.equal({ path: "entry.cgi", minVersion: 1, maxVersion: 7 });
      expect(data["SYNO.API.Info"]).to.deep.equal({
        path: "entry.cgi",
        minVersion: 1,
        maxVersion: 1,
        requestFormat: "JSON",
      });
      expect(data["SYNO.Virtualization.API.Guest"]).to.deep.equal({
        path: "entry.cgi",
        minVersion: 1,
        maxVersion: 1,
        requestFormat: "JSON",
      });
      for (const n of ["Task.Info", "Network", "Storage", "Host", "Guest", "Guest.Action", "Guest.Image"]) {
        expect(data).to.have.property(`SYNO.Virtualization.API.${n}`);
      }
      for (const n of ["Cluster", "Host", "HA", "Guest.Move", "Capability"])
        expect(data).to.have.property(`SYNO.SynoVmmSim.${n}`);
    }
  });

  it("SYNO.API.Info answers a comma list and a prefix query", async () => {
    const some = expectOk(
      await call(ep, {
        api: "SYNO.API.Info",
        version: 1,
        method: "query",
        query: "SYNO.API.Auth,SYNO.SynoVmmSim.HA",
      }),
    );
    expect(Object.keys(some).sort()).to.deep.equal(["SYNO.API.Auth", "SYNO.SynoVmmSim.HA"]);
    const prefix = expectOk(
      await call(ep, {
        api: "SYNO.API.Info",
        version: 1,
        method: "query",
        query: "SYNO.Virtualization.API.",
      }),
    );
    expect(Object.keys(prefix)).to.have.length(7);
  });

  it("login works at auth.cgi and entry.cgi for versions 1–7, GET and POST; 104 outside", async () => {
    for (const version of [1, 3, 6, 7]) {
      for (const cgi of ["auth.cgi", "entry.cgi"]) {
        const r = await call(
          ep,
          {
            api: "SYNO.API.Auth",
            version,
            method: "login",
            account: "admin",
            passwd: sim.password,
            format: "sid",
          },
          { cgi, get: version === 3 },
        );
        expect(expectOk(r).sid).to.be.a("string");
      }
    }
    expectCode(
      await call(ep, {
        api: "SYNO.API.Auth",
        version: 0,
        method: "login",
        account: "admin",
        passwd: sim.password,
      }),
      104,
    );
    expectCode(
      await call(ep, {
        api: "SYNO.API.Auth",
        version: 8,
        method: "login",
        account: "admin",
        passwd: sim.password,
      }),
      104,
    );
  });

  it("answers 101 without api/method/version, 102 for an unknown API or one at the wrong cgi, 103, 114", async () => {
    expectCode(await call(ep, { api: "SYNO.API.Info", method: "query" }), 101);
    expectCode(await call(ep, { version: 1, method: "query" }), 101);
    const sid = await login(ep, sim);
    expectCode(await call(ep, { api: "SYNO.Nope", version: 1, method: "list", _sid: sid }), 102);
    expectCode(
      await call(
        ep,
        { api: "SYNO.Virtualization.API.Guest", version: 1, method: "list", _sid: sid },
        { cgi: "query.cgi" },
      ),
      102,
    );
    expectCode(
      await call(ep, { api: "SYNO.Virtualization.API.Guest", version: 1, method: "explode", _sid: sid }),
      103,
    );
    expectCode(
      await call(ep, { api: "SYNO.Virtualization.API.Guest", version: 2, method: "list", _sid: sid }),
      104,
    );
    expectCode(
      await call(ep, { api: "SYNO.Virtualization.API.Guest", version: 1, method: "get", _sid: sid }),
      114,
    );
    expectCode(await call(ep, { api: "SYNO.API.Auth", version: 6, method: "login", account: "admin" }), 114);
  });

  it("answers 119 without or with an unknown sid, and after logout", async () => {
    expectCode(await call(ep, { api: "SYNO.Virtualization.API.Guest", version: 1, method: "list" }), 119);
    expectCode(
      await call(ep, { api: "SYNO.Virtualization.API.Guest", version: 1, method: "list", _sid: "nope" }),
      119,
    );
    const sid = await login(ep, sim);
    expectOk(await call(ep, { api: "SYNO.Virtualization.API.Guest", version: 1, method: "list", _sid: sid }));
    expectOk(
      await call(ep, { api: "SYNO.API.Auth", version: 6, method: "logout", session: "dsm_info", _sid: sid }),
    );
    expectCode(
      await call(ep, { api: "SYNO.Virtualization.API.Guest", version: 1, method: "list", _sid: sid }),
      119,
    );
  });

  it("answers 106 once a session stayed idle longer than sessionIdleSeconds, and keeps answering it", async () => {
    const sid = await login(ep, sim);
    await sleep(400);
    expectCode(
      await call(ep, { api: "SYNO.Virtualization.API.Network", version: 1, method: "list", _sid: sid }),
      106,
    );
    expectCode(
      await call(ep, { api: "SYNO.Virtualization.API.Network", version: 1, method: "list", _sid: sid }),
      106,
    );
  });

  it("a session is valid only on the box that issued it: every other box answers 119 (ADR 019)", async () => {
    const sid = await login(sim.endpoints[2], sim);
    const list = (e: string) =>
      call(e, { api: "SYNO.Virtualization.API.Host", version: 1, method: "list", _sid: sid });
    expectOk(await list(sim.endpoints[2]));
    for (const e of [sim.endpoints[0], sim.endpoints[1]]) expectCode(await list(e), 119);
    // A logout sent to another box does not end the session where it lives.
    expectOk(await call(sim.endpoints[0], { api: "SYNO.API.Auth", version: 6, method: "logout", _sid: sid }));
    expectOk(await list(sim.endpoints[2]));
  });

  it("format=cookie sets cookie id, which then works without _sid", async () => {
    const r = await raw(
      `${ep}/webapi/auth.cgi?api=SYNO.API.Auth&version=3&method=login&account=admin&passwd=${sim.password}`,
    );
    const cookie = String(r.headers["set-cookie"]).split(";")[0];
    expect(cookie).to.match(/^id=/);
    const list = await raw(`${ep}/webapi/entry.cgi?api=SYNO.Virtualization.API.Guest&version=1&method=list`, {
      headers: { cookie },
    });
    expect(JSON.parse(list.text).success).to.equal(true);
  });

  it("enable_syno_token=yes returns a synotoken that the session then requires (header or param)", async () => {
    const r = expectOk(
      await call(ep, {
        api: "SYNO.API.Auth",
        version: 6,
        method: "login",
        account: "admin",
        passwd: sim.password,
        format: "sid",
        enable_syno_token: "yes",
      }),
    );
    const q = { api: "SYNO.Virtualization.API.Guest", version: 1, method: "list", _sid: r.sid as string };
    expectCode(await call(ep, q), 119);
    expectOk(await call(ep, q, { headers: { "X-SYNO-TOKEN": r.synotoken as string } }));
    expectOk(await call(ep, { ...q, SynoToken: r.synotoken as string }));
  });

  it("JSON-text params with string numbers are accepted; bad JSON answers 401", async () => {
    const sid = await login(ep, sim);
    const bad = await call(ep, {
      api: "SYNO.Virtualization.API.Guest",
      version: 1,
      method: "create",
      _sid: sid,
      guest_name: "x",
      storage_name: "syno-1 - VM Storage 1",
      vdisks: "[{",
      vnics: "[]",
    });
    expectCode(bad, 401);
    const ok = await call(ep, {
      api: "SYNO.Virtualization.API.Guest",
      version: 1,
      method: "create",
      _sid: sid,
      guest_name: "strnum",
      storage_name: "syno-1 - VM Storage 1",
      vdisks: [{ create_type: "0", vdisk_size: "10240" }],
      vnics: [{ network_id: "" }],
    });
    expect(expectOk(ok).task_id).to.match(/^@administrators\/virtualization_api_guest_create[0-9A-F]{16}$/);
  });

  it("answers 400 for a wrong password (HTTP 200 envelope)", async () => {
    expectCode(
      await call(ep, {
        api: "SYNO.API.Auth",
        version: 6,
        method: "login",
        account: "admin",
        passwd: "wrong",
      }),
      400,
    );
    expectCode(
      await call(ep, {
        api: "SYNO.API.Auth",
        version: 6,
        method: "login",
        account: "root",
        passwd: sim.password,
      }),
      400,
    );
  });
});

describe("simulator: 407 after repeated failed logins from one address", () => {
  it("blocks the address after loginMaxFailures failures, even for the right password", async () => {
    const sim = await startSimulator({ hosts: 1, loginMaxFailures: 3 });
    try {
      const ep = sim.endpoints[0];
      const q = { api: "SYNO.API.Auth", version: 6, method: "login", account: "admin" };
      for (let i = 0; i < 3; i++) expectCode(await call(ep, { ...q, passwd: "bad" }), 400);
      expectCode(await call(ep, { ...q, passwd: "bad" }), 407);
      expectCode(await call(ep, { ...q, passwd: sim.password }), 407);
      await sim.control.reset();
      expectOk(await call(ep, { ...q, passwd: sim.password }));
    } finally {
      await sim.close();
    }
  });
});
