/**
 * The main life of a cluster, as ordered steps on one simulator and one stack (issue 6,
 * scenarios 1–4, 8, 9, 12, 13). Every step asserts the simulator's state, not only Pulumi's.
 */
import { expect } from "chai";
import { Scenario, type ClusterSpec } from "./support/cluster";

const HOSTS = [
  { name: "nas-a", box: 1 },
  { name: "nas-b", box: 2 },
  { name: "nas-c", box: 3 },
];

function spec(overrides: Partial<Record<string, object>> = {}): ClusterSpec {
  const vms = [
    { name: "web-1", host: "nas-a" },
    { name: "web-2", host: "nas-b" },
    { name: "db-1", ha: { active: "nas-a", passive: "nas-c" } },
    { name: "batch-1", power: "stopped" as const },
  ].map((vm) => ({ ...vm, ...(overrides[vm.name] ?? {}) }));
  return { hosts: HOSTS, vms };
}

describe("e2e: cluster lifecycle with the real pulumi CLI against the simulator", function () {
  this.timeout(300_000);
  let s: Scenario;

  before(async () => {
    s = await Scenario.start("lifecycle", { hosts: 3 });
  });
  after(async () => s?.close());

  it("1. creates a 3-host cluster with an image, 4 VMs and an HA pair from a spec file", async () => {
    s.writeSpec(spec());
    const { summary } = await s.preview();
    // stack + cluster + 3 hosts + image + 4 VMs + 1 HA pair
    expect(summary).to.deep.equal({ create: 11 });
    expect(s.sim.control.snapshot().cluster.status).to.equal("not_created"); // preview touched nothing

    const { changes } = await s.up();
    expect(changes).to.deep.equal({ create: 11 });
    const world = s.sim.control.snapshot();
    expect(world.cluster.name).to.equal("lab");
    expect(world.hosts.filter((h) => h.joined).map((h) => h.hostName)).to.deep.equal([
      "nas-a",
      "nas-b",
      "nas-c",
    ]);
    expect(world.images.map((i) => i.name)).to.deep.equal(["ubuntu-24.04"]);
    expect(world.guests.map((g) => g.name).sort()).to.deep.equal(["batch-1", "db-1", "web-1", "web-2"]);
    expect(s.hostName(s.guest("web-1").hostId)).to.equal("nas-a");
    expect(s.hostName(s.guest("web-2").hostId)).to.equal("nas-b");
    expect(s.guest("batch-1").status).to.equal("shutdown");
    const pair = world.haPairs.find((p) => p.guestId === s.guest("db-1").guestId);
    expect(pair && [s.hostName(pair.activeHostId), s.hostName(pair.passiveHostId)]).to.deep.equal([
      "nas-a",
      "nas-c",
    ]);
  });

  it("2. previews no change again, and none after a refresh", async () => {
    expect((await s.preview()).summary).to.deep.equal({ same: 11 });
    await s.stack.refresh();
    const after = await s.preview();
    expect(after.summary, after.rec.text()).to.deep.equal({ same: 11 });
  });
});
