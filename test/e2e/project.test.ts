/**
 * The way users run synovmm: a TypeScript Pulumi project in git, driven by the
 * plain `pulumi` CLI as processes — stack init, secret config, preview --diff, up, refresh,
 * preview --expect-no-changes, destroy — against the simulator; and the repository's own root
 * Pulumi.yaml program run by `pulumi up`. Assertions read what the CLI printed and what the
 * simulator holds.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator, type SimulatorHandle } from "../../simulator";
import { simulatorSpecYaml, type ClusterSpec } from "../../examples/demo/spec";
import { cliEnv, describeRun, leaks, ProjectDir, runPulumi, STACK, type CliRun } from "./support/project";
import { makeSandbox, PACKAGE_ROOT, type Sandbox } from "./support/pulumi";

const SPEC: ClusterSpec = {
  hosts: [
    { name: "nas-a", box: 1 },
    { name: "nas-b", box: 2 },
    { name: "nas-c", box: 3 },
  ],
  vms: [{ name: "web-1", host: "nas-b" }],
};

describe("e2e: a Pulumi project in git, run with the plain pulumi CLI", function () {
  this.timeout(900_000);
  let sim: SimulatorHandle;
  let project: ProjectDir;

  before(async () => {
    sim = await startSimulator({ hosts: 3, taskDurationMs: 50 });
    project = ProjectDir.create("vmm-lab", simulatorSpecYaml(sim.endpoints, SPEC));
  });
  after(async () => {
    project?.remove();
    await sim?.close();
  });

  it("stack init + config set --secret: the password is encrypted in Pulumi.dev.yaml", async () => {
    await project.initStack(sim);
    const stackFile = project.read(`Pulumi.${STACK}.yaml`);
    expect(stackFile).to.include("synovmm:password:\n    secure:");
    expect(stackFile).not.to.include(sim.password);
  });

  it("preview --diff lists every resource to create and sends nothing", async () => {
    const run = await project.pulumiOk("preview", "--diff");
    for (const name of ["lab", "lab.nas-a", "lab.nas-b", "lab.nas-c", "lab.ubuntu-24.04", "lab.web-1"]) {
      expect(run.output, describeRun(run)).to.match(
        new RegExp(
          `\\+ pulumi-nodejs:dynamic/synovmm:\\w+: \\(create\\)\\n\\s+\\[urn=urn:pulumi:${STACK}::vmm-lab::pulumi-nodejs:dynamic/synovmm:\\w+::${name.replace(".", "\\.")}\\]`,
        ),
      );
    }
    expect(run.output).to.include("+ 7 to create");
    expect(sim.control.snapshot().cluster.status).to.equal("not_created");
  });

  it("up creates the cluster the spec describes", async () => {
    const run = await project.pulumiOk("up", "--yes");
    expect(run.output).to.include("+ 7 created");
    const world = sim.control.snapshot();
    expect(world.cluster.name).to.equal("lab");
    expect(world.hosts.filter((h) => h.joined).map((h) => h.hostName)).to.deep.equal([
      "nas-a",
      "nas-b",
      "nas-c",
    ]);
    const web = world.guests.find((g) => g.name === "web-1");
    expect(world.hosts.find((h) => h.hostId === web?.hostId)?.hostName).to.equal("nas-b");
    expect(leaks(run.output)).to.deep.equal([]);
  });

  it("refresh then preview --expect-no-changes: the live cluster matches the state", async () => {
    const refresh = await project.pulumiOk("refresh", "--yes");
    expect(refresh.output).to.include("7 unchanged");
    const preview = await project.pulumiOk("preview", "--expect-no-changes");
    expect(preview.output).to.include("7 unchanged");
  });

  it("destroy removes everything it created from the simulator", async () => {
    const run = await project.pulumiOk("destroy", "--yes");
    expect(run.output).to.include("- 7 deleted");
    const world = sim.control.snapshot();
    expect(world.guests).to.deep.equal([]);
    expect(world.images).to.deep.equal([]);
  });
});

/**
 * The repository's root program as checked in, in a folder of its own so the stack file stays out
 * of the checkout (Pulumi.yaml copied, the compiled program and node_modules linked), with a stack
 * whose `synovmm:spec` is `specYaml` and whose connection is the simulator's. Returns `pulumi`
 * there, failing on a non-zero exit with everything the CLI printed.
 */
