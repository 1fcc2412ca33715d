/**
 * `npm run demo` on a machine with the Pulumi CLI and no Node.js language host anywhere (not on
 * PATH, not beside the CLI, not in the machine cache, no source to build it from): the demo's
 * program is inline, so it says once that `pulumi up` on a project will need one, how to get
 * it, and runs to the end. scripts/ensure-pulumi.sh without --cli-only still refuses, readably.
 */
import { expect } from "chai";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PACKAGE_ROOT, PULUMI_ROOT } from "./support/pulumi";

const NOTE = "pulumi-language-nodejs v";

/**
 * An environment where no language host can be found: a fresh tools folder, the CLI's machine
 * cache pointed at the CLI the suite already has, an empty language-host cache, building turned
 * off, and PATH without any folder holding one.
 */
function noLanguageHost(dir: string): NodeJS.ProcessEnv {
  const emptyCache = path.join(dir, "langhost-cache");
  fs.mkdirSync(emptyCache);
  const pathDirs = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((d) => d !== "" && !fs.existsSync(path.join(d, "pulumi-language-nodejs")));
  return {
    ...process.env,
    PATH: pathDirs.join(path.delimiter),
    SYNOVMM_PULUMI_ROOT: path.join(dir, "tools"),
    SYNOVMM_PULUMI_CACHE: path.join(PULUMI_ROOT, "bin"),
    SYNOVMM_LANGUAGE_HOST_CACHE: emptyCache,
    SYNOVMM_LANGUAGE_HOST_SOURCE: "none",
    NO_COLOR: "1",
  };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: PACKAGE_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (output += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("e2e: npm run demo without a Node.js language host", function () {
  this.timeout(600_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "synovmm-demo-no-langhost-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("says once that pulumi up on a project will need one, how to get it, and exits 0", async () => {
    const env = noLanguageHost(dir);
    const { code, output } = await run([path.join(PACKAGE_ROOT, "dist", "examples", "demo", "run.js")], env);
    expect(code, output).to.equal(0);
    expect(output.split(NOTE).length - 1, output).to.equal(1);
    expect(output).to.match(
      /note: pulumi-language-nodejs v[\d.]+ \(the Node\.js language host that 'pulumi up' on a project needs\) is not available/,
    );
    expect(output).to.include(
      "'pulumi up' on a project folder (the repository's Pulumi.yaml or your own) will.",
    );
    expect(output).to.include("https://www.pulumi.com/docs/install/");
    expect(output).to.match(/demo finished in [\d.]+ s/);
    expect(output.split("\n").filter((l) => /^\s+at /.test(l))).to.deep.equal([]);
    expect(fs.existsSync(path.join(dir, "tools", "bin", "pulumi-language-nodejs"))).to.equal(false);
  });

  it("ensure-pulumi.sh without --cli-only refuses with the same how-to and exit 1", () => {
    const r = spawnSync("bash", [path.join(PACKAGE_ROOT, "scripts", "ensure-pulumi.sh")], {
      cwd: PACKAGE_ROOT,
      env: noLanguageHost(fs.mkdtempSync(path.join(dir, "strict-"))),
      encoding: "utf8",
    });
    expect(r.status, r.stderr).to.equal(1);
    expect(r.stderr).to.include("[ensure-pulumi] error: pulumi-language-nodejs v");
    expect(r.stderr).to.include("Fix: install the Pulumi CLI v");
  });
});
