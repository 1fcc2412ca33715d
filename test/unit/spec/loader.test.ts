import { expect } from "chai";
import {
  loadSpecText,
  parseSize,
  formatSize,
  suggestSize,
  validateResourceInputs,
  PULUMI_UNKNOWN,
} from "../../../provider/spec/index";

const text = [
  "apiVersion: synovmm/v1", // 1
  "kind: Cluster", // 2
  "metadata: { name: lab }", // 3
  "spec:", // 4
  "  hosts:", // 5
  "    - name: nas-a", // 6
  "      adress: 10.20.0.11", // 7
  "      volumes: [{ path: /volume1, filesystem: brtfs }]", // 8
  "    - name: nas-b", // 9
  "      address: 10.20.0.12", // 10
  "      address: 10.20.0.13", // 11
  "      name: nas-c", // 12
  "      volumes: [{ path: /volume1, filesystem: btrfs }]", // 13
  "  virtualMachines:", // 14
  "    - { name: v, image: x, cpu: '2', memory: 4GB, storage: nas-b:/volume1, disks: [{ size: 4096 }] }", // 15
].join("\n");

describe("spec loader", () => {
  const loaded = loadSpecText(text, "t.yaml");
  const at = (code: string, path: string) => loaded.problems.find((p) => p.code === code && p.path === path);

  it("reports every problem, each with file, line, col and spec path", () => {
    expect(at("SCHEMA", "spec.hosts[0].adress")).to.include({ file: "t.yaml", line: 7, col: 7 });
    expect(at("SCHEMA", "spec.hosts[0].adress")?.message).to.contain('Did you mean "address"?');
    expect(at("SCHEMA", "spec.hosts[0]")?.message).to.contain('missing the required key "address"');
    expect(at("SCHEMA", "spec.hosts[0].volumes[0].filesystem")?.message).to.contain('Did you mean "btrfs"?');
    expect(at("SCHEMA", "spec.virtualMachines[0].cpu")?.fix).to.contain("without quotes");
    expect(at("SCHEMA", "spec.virtualMachines[0].memory")?.message).to.contain('Did you mean "4GiB"?');
    expect(at("SCHEMA", "spec.virtualMachines[0].disks[0].size")?.fix).to.contain("4096MiB");
  });

  it("reports every duplicate key, not only the first", () => {
    const dups = loaded.problems.filter((p) => p.code === "DUPLICATE_KEY");
    expect(dups.map((d) => [d.path, d.line, d.col])).to.deep.equal([
      ["spec.hosts[1].address", 11, 7],
      ["spec.hosts[1].name", 12, 7],
    ]);
  });

  it("still runs the rules, but not on values the schema rejected", () => {
    expect(loaded.findings.map((f) => f.rule)).to.include("R7");
    expect(loaded.findings.find((f) => f.path.startsWith("spec.hosts[0]"))).to.equal(undefined);
    const ref = loaded.findings.find((f) => f.rule === "REF" && f.path === "spec.virtualMachines[0].image");
    expect(ref).to.include({ line: 15, file: "t.yaml" });
  });

  it("locates paths, falling back to the key of the nearest enclosing value", () => {
    expect(loaded.locate("spec.hosts[1].volumes[0].filesystem")).to.deep.equal({ line: 13, col: 47 });
    expect(loaded.locate("spec.clusterNetwork")).to.deep.equal({ line: 4, col: 1 });
  });

  it("reports a syntax error with line and column and marks the file unusable", () => {
    const broken = loadSpecText("spec:\n  hosts: [a, b\nkind: x\n", "b.yaml");
    expect(broken.unusable).to.equal(true);
    expect(broken.problems).to.have.length(1);
    expect(broken.problems[0]).to.include({ code: "SYNTAX", line: 3, col: 1 });
  });

  it("refuses a file with two documents or none", () => {
    expect(loadSpecText("a: 1\n---\nb: 2\n", "m.yaml").problems[0]).to.include({ code: "SYNTAX", line: 3 });
    expect(loadSpecText("# only a comment\n", "e.yaml").unusable).to.equal(true);
  });
});

describe("sizes", () => {
  it("parses binary units to MiB", () => {
    expect(parseSize("4GiB")).to.equal(4096);
    expect(parseSize("512MiB")).to.equal(512);
    expect(parseSize("1.5TiB")).to.equal(1572864);
    expect(formatSize(4096)).to.equal("4GiB");
    expect(formatSize(1536)).to.equal("1536MiB");
  });

  it("rejects decimal units, zero and fractions of a MiB with a suggestion", () => {
    expect(() => parseSize("4GB")).to.throw(RangeError, 'Did you mean "4GiB"?');
    expect(() => parseSize("0GiB")).to.throw(RangeError);
    expect(() => parseSize("0.5MiB")).to.throw(RangeError);
    expect(suggestSize("10g")).to.equal("10GiB");
    expect(suggestSize("4 TB")).to.equal("4TiB");
  });
});

describe("validateResourceInputs", () => {
  it("checks one resource's inputs with paths relative to them", () => {
    const issues = validateResourceInputs("VirtualMachine", {
      name: "v",
      image: "u",
      cpu: 0,
      memory: "4GiB",
      storage: "nas-a",
      disks: [{ size: "1GiB" }],
      color: "red",
    });
    expect(issues.map((i) => i.path).sort()).to.deep.equal(["color", "cpu", "storage"]);
    expect(validateResourceInputs("HAPair", { vm: "v", active: "a", passive: "b" })).to.deep.equal([]);
    expect(validateResourceInputs("Host", { name: "h", address: "10.0.0.1", volumes: [] })).to.deep.equal([]);
  });

  it("skips values Pulumi does not know yet during preview", () => {
    expect(validateResourceInputs("Host", { name: "h", address: PULUMI_UNKNOWN, volumes: [] })).to.deep.equal(
      [],
    );
  });
});
