// The validators `npm run build` precompiles (provider/model/schemas-precompiled.ts, ADR 017) must
// judge every input exactly as the schemas compiled at run time do: same issues, same messages,
// same paths, over the examples, the hostile corpus and generated specs.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import fc from "fast-check";
import { load } from "js-yaml";
import { packageRoot } from "../../../provider/model/package-root";
import {
  SCHEMA_FILES,
  type SchemaName,
  schemasFingerprint,
  schemaTexts,
} from "../../../provider/model/schema-files";
import { forgetPrecompiled, precompiledValidator } from "../../../provider/model/schemas-precompiled";
import { issuesOf, schemaRegistry } from "../../../provider/model/schemas";
import { handWrittenFiles, sampleHostileSpecs } from "../hostile/corpus";
import { validDoc } from "./generate";

const root = packageRoot();
const yamlIn = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => readFileSync(join(root, dir, f), "utf8"));

/** Small files only: the corpus's alias bombs and huge files test the loader's guards, not the schema. */
function parsed(texts: readonly string[]): unknown[] {
  return texts.flatMap((text) => {
    if (text.length > 20_000 || text.includes("*")) return [];
    try {
      return [load(text)];
    } catch {
      return []; // not YAML at all: the schema never sees it
    }
  });
}

/** Every value worth judging: whole specs, and each host, VM and HA pair inside them. */
function inputs(): { name: SchemaName; value: unknown }[] {
  const docs = parsed([
    ...yamlIn("examples"),
    ...yamlIn("examples/invalid"),
    ...handWrittenFiles().map((f) => readFileSync(f, "utf8")),
    ...sampleHostileSpecs(150).map((s) => s.text),
  ]).concat(fc.sample(validDoc, { numRuns: 50, seed: 7 }));
  const parts = (doc: unknown, key: string): unknown[] => {
    const spec = (doc as { spec?: Record<string, unknown> } | null)?.spec;
    const list = spec?.[key];
    return Array.isArray(list) ? list : [];
  };
  return docs.flatMap((doc) => [
    { name: "specFile" as const, value: doc },
    ...parts(doc, "hosts").map((value) => ({ name: "Host" as const, value })),
    ...parts(doc, "virtualMachines").map((value) => ({ name: "VirtualMachine" as const, value })),
    ...parts(doc, "haPairs").map((value) => ({ name: "HAPair" as const, value })),
    ...parts(doc, "images").map((value) => ({ name: "Image" as const, value })),
  ]);
}

describe("schemas: precompiled validators judge as the run-time compile does (ADR 017)", () => {
  beforeEach(forgetPrecompiled);

  it("the build wrote them, from the schema files as they are now", () => {
    for (const name of Object.keys(SCHEMA_FILES) as SchemaName[])
      expect(precompiledValidator(name), name).to.be.a("function");
  });

  it("a changed schema file changes the fingerprint, so a stale build is not used", () => {
    const texts = schemaTexts();
    const edited = texts.map((t, i) => (i === 0 ? { ...t, text: `${t.text} ` } : t));
    expect(schemasFingerprint(edited)).not.to.equal(schemasFingerprint(texts));
  });

  it("same issues for every example, hostile and generated input", () => {
    const runtime = schemaRegistry();
    const all = inputs();
    expect(all.length).to.be.above(300);
    let invalid = 0;
    for (const { name, value } of all) {
      const fresh = runtime.getSchema(SCHEMA_FILES[name]);
      const built = precompiledValidator(name);
      if (!fresh || !built) throw new Error(`no validator for ${name}`);
      const expected = issuesOf(fresh, value);
      if (expected.length > 0) invalid++;
      expect(issuesOf(built, value), `${name}: ${JSON.stringify(value)?.slice(0, 200)}`).to.deep.equal(
        expected,
      );
    }
    // The comparison must have judged many failing inputs, not only valid ones.
    expect(invalid).to.be.above(100);
  });
});
