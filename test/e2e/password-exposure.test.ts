/**
 * Where the NAS password can appear (ADR 022, README "Pointing it at a real NAS"). With
 * `SYNOVMM_PASSWORD` the provider process reads it from its own environment, so it never passes
 * through the engine: not even `-v=9 --logtostderr` (which prints every provider input and config
 * value the engine marshals) nor `stack export --show-secrets` shows it. With a secret stack config
 * the engine hands it to the provider as config: kept out of normal output and of the exported
 * state (encrypted there), but printed by the engine's own debug logs from `-v=7`.
 */
import { expect } from "chai";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type SimulatorHandle } from "../../simulator";
import { simulatorSpecYaml, type ClusterSpec } from "../../examples/demo/spec";
import { ProjectDir, STACK } from "./support/project";

const SPEC: ClusterSpec = { hosts: [{ name: "syno-1", box: 1 }], vms: [{ name: "web-1" }] };

/** Every file the stack's file backend wrote, and the project's stack settings file. */
function filesAtRest(project: ProjectDir): string {
  const texts: string[] = [project.read(`Pulumi.${STACK}.yaml`)];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else texts.push(fs.readFileSync(p, "utf8"));
    }
  };
  walk(path.join(project.sandbox.dir, "state"));
  return texts.join("\n");
}

/** A project on a fresh one-box `--dsm real` simulator with a password no other text contains. */
async function setUp(name: string): Promise<{ sim: SimulatorHandle; project: ProjectDir; password: string }> {
  const password = `pw-${randomBytes(12).toString("hex")}`;
  const sim = await startSimulator({ hosts: 1, dsm: "real", taskDurationMs: 50, password });
  // A clone's boot disk has the image's size (4 GiB here, ADR 021).
  const yaml = simulatorSpecYaml(sim.endpoints, SPEC).replace(/size: 10GiB/g, "size: 4GiB");
  return { sim, project: ProjectDir.create(name, yaml), password };
}

describe("e2e: the password with SYNOVMM_PASSWORD never passes through the engine", function () {
  this.timeout(900_000);
  let sim: SimulatorHandle;
  let project: ProjectDir;
  let password: string;

  before(async () => {
    ({ sim, project, password } = await setUp("password-env"));
    await project.pulumiOk("stack", "init", STACK);
    await project.pulumiOk("config", "set", "synovmm:endpoints", JSON.stringify(sim.endpoints));
    await project.pulumiOk("config", "set", "synovmm:username", sim.username);
    project.sandbox.envVars.SYNOVMM_PASSWORD = password;
  });
  after(async () => {
    project?.remove();
    await sim?.close();
  });

  it("preview -v=9 --logtostderr: nowhere in the output, though the engine logs what it marshals", async () => {
    const run = await project.pulumiOk("preview", "-v=9", "--logtostderr");
    // The log is the one that leaks a config password (next describe): it does print provider config.
    expect(run.output).to.include("Marshaling property for RPC");
    expect(run.output).to.include("synovmm:username");
    expect(run.output.includes(password), "password in preview -v=9 output").to.equal(false);
  });

  it("up -v=9 --logtostderr: nowhere in the output; the VM was created with it", async () => {
    const run = await project.pulumiOk("up", "--yes", "-v=9", "--logtostderr");
    expect(sim.control.snapshot().guests.map((g) => g.name)).to.deep.equal(["web-1"]);
    expect(run.output.includes(password), "password in up -v=9 output").to.equal(false);
  });

  it("nowhere in the state, even exported with --show-secrets, nor in the files at rest", async () => {
    const exported = await project.pulumiOk("stack", "export", "--show-secrets");
    expect(exported.stdout).to.include("web-1");
    expect(exported.output.includes(password), "password in stack export --show-secrets").to.equal(false);
    expect(filesAtRest(project).includes(password), "password in state or stack files").to.equal(false);
  });

  it("destroy still reaches the NAS with it", async () => {
    await project.pulumiOk("destroy", "--yes");
    expect(sim.control.snapshot().guests).to.deep.equal([]);
  });
});

describe("e2e: the password as a secret stack config", function () {
  this.timeout(900_000);
  let sim: SimulatorHandle;
  let project: ProjectDir;
  let password: string;

  before(async () => {
    ({ sim, project, password } = await setUp("password-config"));
    await project.initStack({ endpoints: sim.endpoints, username: sim.username, password });
  });
  after(async () => {
    await project?.pulumi("destroy", "--yes");
    project?.remove();
    await sim?.close();
  });

  it("never in the output of preview, up and refresh", async () => {
    for (const args of [
      ["preview", "--diff"],
      ["up", "--yes"],
      ["refresh", "--yes"],
    ]) {
      const run = await project.pulumiOk(...args);
      expect(run.output.includes(password), `password in pulumi ${args.join(" ")} output`).to.equal(false);
    }
    expect(sim.control.snapshot().guests.map((g) => g.name)).to.deep.equal(["web-1"]);
  });

  it("never in the exported state, nor in the files at rest (only as ciphertext)", async () => {
    const exported = await project.pulumiOk("stack", "export");
    expect(exported.output.includes(password), "password in stack export").to.equal(false);
    expect(filesAtRest(project).includes(password), "password in state or stack files").to.equal(false);
  });

  it("what the README warns of: --show-secrets decrypts it from the default provider's inputs, -v=7 prints it", async () => {
    const exported = await project.pulumiOk("stack", "export", "--show-secrets");
    expect(exported.output).to.include(password);
    const verbose = await project.pulumiOk("preview", "-v=7", "--logtostderr");
    const lines = verbose.output.split("\n").filter((l) => l.includes(password));
    // The engine's planner prints the default provider's inputs, stack config included.
    expect(lines.join("\n")).to.match(/Planner decided (not )?to .*pulumi:providers:pulumi-nodejs::default/);
  });
});
