// synovmm import's pure half: who owns a guest (our stack's mark stripped, another stack's VM
// commented out, a provisional name too), and scalars that YAML reads back as the same text.
import { expect } from "chai";
import { load } from "js-yaml";
import type { Guest } from "../../../provider/api";
import { scalar } from "../../../provider/cli/import/render";
import type { LiveCluster } from "../../../provider/cli/import/read-cluster";
import { importedSpec } from "../../../provider/cli/import/spec-model";

function guest(name: string, description: string): Guest {
  return {
    id: name,
    name,
    description,
    status: "shutdown",
    storageId: "s1",
    storageName: "nas-a - VM Storage 1",
    autorun: "off",
    vcpus: 1,
    memoryMiB: 1024,
    disks: [{ id: "d1", sizeMiB: 10240, controller: "virtio", unmap: false }],
    nics: [],
  };
}

const live = (guests: Guest[]): LiveCluster => ({
  level: "official-only",
  reason: "test",
  placementKnown: false,
  officialHosts: [
    {
      id: "h1",
      name: "nas-a",
      status: "running",
      cpuThreads: 8,
      freeCpuThreads: 8,
      memoryMiB: 16384,
      freeMemoryMiB: 16384,
    },
  ],
  members: [],
  storages: [
    {
      id: "s1",
      name: "VM Storage 1",
      hostId: "h1",
      hostName: "nas-a",
      volumePath: "/volume1",
      status: "healthy",
    },
  ],
  networks: [],
  images: [],
  guests,
});

describe("synovmm import: the spec model", () => {
  it("our stack's VM is kept with its mark stripped; another stack's and a provisional one are commented out", () => {
    const spec = importedSpec(
      live([
        guest("ours-1", "app [synovmm stack shop/dev]"),
        guest("theirs-1", "app [synovmm stack shop/prod]"),
        guest("web-1.synovmm-0123456789", ""),
        guest("plain-1", "made in the UI"),
      ]),
      { cluster: "lab", owner: "shop/dev" },
    );
    const byName = Object.fromEntries(spec.virtualMachines.map((v) => [v.name, v]));
    expect(byName["ours-1"]).to.include({ description: "app" });
    expect(byName["ours-1"].commentedOut).to.equal(undefined);
    expect(byName["theirs-1"].commentedOut).to.equal(
      "the Pulumi stack shop/prod manages it (one owner per VM)",
    );
    expect(byName["theirs-1"].description).to.equal("app");
    expect(byName["web-1.synovmm-0123456789"].commentedOut).to.match(/provisional name/);
    expect(byName["plain-1"]).to.include({ description: "made in the UI", power: "stopped" });
    expect(byName["plain-1"].hostNote).to.match(/not readable/);
  });

  it("a VM the spec cannot declare as it is (a NIC on no network, a description over 1024) is commented out, saying what to fix", () => {
    const unplugged = {
      ...guest("unplugged-1", ""),
      nics: [
        { id: "n1", mac: "02:11:32:AA:BB:CC", model: "virtio" as const, networkId: "", networkName: "" },
      ],
    };
    const spec = importedSpec(
      live([unplugged, guest("chatty-1", "x".repeat(1025)), guest("fine-1", "x".repeat(1024))]),
      {
        cluster: "lab",
      },
    );
    const byName = Object.fromEntries(spec.virtualMachines.map((v) => [v.name, v]));
    expect(byName["unplugged-1"].commentedOut).to.match(/connected to no network.*connect it in VMM/);
    expect(byName["chatty-1"].commentedOut).to.match(
      /1025 characters, more than the spec's 1024: shorten it in VMM/,
    );
    expect(byName["fine-1"].commentedOut).to.equal(undefined);
  });

  it("without --stack every marked VM belongs to another stack", () => {
    const spec = importedSpec(live([guest("ours-1", "app [synovmm stack shop/dev]")]), { cluster: "lab" });
    expect(spec.virtualMachines[0].commentedOut).to.match(/shop\/dev/);
    expect(spec.name).to.equal("lab");
    expect(spec.nameNote).to.match(/not readable/);
  });
});

describe("synovmm import: scalars", () => {
  const texts = [
    "database",
    "Default VM Network",
    "old app: keep",
    "a # not a comment",
    "on",
    "off",
    "yes",
    "null",
    "1.5",
    "1:30",
    "0x1f",
    "10.20.0.11",
    "00:11:32:aa:bb:cc",
    "trailing ",
    ' "quoted" ',
    "- dash",
    "[list]",
    "{map}",
    "*alias",
    "&anchor",
    "!tag",
    "%percent",
    "@at",
    "`tick`",
    "multi\nline",
    "ünïcode",
    "",
  ];
  for (const text of texts) {
    it(`${JSON.stringify(text)} reads back as the same string`, () => {
      expect(load(`key: ${scalar(text)}`)).to.deep.equal({ key: text });
    });
  }
  it("keeps a plain address or network name unquoted", () => {
    expect(scalar("10.20.0.11")).to.equal("10.20.0.11");
    expect(scalar("Default VM Network")).to.equal("Default VM Network");
  });
});
