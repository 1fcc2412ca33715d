/**
 * One mapping of the spec to inputs: on a valid file it gives each resource exactly
 * what the file writes (fromSpec declares it as is, no cast), and the rules' model is made from it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { load } from "js-yaml";
import { packageRoot } from "../../../provider/model/package-root";
import { specInputs } from "../../../provider/spec/to-inputs";
import { toModel } from "../../../provider/spec/to-model";

type Obj = Record<string, unknown>;
const EXAMPLES = ["quickstart.yaml", "ha-cluster.yaml", "full-cluster.yaml"];

describe("spec → inputs", () => {
  for (const name of EXAMPLES) {
    it(`${name}: every host, image and VM is what the file writes, HA pairs beside their VM`, () => {
      const doc = load(readFileSync(join(packageRoot(), "examples", name), "utf8")) as { spec: Obj };
      const spec = doc.spec as { hosts: Obj[]; images?: Obj[]; virtualMachines?: Obj[] };
      const inputs = specInputs(doc);
      expect(inputs.hosts).to.deep.equal(spec.hosts);
      expect(inputs.images).to.deep.equal(spec.images ?? []);
      const vms = spec.virtualMachines ?? [];
      expect(inputs.virtualMachines).to.deep.equal(vms.map(({ highAvailability: _ha, ...vm }) => vm));
      expect(inputs.haPairs).to.deep.equal(
        vms.flatMap((vm, vmIndex) =>
          vm.highAvailability ? [{ vm: vm.name, ...(vm.highAvailability as Obj), vmIndex }] : [],
        ),
      );
    });
  }

  it("keeps every list item of a broken file, so finding paths still match the file's indexes", () => {
    const inputs = specInputs({ spec: { hosts: [7, { name: 3 }], virtualMachines: [null, { name: "v" }] } });
    expect(inputs.hosts).to.have.length(2);
    expect(inputs.virtualMachines.map((v) => v.name)).to.deep.equal(["", "v"]);
    expect(
      toModel({ spec: { virtualMachines: [{ name: "v", memory: 12 }] } }).virtualMachines[0].memory,
    ).to.equal("");
  });
});
