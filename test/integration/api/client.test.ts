import { expect } from "chai";
import { DsmError } from "../../../provider/api";
import { Harness, harness, newGuest, rejection } from "./sim";

describe("api (integration): typed methods against the simulator", function () {
  let h: Harness;
  beforeEach(async () => (h = await harness()));
  afterEach(async () => h.close());

  it("reads hosts, storages, networks and images as plain objects in MiB", async () => {
    const c = h.client();
    const hosts = await c.hosts.list();
    expect(hosts).to.have.length(3);
    expect(hosts[0]).to.include({ memoryMiB: 16384, cpuThreads: 8, status: "running" });
    const storages = await c.storages.list();
    expect(storages[0].sizeMiB).to.equal(1048576);
    expect((await c.networks.list()).map((n) => n.name)).to.include("Default VM Network");
    expect((await c.images.list()).map((i) => i.name)).to.include("ubuntu-22.04-cloud");
    expect((await c.capabilities()).level).to.equal("managed");
  });

  it("creates a guest through its task with progress, edits, powers and deletes it", async () => {
    const c = h.client();
    const [storage] = await c.storages.list();
    const progress: number[] = [];
    const g = await c.guests.create(
      {
        name: "web-1",
        storageId: storage.id,
        disks: [{ imageName: "ubuntu-22.04-cloud" }, { sizeMiB: 20480 }],
        nics: [{ networkName: "Default VM Network" }],
      },
      { onProgress: (p) => progress.push(p), initialIntervalMs: 10 },
    );
    // The documented create takes no CPU or memory: a new guest has 1 vCPU and 1024 MB (TFS #203).
    expect(g).to.include({ name: "web-1", status: "shutdown", vcpus: 1, memoryMiB: 1024 });
    expect(g.disks).to.have.length(2);
    expect(progress[progress.length - 1]).to.equal(100);
    expect(h.sim.control.snapshot().tasks).to.have.length(0, "task cleared after reading it");

    await c.guests.set(g.id, { memoryMiB: 4096, description: "db" });
    expect(await c.guests.get(g.id)).to.include({ memoryMiB: 4096, description: "db" });
    const [host] = await c.hosts.list();
    await c.guestActions.powerOn(g.id, { hostId: host.id });
    expect(await c.guests.get(g.id)).to.include({ status: "running", hostId: host.id });
    await c.guestActions.powerOff(g.id);
    await c.guests.delete(g.id);
    expect(await c.guests.findByName("web-1")).to.equal(undefined);
  });

  it("reports a duplicate name as 403 name conflict with the name and a fix", async () => {
    const c = h.client();
    await newGuest(c, "web-1");
    const err = (await rejection(newGuest(c, "web-1"))) as DsmError;
    expect(err).to.be.instanceOf(DsmError);
    expect(err.message).to.match(
      /^DSM call SYNO\.Virtualization\.API\.Guest create failed on 127\.0\.10\.1:\d+: 403 name conflict — a guest named "web-1" already exists/,
    );
    expect(err.message).to.match(/Fix: /);
  });

  it("creates and deletes an image", async () => {
    const c = h.client();
    const [storage] = await c.storages.list();
    const img = await c.images.create({
      name: "debian",
      type: "iso",
      dsFilePath: "/share/iso/debian.iso",
      storageIds: [storage.id],
    });
    expect(img).to.include({ name: "debian", type: "iso" });
    await c.images.delete(img.id);
    expect(await c.images.findByName("debian")).to.equal(undefined);
  });

  it("manages cluster, membership, HA and live migration (managed level)", async () => {
    const c = h.client();
    const cluster = await c.cluster.get();
    expect(cluster).to.include({ name: "lab", hostCount: 3, quorum: true });
    expect(cluster?.network).to.deep.equal({
      subnet: "10.10.0.0/24",
      reservedRange: { from: "10.10.0.10", to: "10.10.0.50" },
    });
    await c.cluster.set({ domain: "corp.example" });
    expect((await c.cluster.get())?.domain).to.equal("corp.example");

    const hosts = (await c.clusterHosts.list()).filter((x) => x.joined);
    await c.clusterHosts.set(hosts[0].id, { name: "alpha" });
    expect((await c.clusterHosts.get(hosts[0].id)).name).to.equal("alpha");

    const g = await newGuest(c, "app");
    await c.guestActions.powerOn(g.id, { hostId: hosts[0].id });
    const moved = await c.guestActions.move(g.id, hosts[1].id);
    expect(moved).to.include({ hostId: hosts[1].id, status: "running" });
    const guestSnap = h.sim.control.snapshot().guests.find((x) => x.guestId === g.id);
    const history = guestSnap?.powerHistory ?? [];
    const sinceOn = history.slice(history.findIndex((e) => e.status === "running"));
    expect(sinceOn.every((e) => e.status === "running")).to.equal(true, "live: never stopped");

    const pair = await c.ha.enable({ guestId: g.id, activeHostId: hosts[1].id, passiveHostId: hosts[2].id });
    expect(pair).to.include({ activeHostId: hosts[1].id, passiveHostId: hosts[2].id });
    const swapped = await c.ha.switchover(g.id);
    expect(swapped).to.include({ activeHostId: hosts[2].id, passiveHostId: hosts[1].id });
    await c.ha.disable(g.id);
    expect(await c.ha.list()).to.deep.equal([]);
    await c.guestActions.powerOff(g.id);
    await c.guests.delete(g.id);

    // Membership: the third host leaves and joins again.
    await c.clusterHosts.leave(hosts[2].id);
    expect((await c.clusterHosts.get(hosts[2].id)).joined).to.equal(false);
    const back = await c.clusterHosts.join({ boxAddress: hosts[2].boxAddress, clusterIp: "10.10.0.20" });
    expect(back).to.include({ id: hosts[2].id, joined: true, clusterIp: "10.10.0.20" });
  });

  it("creates a cluster and joins hosts on a fresh world", async () => {
    await h.close();
    h = await harness({ cluster: undefined });
    const c = h.client();
    expect(await c.cluster.get()).to.equal(undefined);
    const created = await c.cluster.create({
      name: "new",
      network: { subnet: "10.20.0.0/24", reservedRange: { from: "10.20.0.10", to: "10.20.0.20" } },
    });
    expect(created).to.include({ name: "new", hostCount: 0 });
    const boxes = await c.clusterHosts.list();
    const joined = await c.clusterHosts.join({
      boxAddress: boxes[0].boxAddress,
      clusterIp: "10.20.0.10",
      hostName: "first",
    });
    expect(joined).to.include({ name: "first", joined: true });
    const err = (await rejection(
      c.clusterHosts.join({ boxAddress: boxes[1].boxAddress, clusterIp: "10.99.0.1" }),
    )) as DsmError;
    expect(err.code).to.equal(401);
    expect(err.message).to.match(/R8/);
  });
});

describe("api (integration): official-only capability level", () => {
  let h: Harness;
  beforeEach(async () => (h = await harness({ officialOnly: true, cluster: undefined })));
  afterEach(async () => h.close());

  it("reports official-only and refuses internal calls without sending them", async () => {
    const c = h.client();
    const caps = await c.capabilities();
    expect(caps.level).to.equal("official-only");
    expect(caps.apis).to.include("SYNO.Virtualization.API.Guest");
    for (const call of [c.cluster.get(), c.clusterHosts.list(), c.ha.list(), c.guestActions.move("g", "h")]) {
      const err = (await rejection(call)) as DsmError;
      expect(err.category).to.equal("unsupported");
      expect(err.message)
        .to.match(/official-only/)
        .and.match(/Virtual Machine Manager/);
    }
    const sent = h.sim.control
      .requestLog()
      .filter((e) => !e.api.startsWith("SYNO.API") && !e.api.startsWith("SYNO.Virtualization.API."));
    expect(sent).to.deep.equal([]);
    // The official API still works fully.
    const g = await newGuest(c, "vm-1");
    expect(g.hostId).to.equal(undefined);
  });
});
