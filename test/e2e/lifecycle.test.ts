/**
 * The main life of a cluster, as ordered steps on one simulator and one stack (the
 * acceptance scenarios 1–4, 8, 9, 12 and 13 of the first release). Every step asserts the simulator's state, not only Pulumi's.
 */
import { expect } from "chai";
import { createHash } from "node:crypto";
import { createClient } from "../../provider/api";
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

  it("3. moves a running VM to another host by live migration: an update, never stopped (R13)", async () => {
    s.writeSpec(spec({ "web-1": { host: "nas-c" } }));
    const preview = await s.preview();
    expect(preview.summary, preview.rec.text()).to.deep.equal({ same: 10, update: 1 });
    expect(preview.rec.steps()).to.deep.include(["lab.web-1", "update"]);
    const since = new Date().toISOString();
    expect((await s.up()).changes).to.deep.equal({ same: 10, update: 1 });
    expect(s.hostName(s.guest("web-1").hostId)).to.equal("nas-c");
    expect(s.guest("web-1").status).to.equal("running");
    expect(s.wasStoppedSince("web-1", since), "web-1 was seen stopped during the move").to.equal(false);
  });

  it("4. swaps the HA pair's active and passive hosts by switchover: an update, never stopped", async () => {
    s.writeSpec(spec({ "web-1": { host: "nas-c" }, "db-1": { ha: { active: "nas-c", passive: "nas-a" } } }));
    const preview = await s.preview();
    expect(preview.summary, preview.rec.text()).to.deep.equal({ same: 10, update: 1 });
    expect(preview.rec.steps()).to.deep.include(["lab.db-1-ha", "update"]);
    const since = new Date().toISOString();
    await s.up();
    const db = s.guest("db-1");
    const pair = s.sim.control.snapshot().haPairs.find((p) => p.guestId === db.guestId);
    expect(pair && [s.hostName(pair.activeHostId), s.hostName(pair.passiveHostId)]).to.deep.equal([
      "nas-c",
      "nas-a",
    ]);
    expect(s.hostName(db.hostId)).to.equal("nas-c");
    expect(s.wasStoppedSince("db-1", since), "db-1 was seen stopped during the switchover").to.equal(false);
  });

  it("9. refuses a memory change of a running VM without allowRestart, and power-cycles it with it", async () => {
    const base = { "web-1": { host: "nas-c" }, "db-1": { ha: { active: "nas-c", passive: "nas-a" } } };
    s.writeSpec(spec({ ...base, "web-2": { memory: "2GiB" } }));
    const failure = await s.previewFailure();
    expect(failure).to.match(
      /Unable to update VirtualMachine "web-2": memory 1024 MiB → 2048 MiB needs a power cycle/,
    );
    expect(failure).to.include("allowRestart: true");
    expect(s.guest("web-2").vramSizeMb).to.equal(1024);

    s.writeSpec(spec({ ...base, "web-2": { memory: "2GiB", allowRestart: true } }));
    const since = new Date().toISOString();
    await s.up();
    const web2 = s.guest("web-2");
    expect(web2.vramSizeMb).to.equal(2048);
    expect(web2.status).to.equal("running");
    expect(s.wasStoppedSince("web-2", since), "the power cycle must show in the power history").to.equal(
      true,
    );
    expect((await s.preview()).summary).to.deep.equal({ same: 11 });
  });

  it("drift: a VM edited by hand shows as an update after refresh, and up puts it back", async () => {
    const client = createClient({
      endpoints: s.sim.endpoints,
      username: s.sim.username,
      password: s.sim.password,
    });
    try {
      await client.guests.set(s.guest("web-2").guestId, { autorun: "on", description: "edited by hand" });
    } finally {
      await client.close();
    }
    expect((await s.preview()).summary, "without refresh, state still says it is as declared").to.deep.equal({
      same: 11,
    });
    await s.stack.refresh();
    const drift = await s.preview();
    expect(drift.summary, drift.rec.text()).to.deep.equal({ same: 10, update: 1 });
    expect(drift.rec.steps()).to.deep.include(["lab.web-2", "update"]);
    await s.up();
    expect(s.guest("web-2")).to.deep.include({ autorun: 1, description: "" });
  });

  it("13. keeps the password and every session id out of `pulumi stack export` and the state files", async () => {
    const exported = s.exportAsUserSees();
    const onDisk = s.stateFilesOnDisk();
    expect(JSON.parse(exported).deployment.resources.length).to.be.greaterThan(10);
    const sessionHashes = new Set(s.sim.control.requestLog().flatMap((e) => (e.session ? [e.session] : [])));
    expect(sessionHashes.size, "the provider logged in").to.be.greaterThan(0);
    for (const [what, text] of [
      ["stack export", exported],
      ["state on disk", onDisk],
    ]) {
      expect(text, `${what} holds the password`).to.not.include(s.sim.password);
      const leaked = (text.match(/[A-Za-z0-9_-]{20,}/g) ?? []).filter((t) =>
        sessionHashes.has(createHash("sha256").update(t).digest("hex").slice(0, 12)),
      );
      expect(leaked, `${what} holds a session id`).to.deep.equal([]);
    }
    expect(exported).to.include("ciphertext"); // the password config value is stored encrypted
  });

  it("8. reports an HA failover on refresh and does not move the VM back", async () => {
    const db = s.guest("db-1");
    expect(s.hostName(db.hostId)).to.equal("nas-c");
    await s.sim.control.hostDown("nas-c", "unreachable");
    // web-1 without HA stays on its down host; db-1 fails over to its passive host nas-a.
    await new Promise((r) => setTimeout(r, 500));
    const refresh = await s.stack.refresh();
    expect(refresh.summary.result).to.equal("succeeded");
    expect(s.hostName(s.guest("db-1").hostId)).to.equal("nas-a");
    const outputs = (await s.stack.exportStack()).deployment.resources.find((r: { urn: string }) =>
      r.urn.endsWith("::lab.db-1"),
    );
    expect(outputs.outputs.runningHost).to.equal("nas-a");
    await s.sim.control.hostUp("nas-c");
    const preview = await s.preview();
    expect(preview.summary, preview.rec.text()).to.deep.equal({ same: 11 });
  });

  it("12. destroys everything: the simulator is back to the hosts only", async () => {
    const destroy = await s.stack.destroy();
    expect(destroy.summary.result).to.equal("succeeded");
    const world = s.sim.control.snapshot();
    expect(world.guests).to.deep.equal([]);
    expect(world.haPairs).to.deep.equal([]);
    expect(world.images).to.deep.equal([]);
    expect(world.hosts.filter((h) => h.joined)).to.deep.equal([]);
    expect(world.cluster.status).to.equal("not_created");
    expect(world.hosts).to.have.length(3);
  });
});
