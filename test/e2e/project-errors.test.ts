/**
 * Errors a person reads: each kind of failure, run through the plain `pulumi`
 * CLI on a project directory, prints what failed, where, why and how to fix it — once, with no
 * JavaScript stack frame (`    at `) and no node_modules path.
 */
import { expect } from "chai";
import { startSimulator, type SimulatorHandle } from "../../simulator";
import { simulatorSpecYaml, type ClusterSpec } from "../../examples/demo/spec";
import { describeRun, leaks, ProjectDir, type CliRun } from "./support/project";

const GUEST = "SYNO.Virtualization.API.Guest";
const HOSTS = [
  { name: "nas-a", box: 1 },
  { name: "nas-b", box: 2 },
];

function expectReadable(run: CliRun, ...mustSay: RegExp[]): void {
  expect(run.code, describeRun(run)).to.not.equal(0);
  expect(leaks(run.output), describeRun(run)).to.deep.equal([]);
  expect(run.output).not.to.include("unhandled exception");
  for (const re of mustSay) expect(run.output, describeRun(run)).to.match(re);
}

describe("e2e: errors from a project run read as messages, never stack traces", function () {
  this.timeout(900_000);
  let sim: SimulatorHandle;
  let project: ProjectDir;
  const writeSpec = (spec: ClusterSpec, endpoints = sim.endpoints) =>
    project.write("cluster.yaml", simulatorSpecYaml(endpoints, spec));

  before(async () => {
    sim = await startSimulator({ hosts: 2, taskDurationMs: 50 });
    project = ProjectDir.create("vmm-errors", simulatorSpecYaml(sim.endpoints, { hosts: HOSTS }));
    await project.initStack(sim);
  });
  after(async () => {
    project?.remove();
    await sim?.close();
  });

  it("spec error: one message listing file:line:col, rule and fix per finding", async () => {
    writeSpec({ hosts: HOSTS, vms: [{ name: "db-1", ha: { active: "nas-a", passive: "nas-b" } }] });
    const run = await project.pulumi("preview", "--diff");
    expectReadable(
      run,
      /The cluster spec cluster\.yaml breaks 1 rule\(s\); nothing was sent to any host/,
      /cluster\.yaml:\d+:\d+: R5: spec\.virtualMachines\[0\]\.highAvailability: VM "db-1" .* Fix: /,
    );
  });

  it("check refusal (R5 judged against the live cluster) names the resource and the fix", async () => {
    writeSpec({ hosts: HOSTS, vms: [{ name: "web-1", memory: "1GiB" }] });
    await project.pulumiOk("up", "--yes");
    const index = project.read("index.ts");
    project.write(
      "index.ts",
      `import { HAPair } from "pulumi-synology-vmm";\n` +
        `new HAPair("web-1-ha", { cluster: "lab", vm: "web-1", active: "nas-a", passive: "nas-b" });\n`,
    );
    const run = await project.pulumi("preview");
    project.write("index.ts", index);
    expectReadable(run, /HAPair resource 'web-1-ha'.*R5: VM "web-1" asks for high availability, .* Fix: /);
  });

  it("diff refusal: a memory change without allowRestart", async () => {
    writeSpec({ hosts: HOSTS, vms: [{ name: "web-1", memory: "2GiB" }] });
    const run = await project.pulumi("preview", "--diff");
    expectReadable(run, /web-1/, /allowRestart/);
    expect(run.output.match(/allowRestart/g)?.length, describeRun(run)).to.be.at.most(2);
  });

  it("create failure: the DSM error code and its meaning, on the VM", async () => {
    writeSpec({ hosts: HOSTS, vms: [{ name: "web-1", memory: "1GiB" }, { name: "web-2" }] });
    const fault = sim.control.addFault({ api: GUEST, method: "create", code: 402 });
    const run = await project.pulumi("up", "--yes");
    sim.control.removeFault(fault);
    expectReadable(run, /web-2/, /402/);
  });

  it("delete refusal: DSM refuses to delete a VM (402), named with the code and a fix", async () => {
    writeSpec({ hosts: HOSTS, vms: [{ name: "web-1", memory: "1GiB" }, { name: "web-2" }] });
    await project.pulumiOk("up", "--yes");
    writeSpec({ hosts: HOSTS, vms: [{ name: "web-1", memory: "1GiB" }] });
    const fault = sim.control.addFault({ api: GUEST, method: "delete", code: 402 });
    const run = await project.pulumi("up", "--yes");
    sim.control.removeFault(fault);
    expectReadable(run, /web-2/, /Guest delete failed on \S+: 402 operation failed.* Fix: /);
    await project.pulumiOk("up", "--yes");
  });

  it("read failure: a refresh DSM answers with a refusal names the resource, the code and a fix", async () => {
    const fault = sim.control.addFault({ api: GUEST, code: 105 });
    const run = await project.pulumi("refresh", "--yes");
    sim.control.removeFault(fault);
    expectReadable(run, /web-1/, /: 105 the session lacks permission.* Fix: /);
  });

  it("wrong password: login refused, saying which config to fix", async () => {
    await project.pulumiOk("config", "set", "--secret", "synovmm:password", "not-the-password");
    const run = await project.pulumi("preview");
    await project.pulumiOk("config", "set", "--secret", "synovmm:password", sim.password);
    expectReadable(run, /synovmm:password|password/);
    expect(run.output).not.to.include("not-the-password");
  });

  it("TLS failure: an untrusted certificate, saying how to trust it", async () => {
    const tlsSim = await startSimulator({ hosts: 2, tls: true, taskDurationMs: 50 });
    try {
      writeSpec({ hosts: HOSTS }, tlsSim.endpoints);
      await project.pulumiOk("config", "set", "synovmm:endpoints", JSON.stringify(tlsSim.endpoints));
      const run = await project.pulumi("preview");
      await project.pulumiOk("config", "set", "synovmm:endpoints", JSON.stringify(sim.endpoints));
      expectReadable(run, /certificate/i, /caCertificate/);
    } finally {
      await tlsSim.close();
    }
  });
});
