// ADR 023: what an adopted object left out because no read told it (an image's path, a VM's
// image, a host's address or a volume's filesystem, the cluster's network) and the file fills in
// later is recorded, never sent and never a replacement; the same edit on an object the stack
// created keeps its old meaning (a replace-only field replaces).
import { expect } from "chai";
import { setLiveApiFactory } from "../../../provider/live/context";
import { clusterHandler } from "../../../provider/handlers/cluster";
import { hostHandler } from "../../../provider/handlers/host";
import { imageHandler } from "../../../provider/handlers/image";
import { virtualMachineHandler } from "../../../provider/handlers/virtual-machine";
import type {
  ClusterOutputs,
  HostOutputs,
  ImageOutputs,
  VirtualMachineInputs,
  VirtualMachineOutputs,
} from "../../../provider/resources/types";
import { FakeLiveApi } from "./fake-live-api";

describe("an adopted object's left-out values, filled in later (ADR 023)", () => {
  let api: FakeLiveApi;
  beforeEach(() => {
    api = new FakeLiveApi();
    setLiveApiFactory(() => api);
  });
  after(() => setLiveApiFactory(undefined));

  const image = { cluster: "lab", name: "ubuntu", type: "disk", storage: ["nas-a:/volume1"] } as const;

  it("Image: a path filled in on an adopted image is no change; on a created one it replaces", async () => {
    const adopted: ImageOutputs = { ...image, storage: [...image.storage], adopt: true, imageId: "i1" };
    const filled = { ...adopted, path: "/images/ubuntu.img" };
    expect(await imageHandler.diff("i1", adopted, filled)).to.deep.equal({ changes: false });
    const created: ImageOutputs = { ...adopted, adopt: false };
    const diff = await imageHandler.diff("i1", created, { ...filled, adopt: false });
    expect(diff.replaces).to.deep.equal(["path"]);
    // Once recorded, a different path on the adopted image is a new file: a new image.
    const again = await imageHandler.diff("i1", filled, { ...filled, path: "/images/other.img" });
    expect(again.replaces).to.deep.equal(["path"]);
    expect(api.calls, "nothing sent").to.deep.equal([]);
  });

  it("VirtualMachine: an image filled in on an adopted VM is no change; on a created one it replaces", async () => {
    const vm: VirtualMachineInputs = {
      cluster: "lab",
      name: "web-1",
      cpu: 2,
      memory: "4GiB",
      storage: "nas-a:/volume1",
      disks: [{ size: "40GiB" }],
      nics: [],
      power: "running",
      autorun: "last",
      allowRestart: false,
    };
    const outs = (i: VirtualMachineInputs): VirtualMachineOutputs => ({
      ...i,
      guestId: "g1",
      status: "running",
      runningHost: null,
      macs: [],
    });
    const adopted = { ...vm, adopt: true };
    expect(
      await virtualMachineHandler.diff("g1", outs(adopted), { ...adopted, image: "ubuntu" }),
    ).to.deep.equal({
      changes: false,
    });
    const diff = await virtualMachineHandler.diff("g1", outs(vm), { ...vm, image: "ubuntu" });
    expect(diff.replaces).to.deep.equal(["image"]);
  });

  it("Host: an address and a filesystem filled in on an adopted host are no change", async () => {
    const adopted: HostOutputs = {
      cluster: "lab",
      name: "nas-a",
      volumes: [{ path: "/volume1" }],
      adopt: true,
      hostId: "h1",
      status: "online",
      cpuThreads: 8,
      ramMiB: 16384,
    };
    const filled = {
      ...adopted,
      address: "10.20.0.11",
      volumes: [{ path: "/volume1", filesystem: "btrfs" }],
    };
    expect(await hostHandler.diff("h1", adopted, filled)).to.deep.equal({ changes: false });
    // Another volume is still another set of volumes: a replacement, as for any host.
    const more = { ...filled, volumes: [...filled.volumes, { path: "/volume2", filesystem: "btrfs" }] };
    const diff = await hostHandler.diff("h1", adopted, more);
    expect(diff.replaces).to.deep.equal(["volumes"]);
  });

  it("Cluster: a network filled in on an adopted cluster is no change", async () => {
    const adopted: ClusterOutputs = {
      cluster: "lab",
      adopt: true,
      clusterId: "official:lab",
      capability: "official-only",
      status: "verified",
      hostCount: 3,
      onlineHostCount: 3,
      quorum: true,
    };
    const network = { subnet: "10.20.0.0/24", reservedRange: { from: "10.20.0.10", to: "10.20.0.40" } };
    expect(
      await clusterHandler.diff("official:lab", adopted, { ...adopted, clusterNetwork: network }),
    ).to.deep.equal({ changes: false });
    expect(api.calls, "nothing sent").to.deep.equal([]);
  });
});
