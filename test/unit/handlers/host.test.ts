import { expect } from "chai";
import { setHandlerLog, setLiveApiFactory } from "../../../provider/live/context";
import { CapturedLog } from "../../../provider/live/log";
import { hostHandler as host } from "../../../provider/handlers/host";
import type { HostInputs, HostOutputs } from "../../../provider/resources/types";
import { FakeLiveApi } from "./fake-live-api";

const joining: HostInputs = {
  cluster: "lab",
  name: "nas-d",
  address: "10.20.0.14",
  endpoint: "http://127.0.10.4:5000",
  volumes: [{ path: "/volume1", filesystem: "btrfs" }],
  sha: false,
  specHosts: ["nas-a", "nas-b", "nas-c", "nas-d"],
};

describe("Host reconciler (fake cluster)", () => {
  let api: FakeLiveApi;
  beforeEach(() => {
    api = new FakeLiveApi();
    api.hostList.push({
      id: "h4",
      name: "syno-4",
      boxAddress: "http://127.0.10.4:5000",
      clusterIp: null,
      status: "online",
      joined: false,
      sha: false,
      cpuThreads: 8,
      memoryMiB: 16384,
      volumes: [{ path: "/volume1", filesystem: "btrfs", inCluster: false }],
    });
    setLiveApiFactory(() => api);
  });
  after(() => setLiveApiFactory(undefined));

  it("says through the handler log, not the console, that official-only cannot remove a host", async () => {
    const log = new CapturedLog();
    setHandlerLog(log);
    try {
      api.levelValue = "official-only";
      await host.delete("h4", { ...joining } as HostOutputs);
    } finally {
      setHandlerLog(undefined);
    }
    expect(log.notices).to.deep.equal([
      "[Host nas-d] left in the cluster: Synology's official API cannot remove hosts (VMM → Cluster → Host → Remove).",
    ]);
    expect(api.calls, "nothing sent").to.deep.equal([]);
  });

  it("accepts a 4th host joining a 3-host cluster", async () => {
    expect((await host.check({}, joining)).failures).to.deep.equal([]);
  });

  it("R14: refuses sha: true when the NAS to join is not an SHA pair, in check (preview)", async () => {
    const { failures } = await host.check({}, { ...joining, sha: true });
    expect(failures).to.have.length(1);
    expect(failures[0].reason).to.match(/^R14: Host "nas-d" is declared sha: true/);
  });

  it("R1: counts live members the spec does not list", async () => {
    for (let i = 5; i <= 8; i++) {
      api.hostList.push({
        ...api.hostList[0],
        id: `h${i}`,
        name: `other-${i}`,
        joined: true,
        boxAddress: `http://127.0.10.${i}:5000`,
      });
    }
    const { failures } = await host.check({}, joining);
    expect(failures.map((f) => f.reason.slice(0, 3))).to.deep.equal(["R1:"]);
    expect(failures[0].reason).to.include(
      "8 hosts (4 in the spec + 4 live hosts it does not list: other-5, other-6, other-7, other-8",
    );
  });

  it("R8: refuses a static IP change once more than one host has joined", async () => {
    const olds = {
      ...joining,
      name: "nas-a",
      address: "10.20.0.11",
      hostId: "h1",
      status: "online",
      cpuThreads: 8,
      ramMiB: 16384,
    };
    const err = await host.diff("h1", olds, { ...olds, address: "10.20.0.21" }).catch((e: Error) => e);
    expect((err as Error).message).to.match(
      /R8 at address: Host "nas-a" cannot change its static IP from 10.20.0.11 to 10.20.0.21/,
    );
    expect(api.calls).to.deep.equal([]);
  });
});
