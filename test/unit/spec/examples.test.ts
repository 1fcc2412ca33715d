/**
 * Every file in examples/ must validate, and every file in examples/invalid/ must produce the
 * finding its first line names (`# expect: R5 line 31 [col 9] [exit 2]`) through the real CLI
 * entry point, so exit codes are what a pipeline sees.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { command } from "../../../provider/cli/validate";
import { packageRoot } from "../../../provider/model/package-root";

const root = packageRoot();
const examples = join(root, "examples");
const invalid = join(examples, "invalid");

interface Expectation {
  id: string;
  line: number;
  col?: number;
  exit: number;
}

function expectation(file: string): Expectation {
  const first = readFileSync(file, "utf8").split("\n")[0];
  const match = /^# expect: (\S+) line (\d+)(?: col (\d+))?(?: exit (\d))?/.exec(first);
  if (match === null) throw new Error(`${file}: first line must be "# expect: <id> line <n>"`);
  return {
    id: match[1],
    line: Number(match[2]),
    col: match[3] ? Number(match[3]) : undefined,
    exit: match[4] ? Number(match[4]) : 1,
  };
}

interface JsonEntry {
  id: string;
  line: number;
  col: number;
  severity: string;
  message: string;
}

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  try {
    const code = await command.run(args);
    return { code, out: lines.join("\n") };
  } finally {
    console.log = log;
  }
}

describe("examples", () => {
  const valid = readdirSync(examples).filter((f) => f.endsWith(".yaml"));

  it("has the three valid example specs", () => {
    expect(valid).to.include.members(["quickstart.yaml", "ha-cluster.yaml", "full-cluster.yaml"]);
  });

  it("validates every examples/*.yaml with exit 0 and no error", async () => {
    const { code, out } = await run(["--format", "json", ...valid.map((f) => join(examples, f))]);
    const report = JSON.parse(out) as { files: { entries: JsonEntry[] }[] };
    const errors = report.files.flatMap((f) => f.entries).filter((e) => e.severity === "error");
    expect(errors, JSON.stringify(errors, null, 2)).to.deep.equal([]);
    expect(code).to.equal(0);
  });

  const files = readdirSync(invalid).filter((f) => f.endsWith(".yaml"));
  it("has an invalid example for each error rule a spec can show", () => {
    const ids = new Set(files.map((f) => expectation(join(invalid, f)).id));
    for (const id of [
      "R1",
      "R4",
      "R5",
      "R6",
      "R7",
      "R8",
      "R9",
      "R12",
      "REF",
      "UNIQUE",
      "HA_HOST",
      "SCHEMA",
      "DUPLICATE_KEY",
      "SYNTAX",
    ]) {
      expect(ids.has(id), id).to.equal(true);
    }
  });

  for (const name of files) {
    const file = join(invalid, name);
    const want = expectation(file);
    it(`${name}: ${want.id} at line ${want.line}, exit ${want.exit}`, async () => {
      const { code, out } = await run(["--format", "json", file]);
      const entries = (JSON.parse(out) as { files: { entries: JsonEntry[] }[] }).files[0].entries;
      const hit = entries.find(
        (e) => e.id === want.id && e.line === want.line && (want.col === undefined || e.col === want.col),
      );
      expect(
        hit,
        `expected ${want.id} at line ${want.line}; got ${JSON.stringify(entries, null, 2)}`,
      ).to.not.equal(undefined);
      // Each invalid example demonstrates one cause: no error of another kind.
      const others = entries.filter((e) => e.severity === "error" && e.id !== want.id);
      expect(others, JSON.stringify(others, null, 2)).to.deep.equal([]);
      expect(code).to.equal(want.exit);
    });
  }

  // A schema error still says which rule it enforces (ADR 019): the volume path R9, the blank
  // boot disk's size R12.
  for (const [name, rule] of [
    ["r9-volume-path-root.yaml", "(R9)"],
    ["schema-boot-disk-without-size.yaml", "(R12)"],
  ] as const) {
    it(`${name}: the SCHEMA message cites ${rule}`, async () => {
      const file = join(invalid, name);
      const { out } = await run(["--format", "json", file]);
      const entries = (JSON.parse(out) as { files: { entries: JsonEntry[] }[] }).files[0].entries;
      const hit = entries.find((e) => e.id === "SCHEMA" && e.line === expectation(file).line);
      expect(hit?.message, JSON.stringify(entries, null, 2)).to.contain(rule);
    });
  }

  it("prints GitHub annotations with file, line, col and rule", async () => {
    const { code, out } = await run(["--format", "github", join(invalid, "r5-ha-on-two-hosts.yaml")]);
    expect(code).to.equal(1);
    expect(out).to.match(
      /^::error file=.*r5-ha-on-two-hosts\.yaml,line=\d+,col=\d+,title=R5 spec\.virtualMachines\[0\]\.highAvailability::.*R5/m,
    );
  });

  it("fails warnings only with --strict", async () => {
    const file = join(examples, "quickstart.yaml");
    expect((await run([file])).code).to.equal(0);
    expect((await run(["--strict", file])).code).to.equal(1);
  });

  it("exits 2 for a missing file and for bad options", async () => {
    const errors: string[] = [];
    const error = console.error;
    console.error = (...p: unknown[]) => errors.push(p.join(" "));
    try {
      expect((await run([join(examples, "no-such-file.yaml")])).code).to.equal(2);
      expect((await run(["--format", "xml", "x.yaml"])).code).to.equal(2);
      expect((await run([])).code).to.equal(2);
    } finally {
      console.error = error;
    }
  });
});
