import { expect } from "chai";
import {
  checkFailoverCapacity,
  checkHostAddresses,
  checkHostCount,
  checkQuorum,
  checkSha,
  evaluate,
  quorumSize,
  toleratedHostFailures,
  type Finding,
  type LiveView,
} from "../../../provider/rules/index";
import { cluster, host, vm } from "./fixture";

const ids = (findings: Finding[]): string[] => findings.map((f) => `${f.rule}:${f.severity}`);

describe("rules", () => {
  it("find nothing wrong with the valid fixture", () => {
    expect(evaluate(cluster())).to.deep.equal([]);
  });

  describe("quorum arithmetic (R2)", () => {
    it("tolerates ceil(n/2)-1 host failures", () => {
      expect([1, 2, 3, 4, 5, 6, 7].map(toleratedHostFailures)).to.deep.equal([0, 0, 1, 1, 2, 2, 3]);
      expect([1, 2, 3, 4, 5, 6, 7].map(quorumSize)).to.deep.equal([1, 2, 2, 3, 3, 4, 4]);
      expect(toleratedHostFailures(0)).to.equal(0);
    });

    it("refuses to act when a majority of live hosts is down", () => {
      const live: LiveView = {
        hosts: [
          { name: "nas-a", online: true },
          { name: "nas-b", online: false },
          { name: "nas-c", online: false },
        ],
      };
      const [finding] = checkQuorum(cluster(), live);
      expect(finding.rule).to.equal("R2");
      expect(finding.message).to.contain("Only 1 of 3").and.contain("nas-b, nas-c");
      expect(checkQuorum(cluster())).to.deep.equal([]);
      expect(
        checkQuorum(cluster(), { hosts: live.hosts.map((h) => ({ ...h, online: h.name !== "nas-c" })) }),
      ).to.deep.equal([]);
    });
  });

  describe("R1 with a live view", () => {
    it("counts live hosts the spec does not list", () => {
      const desired = cluster({
        hosts: [1, 2, 3, 4, 5, 6].map((i) => host(`nas-${i}`, 10 + i)),
        virtualMachines: [],
      });
      expect(checkHostCount(desired)).to.deep.equal([]);
      const live: LiveView = {
        hosts: [
          { name: "old-1", online: true },
          { name: "old-2", online: true },
        ],
      };
      const [finding] = checkHostCount(desired, live);
      expect(finding.rule).to.equal("R1");
      expect(finding.message).to.contain("8 hosts").and.contain("old-1, old-2");
      expect(finding.path).to.equal("spec.hosts");
    });
  });

  describe("R8 live: static IPs freeze once a second host joined", () => {
    it("reports an address change of a member", () => {
      const live: LiveView = {
        hosts: [
          { name: "nas-a", address: "10.20.0.21", online: true },
          { name: "nas-b", address: "10.20.0.12", online: true },
        ],
      };
      const findings = checkHostAddresses(cluster(), live);
      expect(findings.map((f) => f.path)).to.deep.equal(["spec.hosts[0].address"]);
      expect(findings[0].message).to.contain("10.20.0.21");
      expect(checkHostAddresses(cluster(), { hosts: [live.hosts[0]] })).to.deep.equal([]);
    });
  });

  it("R14: an sha host must already be an SHA cluster live", () => {
    const desired = cluster({
      hosts: [host("nas-a", 11, { sha: true }), host("nas-b", 12), host("nas-c", 13)],
    });
    expect(checkSha(desired)).to.deep.equal([]);
    expect(checkSha(desired, { hosts: [{ name: "nas-a", online: true, sha: true }] })).to.deep.equal([]);
    const [finding] = checkSha(desired, { hosts: [{ name: "nas-a", online: true, sha: false }] });
    expect(finding.rule).to.equal("R14");
    expect(finding.path).to.equal("spec.hosts[0].sha");
  });

  describe("failover capacity", () => {
    const cap = { cpu: 8, memory: "16GiB" };
    const hosts = [
      host("nas-a", 11, { capacity: cap }),
      host("nas-b", 12, { capacity: cap }),
      host("nas-c", 13, { capacity: cap }),
    ];

    it("warns when the passive host could not absorb the HA VMs of a failed host", () => {
      const desired = cluster({
        hosts,
        virtualMachines: [
          vm("a1", { memory: "8GiB", highAvailability: { active: "nas-a", passive: "nas-b" } }),
          vm("b1", { memory: "12GiB", host: "nas-b" }),
        ],
      });
      const findings = checkFailoverCapacity(desired);
      expect(ids(findings)).to.deep.equal(["CAPACITY:warning"]);
      expect(findings[0].path).to.equal("spec.hosts[1].capacity");
      expect(findings[0].message).to.contain('If host "nas-a" fails').and.contain("a1");
    });

    it("ignores stopped VMs and hosts without a declared capacity", () => {
      const desired = cluster({
        hosts,
        virtualMachines: [
          vm("a1", {
            memory: "8GiB",
            power: "stopped",
            highAvailability: { active: "nas-a", passive: "nas-b" },
          }),
          vm("b1", { memory: "12GiB", host: "nas-b" }),
        ],
      });
      expect(checkFailoverCapacity(desired)).to.deep.equal([]);
      expect(
        checkFailoverCapacity(
          cluster({ virtualMachines: [vm("big", { memory: "1024TiB", host: "nas-a" })] }),
        ),
      ).to.deep.equal([]);
    });

    it("warns when a host is over capacity before any failure", () => {
      const desired = cluster({ hosts, virtualMachines: [vm("x", { cpu: 12, host: "nas-c" })] });
      const [finding] = checkFailoverCapacity(desired);
      expect(finding.message).to.contain("12 vCPUs (it has 8)");
    });
  });

  it("counts a live host the spec does not list as a valid placement and HA target", () => {
    const desired = cluster({
      virtualMachines: [vm("v", { host: "nas-x", highAvailability: { active: "nas-x", passive: "nas-a" } })],
    });
    expect(ids(evaluate(desired)).filter((i) => i.endsWith("error"))).to.include.members([
      "REF:error",
      "R6:error",
    ]);
    const live: LiveView = { hosts: [{ name: "nas-x", online: true }] };
    // Four members now: R3 warns about the even count, and nothing else is wrong.
    expect(ids(evaluate(desired, live))).to.deep.equal(["R3:warning"]);
  });

  it("R8: a host may not sit on the subnet's network or broadcast address", () => {
    const model = cluster({ hosts: [host("nas-a", 0), host("nas-b", 255), host("nas-c", 13)] });
    const found = evaluate(model).filter((f) => f.rule === "R8");
    expect(found.map((f) => f.path)).to.deep.equal(["spec.hosts[0].address", "spec.hosts[1].address"]);
    expect(found[0].message).to.contain("network address of the cluster subnet 10.20.0.0/24");
    expect(found[1].message).to.contain("broadcast address");
    const tiny = cluster({
      clusterNetwork: { subnet: "10.20.0.0/31", reservedRange: { from: "10.20.0.0", to: "10.20.0.1" } },
      hosts: [host("nas-a", 0)],
    });
    expect(evaluate(tiny).filter((f) => f.rule === "R8")).to.deep.equal([]);
  });

  it("UNIQUE: a host lists each volume once", () => {
    const twice = host("nas-c", 13, {
      volumes: [
        { path: "/volume1", filesystem: "btrfs" },
        { path: "/volume1", filesystem: "btrfs" },
      ],
    });
    const found = evaluate(cluster({ hosts: [host("nas-a", 11), host("nas-b", 12), twice] }));
    expect(found.filter((f) => f.rule === "UNIQUE").map((f) => f.path)).to.deep.equal([
      "spec.hosts[2].volumes[1].path",
    ]);
  });

  it("every finding names its rule, a spec path, a message and a fix", () => {
    const desired = cluster({
      domain: undefined,
      clusterNetwork: undefined,
      hosts: [host("nas-a", 11), host("nas-a", 11)],
    });
    const findings = evaluate(desired);
    expect(findings.length).to.be.greaterThan(3);
    for (const f of findings) {
      expect(f.path).to.match(/^spec\./);
      expect(f.message.length).to.be.greaterThan(20);
      expect(f.fix.length).to.be.greaterThan(10);
    }
  });
});
