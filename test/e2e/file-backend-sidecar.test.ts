/**
 * README "When a run is interrupted", the file backend's sidecar: a SIGKILL can leave
 * `<stack>.json.attrs` empty (gocloud's fileblob rewrites it in place; the state file itself is
 * renamed into place), and every later command then fails with "failed to load checkpoint: EOF"
 * (found by the soak, seed 2030 on --dsm real). The README's command is run exactly as written.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { makeSandbox, type Sandbox } from "./support/pulumi";
import { cliEnv, describeRun, runPulumi } from "./support/project";

const README = path.join(__dirname, "..", "..", "..", "README.md");

/** The README's one line that deletes empty sidecars. */
function readmeCommand(): string {
  const line = fs
    .readFileSync(README, "utf8")
    .split("\n")
    .find((l) => l.startsWith('find "$BACKEND_DIR/.pulumi"'));
  if (line === undefined) throw new Error('README.md has no line starting with find "$BACKEND_DIR/.pulumi"');
  return line;
}

describe("e2e: a file backend sidecar emptied by a kill (README's command)", function () {
  this.timeout(120_000);
  let sandbox: Sandbox;

  before(() => {
    sandbox = makeSandbox("synovmm-e2e-sidecar-");
  });
  after(() => sandbox?.remove());

  it("'failed to load checkpoint: EOF' until the README's find … -delete, then the stack reads again", async () => {
    const project = path.join(sandbox.dir, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: sidecar\nruntime: nodejs\n");
    const env = cliEnv(sandbox);
    const init = await runPulumi(project, env, ["stack", "init", "dev"]);
    expect(init.code, describeRun(init)).to.equal(0);
    const backendDir = sandbox.envVars.PULUMI_BACKEND_URL.replace(/^file:\/\//, "");
    const sidecar = path.join(backendDir, ".pulumi", "stacks", "sidecar", "dev.json.attrs");
    expect(fs.existsSync(sidecar), `${sidecar} after stack init`).to.equal(true);

    fs.writeFileSync(sidecar, ""); // what a kill between truncate and write leaves
    const broken = await runPulumi(project, env, ["stack", "export", "--stack", "dev"]);
    expect(broken.code).to.not.equal(0);
    expect(broken.output).to.include("failed to load checkpoint: EOF");

    execFileSync("bash", ["-c", readmeCommand()], { env: { ...env, BACKEND_DIR: backendDir } });
    expect(fs.existsSync(sidecar), "the empty sidecar is gone").to.equal(false);
    const fixed = await runPulumi(project, env, ["stack", "export", "--stack", "dev"]);
    expect(fixed.code, describeRun(fixed)).to.equal(0);
    expect(JSON.parse(fixed.stdout)).to.have.nested.property("deployment");
  });
});