async function rootProgramStack(
  sim: SimulatorHandle,
  sandbox: Sandbox,
  specYaml: string,
): Promise<(...args: string[]) => Promise<CliRun>> {
  const dir = path.join(sandbox.dir, "root");
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(PACKAGE_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  for (const link of ["dist", "node_modules", "package.json"]) {
    fs.symlinkSync(path.join(PACKAGE_ROOT, link), path.join(dir, link));
  }
  const spec = path.join(sandbox.dir, "cluster.yaml");
  fs.writeFileSync(spec, specYaml);
  const env = cliEnv(sandbox);
  const ok = async (...args: string[]): Promise<CliRun> => {
    const run = await runPulumi(dir, env, args);
    if (run.code !== 0) throw new Error(describeRun(run));
    return run;
  };
  await ok("stack", "init", STACK);
  await ok("config", "set", "synovmm:spec", spec);
  await ok("config", "set", "synovmm:endpoints", JSON.stringify(sim.endpoints));
  await ok("config", "set", "synovmm:username", sim.username);
  await ok("config", "set", "--secret", "synovmm:password", sim.password);
  return ok;
}

describe("e2e: the repository's root Pulumi.yaml program, run by pulumi up", function () {
  this.timeout(900_000);

  it("deploys the spec named by synovmm:spec against the simulator", async () => {
    const sim = await startSimulator({ hosts: 1, taskDurationMs: 50 });
    const sandbox = makeSandbox("synovmm-root-program-");
    try {
      const ok = await rootProgramStack(
        sim,
        sandbox,
        simulatorSpecYaml(sim.endpoints, { hosts: [{ name: "nas-a", box: 1 }], images: false }),
      );
      const up = await ok("up", "--yes");
      expect(up.output).to.include("+ 3 created"); // stack, cluster, host
      expect(
        sim.control
          .snapshot()
          .hosts.filter((h) => h.joined)
          .map((h) => h.hostName),
      ).to.deep.equal(["nas-a"]);
      await ok("destroy", "--yes");
    } finally {
      sandbox.remove();
      await sim.close();
    }
  });
  it("deploys examples/quickstart.yaml as written (a disk image cloned, no ISO: R12), only its host's endpoint added", async () => {
    const sim = await startSimulator({ hosts: 1, taskDurationMs: 50 });
    const sandbox = makeSandbox("synovmm-quickstart-");
    try {
      // VM networks are not managed: the quickstart's vm-lan must exist, as in VMM → Network.
      sim.control.createNetwork({ name: "vm-lan" });
      const quickstart = fs.readFileSync(path.join(PACKAGE_ROOT, "examples", "quickstart.yaml"), "utf8");
      const withEndpoint = quickstart.replace(
        "      address: 10.20.0.11\n",
        `      address: 10.20.0.11\n      endpoint: ${sim.endpoints[0]}\n`,
      );
      expect(withEndpoint).to.not.equal(quickstart);
      const ok = await rootProgramStack(sim, sandbox, withEndpoint);
      const up = await ok("up", "--yes");
      expect(up.output).to.include("+ 5 created"); // stack, cluster, host, image, VM
      expect(leaks(up.output)).to.deep.equal([]);
      const dev = sim.control.snapshot().guests.find((g) => g.name === "dev-1");
      expect(dev).to.deep.include({ vcpuNum: 2, vramSizeMb: 4096, status: "running" });
      await ok("preview", "--expect-no-changes");
      await ok("destroy", "--yes");
      expect(sim.control.snapshot().guests.map((g) => g.name)).to.not.include("dev-1");
    } finally {
      sandbox.remove();
      await sim.close();
    }
  });
});
