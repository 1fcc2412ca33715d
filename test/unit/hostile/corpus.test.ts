/**
 * The hidden-input habit: several hundred hostile specs, each of which `synovmm validate`
 * must refuse (exit 1 or 2) with file:line:col and a message that is not a stack trace. The bulk
 * runs in-process; a sample goes through the real CLI entry (bin/synovmm.js) in a child process.
 * Time and memory per file are measured by bench/hostile-corpus.ts, never asserted here.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import fc from "fast-check";
import { loadSpec, loadSpecBytes, loadSpecText, type LoadedSpec } from "../../../provider/spec/index";
import { packageRoot } from "../../../provider/model/package-root";
import { entries } from "../../../provider/spec/report";
import { handWrittenFiles, hostileSpec, writeGeneratedFiles } from "./corpus";

/** What a stack trace or an internal path looks like in a message. */
const LEAK = /\n\s+at |node_modules|\bat Object\.|TypeError|RangeError|SyntaxError:|ENOENT/;

/** Refused (an error, or unusable), every entry placed at a line and column, no leak. */
function expectRefused(loaded: LoadedSpec, label: string): void {
  const list = entries(loaded);
  expect(
    list.some((e) => e.severity === "error"),
    `${label}: no error`,
  ).to.equal(true);
  for (const e of list) {
    expect(e.line, `${label}: ${e.message}`).to.be.at.least(1);
    expect(e.col, `${label}: ${e.message}`).to.be.at.least(1);
    expect(`${e.message}\n${e.fix}`, label).to.not.match(LEAK);
  }
}

describe("hostile spec corpus", function () {
  this.timeout(60_000);
  let generatedDir: string;
  let generated: string[];
  before(() => {
    generatedDir = mkdtempSync(join(tmpdir(), "synovmm-hostile-"));
    generated = writeGeneratedFiles(generatedDir);
  });
  after(() => rmSync(generatedDir, { recursive: true, force: true }));

  it("refuses each of 400 property-based mutations of valid specs with the expected id, placed", () => {
    fc.assert(
      fc.property(hostileSpec, (spec) => {
        const loaded = loadSpecText(spec.text, "gen.yaml");
        expectRefused(loaded, spec.name);
        const ids = entries(loaded)
          .filter((e) => e.severity === "error")
          .map((e) => e.id);
        expect(ids, spec.name).to.include(spec.expect);
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it("refuses 200 random byte strings, each placed, none throwing", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expectRefused(
          loadSpecBytes(Buffer.from(bytes), "random.yaml"),
          `bytes ${Buffer.from(bytes).toString("hex").slice(0, 40)}`,
        );
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("refuses every hand-written hostile file and every generated large one, in-process", async () => {
    const files = [...handWrittenFiles(), ...generated];
    expect(files.length).to.be.at.least(25);
    for (const file of files) expectRefused(await loadSpec(file), file);
  });

  it("through the real CLI entry: exit 1 or 2, file:line:col for each file, nothing on stderr", () => {
    const files = [...handWrittenFiles(), ...generated];
    const bin = join(packageRoot(), "bin", "synovmm.js");
    const text = spawnSync(process.execPath, [bin, "validate", ...files], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    expect(text.status).to.be.oneOf([1, 2]);
    expect(text.stderr).to.equal("");
    expect(text.stdout).to.not.match(LEAK);
    for (const file of files) {
      const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      expect(text.stdout, file).to.match(new RegExp(`^${escaped}:\\d+:\\d+: error `, "m"));
    }
    // Each file alone, as a pipeline would run it: the exit code is 1 (errors) or 2 (unusable).
    const json = spawnSync(process.execPath, [bin, "validate", "--format", "json", ...files], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    const report = JSON.parse(json.stdout) as {
      files: { file: string; unusable: boolean; entries: { severity: string }[] }[];
    };
    expect(report.files.map((f) => f.file)).to.deep.equal(files);
    for (const f of report.files)
      expect(f.unusable || f.entries.some((e) => e.severity === "error"), f.file).to.equal(true);
  });
});
