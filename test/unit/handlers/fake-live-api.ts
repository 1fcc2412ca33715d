/**
 * An in-memory LiveApi for unit tests of the reconcilers: enough behaviour to observe what a
 * handler asked for (calls) without HTTP. Behaviour of the real cluster is tested against the
 * simulator in the integration and e2e tiers.
 */
import type {
  CapabilityLevel,
  Guest,
  LiveApi,
  LiveClusterInfo,
  GuestCreateInput,
  GuestPatch,
  HaPair,
  LiveHostInfo,
  LiveImage,
} from "../../../provider/live/live-api";

/** The client's guest, writable so the fake can apply a setGuest. */
export type FakeGuest = { -readonly [K in keyof Guest]: Guest[K] };

/** A guest as the client reads it with details, from the fields a test cares about. */
export function fakeGuest(
  g: Pick<Guest, "id" | "name" | "status" | "storageId"> & Partial<Guest>,
): FakeGuest {
  return {
    description: "",
    storageName: "",
    autorun: "last",
    vcpus: 1,
    memoryMiB: 1024,
    disks: [],
    nics: [],
    ...g,
  };
}

export class FakeLiveApi implements LiveApi {
  calls: string[] = [];
  levelValue: CapabilityLevel = "managed";
  clusterInfo: LiveClusterInfo = {
    id: "c1",
    name: "lab",
    status: "healthy",
    network: { subnet: "10.20.0.0/24", reservedRange: { from: "10.20.0.10", to: "10.20.0.40" } },
    domain: null,
    hostCount: 3,
    onlineHostCount: 3,
    quorum: true,
  };
  hostList: LiveHostInfo[] = ["nas-a", "nas-b", "nas-c"].map((name, i) => ({
    id: `h${i + 1}`,
    name,
    boxAddress: `http://127.0.10.${i + 1}:5000`,
    clusterIp: `10.20.0.${11 + i}`,
    status: "online",
    joined: true,
    sha: false,
    cpuThreads: 8,
    memoryMiB: 16384,
    volumes: [{ path: "/volume1", filesystem: "btrfs", inCluster: true }],
  }));
  guestList: FakeGuest[] = [];
  pairs: HaPair[] = [];

  private log(call: string): void {
    this.calls.push(call);
  }
  async level() {
    return this.levelValue;
  }
  async cluster() {
    return this.clusterInfo;
  }
  async createCluster(p: { name: string }) {
    this.log(`createCluster ${p.name}`);
    return "c1";
  }
  async setCluster() {
    this.log("setCluster");
  }
  async deleteCluster() {
    this.log("deleteCluster");
  }
  async hosts() {
    return this.hostList;
  }
  async joinHost(p: { name: string }) {
    this.log(`joinHost ${p.name}`);
    return "h9";
  }
  async leaveHost(id: string) {
    this.log(`leaveHost ${id}`);
  }
  async setHost(id: string) {
    this.log(`setHost ${id}`);
  }
  async storages() {
    return this.hostList.map((h, i) => ({
      id: `s${i + 1}`,
      name: `${h.name} - VM Storage 1`,
      hostId: h.id,
      hostName: h.name,
      volumePath: "/volume1",
      status: "online",
    }));
  }
  async networks() {
    return [{ id: "n1", name: "vm-lan" }];
  }
  imageList: LiveImage[] = [{ id: "i1", name: "ubuntu", type: "disk", storageIds: ["s1"] }];
  async images() {
    return this.imageList;
  }
  async createImage(p: { name: string }) {
    this.log(`createImage ${p.name}`);
    return "i2";
  }
  async deleteImage(id: string) {
    this.log(`deleteImage ${id}`);
  }
  async guests() {
    return this.guestList;
  }
  async guest(id: string) {
    return this.guestList.find((g) => g.id === id);
  }
  async guestNow(id: string) {
    return this.guest(id);
  }
  async createGuest(p: GuestCreateInput) {
    this.log(`createGuest ${p.name}`);
    this.guestList.push(
      fakeGuest({
        id: "g-new",
        name: p.name,
        status: "shutdown",
        storageId: p.storageId ?? "",
        // As a real NAS makes it (TFS #203): 1 vCPU and 1024 MB until a Guest set.
        vcpus: 1,
        memoryMiB: 1024,
        autorun: "off",
        description: "",
        disks: p.disks
          .map((d) => ("sizeMiB" in d ? d.sizeMiB : 10240))
          .map((s, i) => ({
            id: `d${i}`,
            sizeMiB: s,
            controller: "virtio",
            unmap: false,
          })),
      }),
    );
    return "g-new";
  }
  async setGuest(id: string, patch: GuestPatch) {
    this.log(`setGuest ${id} ${JSON.stringify(patch)}`);
    const g = this.guestList.find((x) => x.id === id);
    if (g && patch.vcpus !== undefined) g.vcpus = patch.vcpus;
    if (g && patch.memoryMiB !== undefined) g.memoryMiB = patch.memoryMiB;
    if (g && patch.name !== undefined) g.name = patch.name;
    if (g && patch.description !== undefined) g.description = patch.description;
    if (g && patch.autorun !== undefined) g.autorun = patch.autorun;
  }
  async deleteGuest(id: string) {
    this.log(`deleteGuest ${id}`);
  }
  async growDisks(id: string) {
    this.log(`growDisks ${id}`);
  }
  async powerOn(id: string, hostId?: string) {
    this.log(`powerOn ${id}${hostId ? ` on ${hostId}` : ""}`);
    const g = this.guestList.find((x) => x.id === id);
    if (g) {
      g.status = "running";
      const h = this.hostList.find((x) => x.id === (hostId ?? g.hostId ?? "h1"));
      g.hostId = h?.id;
      g.hostName = h?.name;
    }
  }
  async powerOff(id: string) {
    this.log(`powerOff ${id}`);
    const g = this.guestList.find((x) => x.id === id);
    if (g) g.status = "shutdown";
  }
  async moveGuest(id: string, dest: string) {
    this.log(`moveGuest ${id} ${dest}`);
    const g = this.guestList.find((x) => x.id === id);
    const h = this.hostList.find((x) => x.id === dest);
    if (g && h) {
      g.hostId = h.id;
      g.hostName = h.name;
    }
  }
  async haPairs() {
    return this.pairs;
  }
  async enableHa(guestId: string, a: string, p: string) {
    this.log(`enableHa ${guestId} ${a} ${p}`);
  }
  async setHa(guestId: string, a: string, p: string) {
    this.log(`setHa ${guestId} ${a} ${p}`);
  }
  async disableHa(guestId: string) {
    this.log(`disableHa ${guestId}`);
  }
}
