/**
 * docs/architecture.md's layer table holds: no import in provider/** or simulator/**
 * runs back up a layer. Violations are fixed, not allowed; the only exceptions are listed in
 * KNOWN_DEBT, and an entry that no longer violates fails the test, so the debt can only shrink.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { packageRoot } from "../../../provider/model/package-root";
import { LAYERS, layerOf, layerTable, specifiers, violations, type Violation } from "./layers";

/**
 * Imports that run up a layer and are knowingly left for later: none today (the last was
 * handlers/quorum.ts importing ResourceKind from the Pulumi face). Nothing may be added here.
 */
const KNOWN_DEBT: ReadonlySet<string> = new Set([]);

/** Handlers speak through the log in their context (live/log.ts); none is left writing to the console. */
const CONSOLE_DEBT: ReadonlySet<string> = new Set([]);

const root = packageRoot();
const exists = (file: string): boolean => existsSync(join(root, file));

function sourcesUnder(rel: string): string[] {
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(`${rel}/${e.name}`) : e.name.endsWith(".ts") ? [`${rel}/${e.name}`] : [],
  );
}

function allViolations(): Violation[] {
  return [...sourcesUnder("provider"), ...sourcesUnder("simulator")].flatMap((file) =>
    violations(file, readFileSync(join(root, file), "utf8"), exists),
  );
}

describe("architecture: the layer table holds", () => {
  const found = allViolations();

  it("no import runs back up a layer (docs/architecture.md), beyond the listed debt", () => {
    const fresh = found.filter((v) => !KNOWN_DEBT.has(v.edge)).map((v) => `${v.edge} (line ${v.line})`);
    expect(fresh, "imports against the layer table").to.deep.equal([]);
  });

  it("every KNOWN_DEBT entry still violates (debt can only shrink: delete the entry once fixed)", () => {
    const stillThere = new Set(found.map((v) => v.edge));
    expect(
      [...KNOWN_DEBT].filter((edge) => !stillThere.has(edge)),
      "paid debt still listed",
    ).to.deep.equal([]);
  });

  it("handlers write nothing to the console but through live/log.ts (debt can only shrink)", () => {
    const writers = [...sourcesUnder("provider/handlers"), ...sourcesUnder("provider/live")].filter(
      (file) =>
        file !== "provider/live/log.ts" && /\bconsole\.\w+\(/.test(readFileSync(join(root, file), "utf8")),
    );
    expect(
      writers.filter((file) => !CONSOLE_DEBT.has(file)),
      "console in handlers",
    ).to.deep.equal([]);
    expect(
      [...CONSOLE_DEBT].filter((file) => !writers.includes(file)),
      "paid debt still listed",
    ).to.deep.equal([]);
  });

  it("holds the table of docs/architecture.md, row for row (printed here)", () => {
    console.log(`\n${layerTable()}\n`);
    const doc = readFileSync(join(root, "docs/architecture.md"), "utf8");
    const rows = new Set([...doc.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]));
    expect(
      Object.keys(LAYERS).filter((layer) => !rows.has(layer)),
      "layers the document's table does not name",
    ).to.deep.equal([]);
    const documented = [...rows].filter((row) => row.startsWith("provider/") || row === "simulator/");
    expect(
      documented.filter((row) => !(row in LAYERS)),
      "rows of the document the test does not hold",
    ).to.deep.equal([]);
  });

  it("every source file belongs to a layer of the table", () => {
    const orphans = sourcesUnder("provider").filter((file) => layerOf(file) === undefined);
    expect(orphans).to.deep.equal([]);
  });

  it("catches what it must: a handler importing the Pulumi face, the simulator importing the provider", () => {
    const handler =
      'import type { HostInputs } from "../resources/types";\nimport * as p from "@pulumi/pulumi";';
    expect(violations("provider/handlers/x.ts", handler, () => false).map((v) => v.edge)).to.deep.equal([
      "provider/handlers/x.ts -> provider/resources/types",
      "provider/handlers/x.ts -> @pulumi/pulumi",
    ]);
    const sim = 'const m = require("../provider/cli/main") as unknown;';
    expect(violations("simulator/cli.ts", sim, () => false)).to.have.length(1);
    expect(
      violations("provider/rules/r9.ts", 'import { x } from "../spec/load";', () => false),
    ).to.have.length(1);
    expect(violations("provider/api/x.ts", 'export { y } from "../handlers/z";', () => false)).to.have.length(
      1,
    );
  });

  it("reads every form of import", () => {
    const source = [
      'import a from "./a";',
      'import "./side-effect";',
      'export * from "./b";',
      'const c = require("./c");',
      'type D = typeof import("./d");',
    ].join("\n");
    expect(specifiers(source).map((s) => s.spec)).to.deep.equal([
      "./a",
      "./side-effect",
      "./b",
      "./c",
      "./d",
    ]);
  });
});
