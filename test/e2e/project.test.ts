/**
 * The way users run synovmm: a TypeScript Pulumi project in git, driven by the
 * plain `pulumi` CLI as processes — stack init, secret config, preview --diff, up, refresh,
 * preview --expect-no-changes, destroy — against the simulator. (The repository's own root
 * Pulumi.yaml program: root-program.test.ts.) Assertions read what the CLI printed and what the
 * simulator holds.
 */
import { expect } from "chai";
import { startSimulator, type SimulatorHandle } from "../../simulator";
import { simulatorSpecYaml, type ClusterSpec } from "../../examples/demo/spec";
import { describeRun, leaks, ProjectDir, STACK } from "./support/project";

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
