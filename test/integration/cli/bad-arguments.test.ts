// Every `synovmm` subcommand given bad arguments or a file it cannot use answers with a message
// (what, where, how to fix) and exit code 2, never a JavaScript stack or a node_modules path.
// The built CLI runs in a child process, as a user or a pipeline runs it.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";

const BIN = join(__dirname, "..", "..", "..", "..", "bin", "synovmm.js");

interface Run {
  code: number | null;
  out: string;
}

function synovmm(cwd: string, args: string[]): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SYNOVMM_")));
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, out })));
}

/** Each case: the arguments and what the message must name. */
const CASES: { args: string[]; says: RegExp }[] = [
  { args: ["nonsense"], says: /unknown command 'nonsense'/ },
  { args: ["validate"], says: /name at least one spec file/ },
  { args: ["validate", "--format", "xml", "a.yaml"], says: /--format must be text, json or github/ },
  { args: ["validate", "--bogus"], says: /unknown option "--bogus"/ },
  { args: ["validate", "missing.yaml"], says: /missing\.yaml does not exist[\s\S]*fix:/ },
  { args: ["validate", "folder"], says: /folder cannot be read \(EISDIR[\s\S]*fix:/ },
  { args: ["validate", "utf16.yaml"], says: /UTF-16[\s\S]*fix:/ },
  { args: ["sim", "--hosts", "abc"], says: /--hosts needs an integer from 1 to 16, got 'abc'/ },
  { args: ["sim", "--port", "99999"], says: /--port needs an integer from 0 to 65535/ },
  { args: ["sim", "--bogus"], says: /unknown option '--bogus'/ },
  { args: ["sim", "--hosts", "1", "--state", "folder"], says: /^synovmm sim: state file folder .*EISDIR/m },
  { args: ["sim", "--hosts", "1", "--state", "utf16.yaml"], says: /^synovmm sim: state file utf16\.yaml/m },
  { args: ["doctor", "--bogus"], says: /unknown argument "--bogus"/ },
  { args: ["doctor", "--stack"], says: /--stack needs a value/ },
  { args: ["doctor"], says: /No endpoints, username, password .* Fix: / },
];

describe("synovmm with bad arguments or unusable files: a message, never a stack", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "synovmm-bad-args-"));
    mkdirSync(join(dir, "folder"));
    writeFileSync(join(dir, "utf16.yaml"), Buffer.from([0xff, 0xfe, 0x61, 0x00]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const { args, says } of CASES) {
    it(`synovmm ${args.join(" ")}`, async () => {
      const run = await synovmm(dir, args);
      expect(run.code, run.out).to.equal(2);
      expect(run.out).to.match(says);
      expect(run.out, "a stack frame or an installation path").not.to.match(/ {4}at |node_modules/);
      expect(run.out, "a doubled prefix").not.to.include("synovmm: synovmm");
    });
  }
});
