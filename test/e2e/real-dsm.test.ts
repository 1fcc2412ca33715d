/**
 * Scenario 11: a cluster seen only through Synology's official API (no cluster, host, HA or
 * migration APIs). VMs and images are managed fully; Cluster, Host and HAPair verify and say what
 * to do in the VMM UI (architecture decision 1).
 */
import { expect } from "chai";
import { Scenario, type ClusterSpec } from "./support/cluster";

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

describe("e2e: official-API-only cluster (scenario 11)", function () {
  this.timeout(300_000);
  let s: Scenario;

  before(async () => {
    s = await Scenario.start("official", { hosts: 3, officialOnly: true });
  });
  after(async () => s?.close());

  it("sees only the official API in SYNO.API.Info", async () => {
    const res = await fetch(
      `${s.sim.endpoints[0]}/webapi/query.cgi?api=SYNO.API.Info&version=1&method=query&query=all`,
    );
    const apis = Object.keys(((await res.json()) as { data: Record<string, unknown> }).data);
    expect(apis).to.include("SYNO.Virtualization.API.Guest");
    expect(apis).to.not.include("SYNO.Virtualization.HA");
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
    expect(refused).to.match(/needs live migration, which only the VMM cluster API offers/);
    expect(refused).to.include("allowRestart: true");
    expect(s.hostName(s.guest("web-1").hostId)).to.equal("syno-1");

    s.writeSpec(spec("syno-3", true));
    const preview = await s.preview();
    expect(preview.rec.steps()).to.deep.include(["lab.web-1", "update"]);
    await s.up();
    expect(s.hostName(s.guest("web-1").hostId)).to.equal("syno-3");
    expect(s.guest("web-1").status).to.equal("running");
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
  });
});
