/**
 * Scenario 11 on a simulated real NAS (`dsm: "real"`): the real DSM 7 catalogue lists
 * SYNO.Virtualization.Cluster/.Host/.HA/.Guest.Action but not the simulator marker, so the provider
 * stays official-only: VMs and images are managed through Synology's official API; Cluster, Host
 * and HAPair verify and say what to do in the VMM UI; placement (runningHost) is read from the
 * internal SYNO.Virtualization.Guest list; and no internal write is ever sent.
 */
import { expect } from "chai";
import { REAL_READS } from "../../simulator/api/real/reads";
import { Scenario, type ClusterSpec } from "./support/cluster";

/** Synology's undocumented namespaces, and ours: nothing but the real reads may reach them. */
const NOT_OFFICIAL = /^SYNO\.(Virtualization\.(?!API\.)|CCC\.|VMMDR\.|SynoVmmSim\.)/;

const HOSTS = [
  { name: "syno-1", box: 1 },
  { name: "syno-2", box: 2 },
  { name: "syno-3", box: 3 },
];

function spec(web1Host = "syno-1", allowRestart = false): ClusterSpec {
  return {
    hosts: HOSTS,
    vms: [
      { name: "web-1", host: web1Host, allowRestart },
      { name: "web-2", host: "syno-2" },
      { name: "db-1", ha: { active: "syno-1", passive: "syno-3" } },
    ],
  };
}

