/** Findings carry a structured target; the spec path is made from it, never parsed back. */
import { expect } from "chai";
import { at, checkHaPair, clusterModel, evaluate, fieldText, pathOf } from "../../../provider/rules/index";
import { failuresFromFindings, fieldOf } from "../../../provider/handlers/check-failures";
import { cluster } from "./fixture";

describe("rules: finding targets", () => {
  it("make the spec paths the report places in the file", () => {
    expect(at.host(3, "nas-d", "address").path).to.equal("spec.hosts[3].address");
    expect(at.vm(1, "web", "nics", 0, "network").path).to.equal("spec.virtualMachines[1].nics[0].network");
    expect(at.image(0, "ubuntu", "storage", 2).path).to.equal("spec.images[0].storage[2]");
    expect(at.cluster("lab", "clusterNetwork", "reservedRange", "from").path).to.equal(
      "spec.clusterNetwork.reservedRange.from",
    );
    expect(at.cluster("lab", "hosts").path).to.equal("spec.hosts");
    expect(at.network(2, "vm-lan").path).to.equal("spec.networks[2]");
  });

  it("name the resource and the field", () => {
    expect(at.vm(1, "web", "highAvailability", "active").target).to.deep.equal({
      kind: "VirtualMachine",
      name: "web",
      index: 1,
      field: ["highAvailability", "active"],
    });
    expect(fieldText(["volumes", 1, "path"])).to.equal("volumes[1].path");
  });

  it("every finding's path is its target's", () => {
    const broken = cluster();
    broken.hosts[1].address = "not-an-ip";
    broken.virtualMachines[0].image = "nope";
    const findings = evaluate(broken);
    expect(findings.length).to.be.greaterThan(1);
    for (const f of findings) expect(f.path).to.equal(pathOf(f.target));
  });

  it("a handler's check puts its own fields on their input names, others on their spec path", () => {
    const findings = [
      {
        rule: "R8" as const,
        severity: "error" as const,
        ...at.host(2, "nas-c", "address"),
        message: "m",
        fix: "f",
      },
      {
        rule: "R1" as const,
        severity: "error" as const,
        ...at.cluster("lab", "hosts"),
        message: "m",
        fix: "f",
      },
      {
        rule: "R3" as const,
        severity: "warning" as const,
        ...at.cluster("lab", "hosts"),
        message: "w",
        fix: "f",
      },
    ];
    expect(failuresFromFindings(findings, fieldOf("Host", "nas-c", "name"))).to.deep.equal([
      { property: "address", reason: "R8: m Fix: f" },
      { property: "spec.hosts", reason: "R1: m Fix: f" },
    ]);
  });

  it("judge an HA pair without its VM, as an HAPair resource's check does (no VM is made up)", () => {
    const hosts = ["nas-a", "nas-b", "nas-c"].map((name) => ({ name, address: "", volumes: [] }));
    const model = clusterModel({
      name: "lab",
      hosts,
      haPairs: [{ vm: "db", active: "nas-a", passive: "nas-x" }],
    });
    expect(model.virtualMachines).to.deep.equal([]);
    const findings = checkHaPair(model);
    expect(findings.map((f) => [f.rule, f.target.name, fieldText(f.target.field)])).to.deep.equal([
      ["R6", "db", "highAvailability.passive"],
    ]);
  });
});
