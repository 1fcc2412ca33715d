/** The VM defaults are written once (model/defaults.ts); the JSON Schema's `default`s must agree. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { VM_DEFAULTS } from "../../../provider/model/defaults";
import { packageRoot } from "../../../provider/model/package-root";
import { toModel } from "../../../provider/spec/to-model";

describe("model: VM defaults", () => {
  it("the schema's defaults are model/defaults.ts's", () => {
    const schema = JSON.parse(
      readFileSync(join(packageRoot(), "schemas/virtual-machine.schema.json"), "utf8"),
    ) as { properties: Record<string, { default?: unknown }> };
    const fromSchema = Object.fromEntries(
      Object.keys(VM_DEFAULTS).map((field) => [field, schema.properties[field]?.default]),
    );
    expect(fromSchema).to.deep.equal(VM_DEFAULTS);
  });

  it("a spec VM that leaves them out gets them in the rules' model", () => {
    const model = toModel({ spec: { virtualMachines: [{ name: "web" }] } });
    const { power, autorun, allowRestart, nics } = model.virtualMachines[0];
    expect({ power, autorun, allowRestart, nics }).to.deep.equal(VM_DEFAULTS);
  });
});