describe("e2e: a real NAS (sim --dsm real, scenario 11)", function () {
  this.timeout(300_000);
  let s: Scenario;
  let internalCalls = 0;

  before(async () => {
    s = await Scenario.start("realdsm", { hosts: 3, dsm: "real" });
  });
  after(async () => s?.close());

  /** After every step: the request log shows 0 internal writes (any non-read internal method). */
  afterEach(() => {
    const log = s.sim.control.requestLog();
    const internal = log.filter((e) => NOT_OFFICIAL.test(e.api));
    internalCalls += internal.length;
    const writes = internal.filter((e) => !REAL_READS.has(`${e.api} ${e.method}`));
    expect(writes.map((e) => `${e.api} ${e.method}`)).to.deep.equal([]);
    s.sim.control.clearLog();
  });

  function runningHost(stackResources: { urn: string; outputs: Record<string, unknown> }[], vm: string) {
    return stackResources.find((r) => r.urn.endsWith(`::lab.${vm}`))?.outputs.runningHost;
  }

  it("lists Synology's real names but not the simulator marker", async () => {
    const res = await fetch(
      `${s.sim.endpoints[0]}/webapi/query.cgi?api=SYNO.API.Info&version=1&method=query&query=all`,
    );
    const apis = Object.keys(((await res.json()) as { data: Record<string, unknown> }).data);
    expect(apis).to.include.members(["SYNO.Virtualization.API.Guest", "SYNO.Virtualization.HA"]);
    expect(apis.filter((a) => a.startsWith("SYNO.SynoVmmSim."))).to.deep.equal([]);
  });

  it("1. creates the image and VMs; the cluster, hosts and HA pair are verified, not created", async () => {
    s.writeSpec(spec());
    const before = s.sim.control.snapshot();
    const { changes, rec } = await s.up();
    expect(changes).to.deep.equal({ create: 10 }); // stack, cluster, 3 hosts, image, 3 VMs, HA pair
    const after = s.sim.control.snapshot();
    expect(after.hosts.filter((h) => h.joined)).to.have.length(before.hosts.filter((h) => h.joined).length);
    expect(after.guests.map((g) => g.name).sort()).to.deep.equal(["db-1", "web-1", "web-2"]);
    expect(s.hostName(s.guest("web-2").hostId)).to.equal("syno-2");
    expect(after.images.map((i) => i.name)).to.include("ubuntu-24.04");
    expect(after.haPairs).to.deep.equal([]); // the official API cannot enable HA
    expect(rec.text()).to.include('Make sure that in VMM → High Availability, "db-1" is protected');
    expect(rec.text()).to.include("real DSM: SYNO.Virtualization.* internal APIs listed");
    const resources = (await s.stack.exportStack()).deployment.resources;
    expect(runningHost(resources, "web-2")).to.equal("syno-2");
    const cluster = resources.find((r: { urn: string }) => r.urn.endsWith("::lab"));
    expect(cluster?.outputs.capability).to.equal("official-only");
  });

  it("2. previews no change again, and none after a refresh", async () => {
    expect((await s.preview()).summary).to.deep.equal({ same: 10 });
    await s.stack.refresh();
    const after = await s.preview();
    expect(after.summary, after.rec.text()).to.deep.equal({ same: 10 });
  });

  it("3. a host change of a running VM needs allowRestart there (no live migration), then moves it cold", async () => {
    s.writeSpec(spec("syno-3"));
    const refused = await s.previewFailure();
    // This failed twice in full CI runs and never alone: say what the simulator held and who changed it.
    const seen = () =>
      `${refused}\nguests: ${JSON.stringify(s.sim.control.snapshot().guests.map((g) => [g.name, g.status, g.hostId]))}` +
      `\nwrites since step 2: ${JSON.stringify(
        s.sim.control
          .requestLog()
          .filter((e) => e.mutated || e.code !== 0)
          .map((e) => [e.time, e.api, e.method, e.code, e.session, e.params]),
      )}`;
    expect(refused, seen()).to.match(/needs live migration, which only the VMM cluster API offers/);
    expect(refused).to.include("allowRestart: true");
    expect(s.hostName(s.guest("web-1").hostId)).to.equal("syno-1");

    s.writeSpec(spec("syno-3", true));
    const preview = await s.preview();
    expect(preview.rec.steps()).to.deep.include(["lab.web-1", "update"]);
    await s.up();
    expect(s.hostName(s.guest("web-1").hostId)).to.equal("syno-3");
    expect(s.guest("web-1").status).to.equal("running");
    expect(runningHost((await s.stack.exportStack()).deployment.resources, "web-1")).to.equal("syno-3");
  });

  it("4. runningHost follows an HA failover injected in the simulator, on refresh", async () => {
    const active = s.hostName(s.guest("db-1").hostId);
    expect(active, "db-1 runs somewhere after step 1").to.be.a("string");
    if (active === null) return;
    const passive = ["syno-1", "syno-2", "syno-3"].find((h) => h !== active) as string;
    s.sim.control.enableHa({ guest: "db-1", active, passive });
    await s.sim.control.hostDown(active, "unreachable");
    await new Promise((r) => setTimeout(r, 500));
    try {
      const refresh = await s.stack.refresh();
      expect(refresh.summary.result).to.equal("succeeded");
      expect(s.hostName(s.guest("db-1").hostId)).to.equal(passive);
      expect(runningHost((await s.stack.exportStack()).deployment.resources, "db-1")).to.equal(passive);
    } finally {
      await s.sim.control.hostUp(active);
      // As a person would in VMM → High Availability: a real NAS refuses to delete an HA guest.
      s.sim.control.disableHa("db-1");
    }
  });

  it("fails the preview for a host that is not a member, saying what to do in the VMM UI", async () => {
    s.writeSpec({ ...spec("syno-3", true), hosts: [...HOSTS, { name: "syno-9", box: 9 }] });
    const failure = await s.previewFailure();
    expect(failure, failure).to.include('host "syno-9" is not a member of the cluster');
    expect(failure).to.include("VMM → Cluster → Host → Add");
  });

  it("destroys what it created and leaves the cluster and its hosts alone", async () => {
    s.writeSpec(spec("syno-3", true));
    await s.stack.destroy();
    const world = s.sim.control.snapshot();
    expect(world.guests).to.deep.equal([]);
    expect(world.images.map((i) => i.name)).to.not.include("ubuntu-24.04");
    expect(world.hosts.filter((h) => h.joined)).to.have.length(3);
    // The internal reads were used (placement), and never anything else (afterEach).
    expect(internalCalls).to.be.greaterThan(0);
  });
});
