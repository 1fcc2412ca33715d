/**
 * Team state backend on PostgreSQL: the engine's `postgres://` DIY backend,
 * against a server this test starts on loopback and removes after. Two clusters (two simulators,
 * two stacks of the GitOps template) are updated at once from two processes; a second `up` on a
 * stack that is being updated is refused by the stack lock and the first one finishes; the state
 * read back from the database is what the simulators hold.
 */
import { expect } from "chai";
import { startSimulator, type SimulatorHandle } from "../../simulator";
import { simulatorSpecYaml, HOSTS, type ClusterSpec } from "../../examples/demo/spec";
import { GitopsRepo, type ExportedResource } from "./support/gitops";
import { startPostgres, type Postgres } from "./support/postgres";

const VM_TYPE = "pulumi-nodejs:dynamic/synovmm:VirtualMachine";

function cluster(name: string, vms: string[]): ClusterSpec {
  return { name, hosts: [...HOSTS], vms: vms.map((vm) => ({ name: vm, host: "nas-a" })) };
}

describe("e2e: team state backend on PostgreSQL (postgres:// DIY backend)", function () {
  this.timeout(600_000);
  let pg: Postgres;
  const sims: Record<string, SimulatorHandle> = {};
  let repo: GitopsRepo;
  const up = (stack: string) => repo.pulumi("up", "--yes", "--skip-preview", "--stack", stack);
  const guests = (stack: string) =>
    sims[stack].control
      .snapshot()
      .guests.map((g) => g.name)
      .sort();
  const lockKeys = (stack: string) =>
    pg
      .query(`SELECT key FROM pulumi_state WHERE key LIKE '%.pulumi/locks/%/${stack}/%'`)
      .split("\n")
      .filter((k) => k !== "");

  before(async () => {
    pg = await startPostgres();
    for (const stack of ["east", "west"])
      sims[stack] = await startSimulator({ hosts: 3, taskDurationMs: 50 });
    repo = GitopsRepo.create("postgres", pg.url);
    for (const stack of ["east", "west"]) {
      await repo.addCluster(
        stack,
        simulatorSpecYaml(sims[stack].endpoints, cluster(stack, ["app-1"])),
        sims[stack],
      );
    }
  });
  after(async () => {
    for (const sim of Object.values(sims)) await sim.close();
    repo?.remove();
    pg?.stop();
  });

  it("keeps both stacks in the database and updates them at the same time from two processes", async () => {
    const [east, west] = await Promise.all([up("east"), up("west")]);
    expect(east.code, east.output).to.equal(0);
    expect(west.code, west.output).to.equal(0);
    expect(guests("east")).to.deep.equal(["app-1"]);
    expect(guests("west")).to.deep.equal(["app-1"]);
    const dbPassword = new URL(pg.url).password;
    expect(`${east.output}${west.output}`, "the database password leaked").to.not.include(dbPassword);
    const stacks = pg.query("SELECT key FROM pulumi_state WHERE key LIKE '%.pulumi/stacks/%' ORDER BY key");
    // Keys are "<database>/.pulumi/stacks/<project>/<stack>.json": the state is in the table.
    expect(stacks).to.match(/\.pulumi\/stacks\/synovmm-clusters\/east\.json$/m);
    expect(stacks).to.match(/\.pulumi\/stacks\/synovmm-clusters\/west\.json$/m);
  });

  it("refuses a second up on a locked stack, saying so, and the first finishes", async () => {
    // A slow VM create keeps the first update (and its lock) alive while the second one starts.
    sims.east.control.setDelay({ api: "SYNO.Virtualization.API.Guest", method: "create", ms: 4000 });
    repo.writeFile(
      "clusters/east.yaml",
      simulatorSpecYaml(sims.east.endpoints, cluster("east", ["app-1", "app-2"])),
    );
    const first = up("east");
    for (let i = 0; i < 600 && lockKeys("east").length === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(lockKeys("east"), "the first up holds the stack's lock").to.have.length(1);

    const second = await up("east");
    expect(second.code).to.not.equal(0);
    expect(second.output).to.include("the stack is currently locked by 1 lock(s)");

    const done = await first;
    sims.east.control.clearDelays();
    expect(done.code, done.output).to.equal(0);
    expect(guests("east")).to.deep.equal(["app-1", "app-2"]);
    expect(lockKeys("east"), "the lock is released").to.deep.equal([]);
  });

  it("`pulumi stack export` from the database matches each simulator", async () => {
    for (const stack of ["east", "west"]) {
      const exported = await repo.exportStack(stack);
      const vms = (exported.deployment.resources ?? [])
        .filter((r: ExportedResource) => r.type === VM_TYPE && r.outputs?.guestId !== undefined)
        .map((r) => ({ name: r.outputs?.name, guestId: r.outputs?.guestId, status: r.outputs?.status }))
        .sort((a, b) => String(a.name).localeCompare(String(b.name)));
      const truth = sims[stack].control
        .snapshot()
        .guests.map((g) => ({ name: g.name, guestId: g.guestId, status: g.status }))
        .sort((a, b) => a.name.localeCompare(b.name));
      expect(vms, `stack ${stack}`).to.deep.equal(truth);
    }
  });
});
