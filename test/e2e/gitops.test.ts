/**
 * The GitOps template (examples/gitops) run the way its workflow runs it: a
 * temporary git repository holding a copy of the template, pointed at the simulator and at the
 * packed package, and the `run:` steps of each workflow job executed in order — pull request
 * (validate, preview), merge to main (up), nightly (drift check).
 */
import { expect } from "chai";
import { createClient } from "../../provider/api";
import { startSimulator, type SimulatorHandle } from "../../simulator";
import { simulatorSpecYaml, HOSTS, type ClusterSpec } from "../../examples/demo/spec";
import { GitopsRepo, workflowScripts, TEMPLATE_DIR } from "./support/gitops";

const BASE: ClusterSpec = { name: "lab", hosts: [...HOSTS], vms: [{ name: "web-1", host: "nas-a" }] };
const WITH_WEB2: ClusterSpec = { ...BASE, vms: [...(BASE.vms ?? []), { name: "web-2", host: "nas-b" }] };
// R6: an HA pair's active and passive hosts must differ.
const BAD: ClusterSpec = {
  ...BASE,
  vms: [...(BASE.vms ?? []), { name: "web-2", host: "nas-b", ha: { active: "nas-b", passive: "nas-b" } }],
};

describe("e2e: the GitOps template's pipeline on a temporary git repository", function () {
  this.timeout(600_000);
  let sim: SimulatorHandle;
  let repo: GitopsRepo;
  const spec = (s: ClusterSpec) => simulatorSpecYaml(sim.endpoints, s);
  const guests = () =>
    sim.control
      .snapshot()
      .guests.map((g) => g.name)
      .sort();

  before(async () => {
    sim = await startSimulator({ hosts: 3, taskDurationMs: 50 });
    repo = GitopsRepo.create("gitops");
    await repo.addCluster("lab", spec(BASE), sim);
    repo.commit("Cluster lab: one VM");
  });
  after(async () => {
    await sim?.close();
    repo?.remove();
  });

  it("the workflow holds no logic: each job's steps are the template's scripts", () => {
    expect(workflowScripts(TEMPLATE_DIR, "pull-request")).to.deep.equal([
      "bash scripts/validate.sh",
      "bash scripts/preview.sh",
    ]);
    expect(workflowScripts(TEMPLATE_DIR, "deploy")).to.deep.equal(["bash scripts/up.sh"]);
    expect(workflowScripts(TEMPLATE_DIR, "drift")).to.deep.equal(["bash scripts/drift.sh"]);
  });

  it("the template's index.ts type-checks against the installed package", async () => {
    const r = await repo.run("npx", ["--no-install", "tsc", "--noEmit", "-p", "."]);
    expect(r.code, r.output).to.equal(0);
  });

  it("merge to main: the deploy job creates the cluster", async () => {
    const job = await repo.runJob("deploy");
    expect(job.ok, job.output).to.equal(true);
    expect(guests()).to.deep.equal(["web-1"]);
    expect(job.summary).to.include("Cluster `lab`: deployed");
  });

  it("pull request with a bad spec: validate fails with an annotation on the line, preview never runs", async () => {
    repo.git("checkout", "--quiet", "-b", "add-web-2");
    const text = spec(BAD);
    repo.writeFile("clusters/lab.yaml", text);
    repo.commit("web-2 with HA on one host");
    const job = await repo.runJob("pull-request");
    expect(job.ok).to.equal(false);
    expect(job.steps.map((s) => s.command)).to.deep.equal(["bash scripts/validate.sh"]);
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes("passive: nas-b")) + 1;
    const col = lines[line - 1].lastIndexOf("nas-b") + 1;
    expect(job.output).to.include(`::error file=clusters/lab.yaml,line=${line},col=${col},title=R6 `);
    expect(guests()).to.deep.equal(["web-1"]);
  });

  it("pull request with a good change: the preview in the job summary lists it, nothing changes", async () => {
    repo.writeFile("clusters/lab.yaml", spec(WITH_WEB2));
    repo.commit("web-2 on nas-b");
    const job = await repo.runJob("pull-request");
    expect(job.ok, job.output).to.equal(true);
    expect(job.summary).to.include("Cluster `lab`: preview");
    expect(job.summary).to.match(
      /\+ pulumi-nodejs:dynamic\/synovmm:VirtualMachine: \(create\)\n\s+\[urn=[^\]]*::lab\.web-2\]/,
    );
    expect(job.summary).to.match(/Resources:\n\s+\+ 1 to create\n/);
    expect(`${job.output}${job.summary}`, "the NAS password leaked").to.not.include(sim.password);
    expect(guests()).to.deep.equal(["web-1"]);
  });

  it("merge: the deploy job applies the change", async () => {
    repo.git("checkout", "--quiet", "main");
    repo.git("merge", "--quiet", "--no-ff", "-m", "Merge add-web-2", "add-web-2");
    const job = await repo.runJob("deploy");
    expect(job.ok, job.output).to.equal(true);
    expect(guests()).to.deep.equal(["web-1", "web-2"]);
  });

  it("nightly: no drift passes", async () => {
    const job = await repo.runJob("drift");
    expect(job.ok, job.output).to.equal(true);
    expect(job.summary).to.include("Cluster `lab`: no drift");
  });

  it("nightly: a VM changed by hand fails the drift check, naming it", async () => {
    const client = createClient({ endpoints: sim.endpoints, username: sim.username, password: sim.password });
    try {
      const web2 = sim.control.snapshot().guests.find((g) => g.name === "web-2");
      await client.guests.set(web2?.guestId ?? "", { description: "edited by hand" });
    } finally {
      await client.close();
    }
    const job = await repo.runJob("drift");
    expect(job.ok).to.equal(false);
    expect(job.output).to.match(
      /::error title=drift in cluster lab::lab\.web-2 \(VirtualMachine\) changed: description,/,
    );
    expect(job.output).to.not.match(/lab\.web-1\b/);
    expect(job.summary).to.include("Cluster `lab`: DRIFT");
    expect(job.summary).to.include("lab.web-2");
    expect(`${job.output}${job.summary}`, "the NAS password leaked").to.not.include(sim.password);
  });
});
