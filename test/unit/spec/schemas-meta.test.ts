// The provider compiles schemas/ with `validateSchema: false` (provider/model/schemas.ts, ADR 017):
// the meta-schema check runs here, once, instead of in every provider process.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { schemaRegistry } from "../../../provider/model/schemas";
import { schemasDir } from "../../../provider/model/package-root";

const files = readdirSync(schemasDir()).filter((f) => f.endsWith(".schema.json"));

describe("schemas/: valid JSON Schema 2020-12, checked here instead of at run time", () => {
  const strict = schemaRegistry({ validateSchema: true });

  it("finds the schema files", () => {
    expect(files).to.include.members(["cluster.schema.json", "virtual-machine.schema.json"]);
  });

  for (const file of files) {
    it(`${file} passes the meta-schema and compiles`, () => {
      const schema = JSON.parse(readFileSync(join(schemasDir(), file), "utf8")) as object;
      const valid = strict.validateSchema(schema);
      expect(valid, JSON.stringify(strict.errors)).to.equal(true);
      expect(strict.getSchema(file), file).to.be.a("function");
    });
  }

  it("the check can fail: a schema with an unknown type is refused", () => {
    expect(strict.validateSchema({ type: "integr" })).to.equal(false);
  });
});
