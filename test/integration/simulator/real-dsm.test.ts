// `dsm: "real"` (and its old name officialOnly): the simulator lists and answers what a real VMM NAS
// does (docs/reference/vmm-internal-api-evidence.md), and keeps DSM's conventions.
import { expect } from "chai";
import { startSimulator, type SimulatorHandle } from "../../../simulator";
import gos from "../../fixtures/catalogues/gos-dsm7-vmm.json";
import { call, expectCode, expectOk, login } from "./helpers";

describe("simulator: dsm real", () => {
  let sim: SimulatorHandle;
  let ep: string;
  let sid: string;
  const api = (name: string, method: string, params: Record<string, string | number> = {}, version = 1) =>
    call(ep, { api: name, version, method, _sid: sid, ...params });

  before(async () => {
    sim = await startSimulator({ hosts: 3, dsm: "real" });
    ep = sim.endpoints[0];
    sid = await login(ep, sim);
  });
  after(() => sim.close());

  it("lists exactly the real VMM catalogue of the GOS capture: names, versions, paths, requestFormat", async () => {
    for (const cgi of ["query.cgi", "entry.cgi"]) {
      const data = expectOk(
        await call(ep, { api: "SYNO.API.Info", version: 1, method: "query", query: "all" }, { cgi }),
      );
      expect(data).to.deep.equal(gos.data);
    }
  });

  it("officialOnly: true is the same mode (old name kept)", async () => {
    const old = await startSimulator({ hosts: 1, officialOnly: true, bindBase: "127.0.11" });
    try {
      const data = expectOk(
        await call(old.endpoints[0], { api: "SYNO.API.Info", version: 1, method: "query", query: "all" }),
      );
      expect(Object.keys(data).sort()).to.deep.equal(Object.keys(gos.data).sort());
    } finally {
      await old.close();
    }
  });

  it("answers 102 for the private SYNO.SynoVmmSim.* APIs, marker included", async () => {
    for (const [name, method] of [
      ["SYNO.SynoVmmSim.Capability", "get"],
      ["SYNO.SynoVmmSim.Cluster", "get"],
      ["SYNO.SynoVmmSim.Host", "placement"],
      ["SYNO.SynoVmmSim.Guest.Move", "move"],
    ])
      expectCode(await api(name, method), 102);
  });

  it("Cluster get is a health summary with no id, name, network or quorum (v1 and v2)", async () => {
    for (const version of [1, 2]) {
      const c = expectOk(await api("SYNO.Virtualization.Cluster", "get", {}, version));
      expect(c).to.have.all.keys(
        "cluster_status",
        "guest_summ",
        "host_summ",
        "license_summ",
        "repo_summ",
        "reasons",
      );
      expect(c.cluster_status).to.equal("normal");
      expect(c.host_summ).to.deep.equal({ healthy: 3, warning: 0, error: 0 });
    }
  });

  it("Host list has the real shape: name (not host_name), status running, RAM in KiB", async () => {
    const r = expectOk(await api("SYNO.Virtualization.Host", "list", {}, 2));
    expect(r).to.include({ is_freeze: false, max_host_num: 7 });
    const h = (r.hosts as Record<string, unknown>[])[0];
    expect(h).to.include({
      name: "syno-1",
      status: "running",
      status_type: "healthy",
      total_ram_size: 16384 * 1024,
    });
    expect(h).to.not.have.any.keys("host_name", "box_address", "cluster_ip", "joined", "volumes", "ram_mb");
  });

  it("internal Guest list carries host_id/host_name and KiB; the official guest carries no host field", async () => {
    const id = sim.control.createGuest({ name: "placed", host: 2, running: true, vramSizeMb: 2048 });
    const r = expectOk(await api("SYNO.Virtualization.Guest", "list", {}, 2));
    const g = (r.guests as Record<string, unknown>[]).find((x) => x.guest_id === id);
    expect(g).to.include({
      name: "placed",
      host_id: sim.control.snapshot().hosts[1].hostId,
      host_name: "syno-2",
    });
    expect(g?.vram_size).to.equal(2048 * 1024);
    const official = expectOk(await api("SYNO.Virtualization.API.Guest", "get", { guest_id: id }));
    expect(official).to.not.have.any.keys("host_id", "host_name");
  });

  it("answers 103 for every other method of the internal APIs, and changes nothing", async () => {
    const before = JSON.stringify(sim.control.snapshot());
    for (const [name, method] of [
      ["SYNO.Virtualization.Cluster", "create"],
      ["SYNO.Virtualization.Host", "join"],
      ["SYNO.Virtualization.HA", "enable"],
      ["SYNO.Virtualization.Guest.Action", "move"],
      ["SYNO.Virtualization.Guest", "set"],
      ["SYNO.CCC.Cluster.Member", "list"],
    ])
      expectCode(await api(name, method, { guest_id: "x" }), 103);
    expect(JSON.stringify(sim.control.snapshot())).to.equal(before);
  });

  it("takes POSTs at /webapi/entry.cgi/<API name>, an empty selector as absent, and JSON-quoted values", async () => {
    sim.control.createGuest({ name: "x" });
    const bySegment = await call(
      ep,
      {
        api: "SYNO.Virtualization.API.Guest",
        version: 1,
        method: "get",
        guest_id: "",
        guest_name: "x",
        _sid: sid,
      },
      { cgi: "entry.cgi/SYNO.Virtualization.API.Guest" },
    );
    expect(expectOk(bySegment).guest_name).to.equal("x");
    const quoted = await call(ep, {
      api: '"SYNO.Virtualization.API.Guest"',
      version: 1,
      method: '"get"',
      guest_name: '"x"',
      _sid: sid,
    });
    expect(expectOk(quoted).guest_name).to.equal("x");
    const logged = sim.control
      .requestLog()
      .filter((e) => e.path === "/webapi/entry.cgi/SYNO.Virtualization.API.Guest");
    expect(logged).to.have.length(1);
  });

  it("answers errors as {code} only, as the guide's samples do; the request log keeps the reason (ADR 019)", async () => {
    sim.control.clearLog();
    for (const [params, code, why] of [
      [
        { api: "SYNO.Virtualization.API.Guest", method: "get", guest_name: "no-such" },
        401,
        /no guest 'no-such'/,
      ],
      [
        { api: "SYNO.Virtualization.API.Guest", method: "list", vcpu_num: 2 },
        401,
        /^vcpu_num: .*takes no parameter/,
      ],
      [{ api: "SYNO.SynoVmmSim.Guest.Disk", method: "set", guest_id: "x" }, 102, /^api: /],
      [{ api: "SYNO.Virtualization.API.Task.Info", method: "get", task_id: "nope" }, 1000, /nope/],
    ] as const) {
      const r = await call(ep, { version: 1, _sid: sid, ...params });
      expect(r, JSON.stringify(params)).to.deep.equal({ success: false, error: { code } });
      const entry = sim.control.requestLog().find((e) => e.api === params.api && e.method === params.method);
      expect(entry?.code).to.equal(code);
      expect(entry?.reason, JSON.stringify(entry)).to.match(why);
    }
    // The same holds for the inner calls of a compound.
    const compound = expectOk(
      await call(ep, {
        api: "SYNO.Entry.Request",
        version: 1,
        method: "request",
        _sid: sid,
        compound: [{ api: "SYNO.Virtualization.API.Guest", method: "get", version: 1, guest_name: "gone" }],
      }),
    );
    expect((compound.result as Record<string, unknown>[])[0]).to.deep.equal({
      api: "SYNO.Virtualization.API.Guest",
      method: "get",
      version: 1,
      success: false,
      error: { code: 401 },
    });
  });
});
