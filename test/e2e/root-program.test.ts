/**
 * The repository's root Pulumi.yaml program, run the way a user of a clone runs it, with the plain
 * `pulumi` CLI: every spec under examples/ deploys as written on a simulator of its own shape
 * (`synovmm sim --spec FILE`, then `pulumi config set` of each key of its `config` line), the
 * quickstart through the documented default of `synovmm:spec`; every file under
 * examples/invalid/ is refused with the rule its first line names; an unreadable spec and a bad
 * `synovmm:hostEndpoints` are one message each.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadSpec } from "../../provider/spec";
import { describeRun, leaks, rootProgram, STACK, type CliRun, type ProjectCli } from "./support/project";
import { makeSandbox, PACKAGE_ROOT, type Sandbox } from "./support/pulumi";
import { startSimCli, type RunningSim } from "./support/sim-cli";

const EXAMPLES = path.join(PACKAGE_ROOT, "examples");
const INVALID = path.join(EXAMPLES, "invalid");

/** What a user types for each key of the simulator's `config` line (the password as a secret). */
async function setSimConfig(root: ProjectCli, sim: RunningSim): Promise<void> {
  for (const [key, value] of Object.entries(sim.info.config)) {
    if (sim.info.secretConfig.includes(key)) await root.ok("config", "set", "--secret", key, value);
    else await root.ok("config", "set", key, value);
  }
}

function expectRefused(run: CliRun, ...mustSay: RegExp[]): void {
  expect(run.code, describeRun(run)).to.not.equal(0);
  expect(leaks(run.output), describeRun(run)).to.deep.equal([]);
  expect(run.output, describeRun(run)).not.to.include("unhandled exception");
  for (const re of mustSay) expect(run.output, describeRun(run)).to.match(re);
}

describe("e2e: the root Pulumi.yaml program deploys every example spec on `synovmm sim --spec`", function () {
  this.timeout(900_000);
  const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml"));

  it("covers the three example specs", () => {
    expect(examples).to.include.members(["quickstart.yaml", "ha-cluster.yaml", "full-cluster.yaml"]);
  });

  for (const name of examples) {
    const isDefault = name === "quickstart.yaml";
    it(`${name}: sim --spec, config set of its config line, up, preview --expect-no-changes, destroy${isDefault ? " (synovmm:spec left at its default)" : ""}`, async () => {
      const loaded = await loadSpec(path.join(EXAMPLES, name));
      const spec = loaded.inputs;
      if (spec === undefined) throw new Error(`${name} could not be read`);
      const sim = await startSimCli(["--spec", path.join("examples", name), "--quiet", "--task-ms", "50"]);
      const sandbox = makeSandbox(`synovmm-example-${path.basename(name, ".yaml")}-`);
      try {
        const root = rootProgram(sandbox);
        await root.ok("stack", "init", STACK);
        if (!isDefault) await root.ok("config", "set", "synovmm:spec", `examples/${name}`);
        expect(Object.keys(sim.info.config)).to.have.members([
          "synovmm:endpoints",
          "synovmm:username",
          "synovmm:password",
          "synovmm:hostEndpoints",
        ]);
        await setSimConfig(root, sim);
        expect(fs.readFileSync(path.join(root.dir, `Pulumi.${STACK}.yaml`), "utf8")).not.to.include(
          sim.info.password,
        );

        const up = await root.ok("up", "--yes");
        const resources =
          2 + spec.hosts.length + spec.images.length + spec.virtualMachines.length + spec.haPairs.length;
        expect(up.output, describeRun(up)).to.include(`+ ${resources} created`);
        expect(leaks(up.output)).to.deep.equal([]);
        const world = await sim.snapshot();
        expect(world.cluster.name).to.equal(spec.cluster.cluster);
        expect(world.hosts.filter((h) => h.joined).map((h) => h.hostName)).to.have.members(
          spec.hosts.map((h) => h.name),
        );
        expect(world.guests.map((g) => g.name)).to.have.members(spec.virtualMachines.map((v) => v.name));
        expect(world.haPairs).to.have.length(spec.haPairs.length);

        await root.ok("preview", "--expect-no-changes");
        await root.ok("destroy", "--yes");
        const after = await sim.snapshot();
        expect({
          cluster: after.cluster.status,
          members: after.hosts.filter((h) => h.joined).map((h) => h.hostName),
          guests: after.guests,
          images: after.images,
          haPairs: after.haPairs,
        }).to.deep.equal({ cluster: "not_created", members: [], guests: [], images: [], haPairs: [] });
      } finally {
        sandbox.remove();
        expect(await sim.stop()).to.equal(0);
      }
    });
  }
});

describe("e2e: the root program refuses bad input with one message, before any host is asked", function () {
  this.timeout(900_000);
  let sandbox: Sandbox;
  let root: ProjectCli;

  before(async () => {
    sandbox = makeSandbox("synovmm-root-refusals-");
    root = rootProgram(sandbox);
    await root.ok("stack", "init", STACK);
  });
  after(() => sandbox?.remove());

  it("a missing spec: the path as the user gave it, no rule, no stack trace", async () => {
    await root.ok("config", "set", "synovmm:spec", "examples/no-such-cluster.yaml");
    const run = await root.run("preview");
    expectRefused(
      run,
      /The cluster spec "examples\/no-such-cluster\.yaml" named by synovmm:spec does not exist \(relative paths are read from the project folder .*\); nothing was sent to any host\. Fix: `pulumi config set synovmm:spec/,
    );
    expect(run.output).not.to.match(/rule\(s\)|:0:0/);
  });

  it("synovmm:hostEndpoints naming a host the spec does not have, or an unusable URL", async () => {
    await root.ok("config", "set", "synovmm:spec", "examples/quickstart.yaml");
    await root.ok("config", "set", "synovmm:hostEndpoints", '{"nas-lba":"https://10.20.0.11:5001"}');
    expectRefused(
      await root.run("preview"),
      /The setting synovmm:hostEndpoints names host "nas-lba", which the spec does not have \(its hosts: nas-lab; did you mean "nas-lab"\?\)/,
    );
    await root.ok("config", "set", "synovmm:hostEndpoints", '{"nas-lab":"ftp://nas-lab:21"}');
    expectRefused(
      await root.run("preview"),
      /The setting synovmm:hostEndpoints has an unusable endpoint for host "nas-lab" \("ftp:\/\/nas-lab:21"\).* Fix: /,
    );
    await root.ok("config", "rm", "synovmm:hostEndpoints");
  });

  // Every file is checked in-process by test/unit/spec/examples.test.ts (validate, and the
  // program's message); here one file per rule, through `pulumi preview`, as a user meets them.
  const byRule = new Map<string, { name: string; line: string }>();
  for (const name of fs.readdirSync(INVALID).filter((f) => f.endsWith(".yaml"))) {
    const first = fs.readFileSync(path.join(INVALID, name), "utf8").split("\n")[0];
    const [, id, line] = /^# expect: (\S+) line (\d+)/.exec(first) ?? [];
    if (id !== undefined && !byRule.has(id)) byRule.set(id, { name, line });
  }
  for (const [id, { name, line }] of byRule) {
    it(`invalid/${name}: refused with ${id} at line ${line}`, async () => {
      await root.ok("config", "set", "synovmm:spec", `examples/invalid/${name}`);
      const run = await root.run("preview");
      expectRefused(
        run,
        new RegExp(`${name.replace(/\./g, "\\.")}:${line}:\\d+: ${id}: `),
        /nothing was sent to any host/,
      );
    });
  }
});
