/**
 * The import round trip, as a user meets it: a cluster made by hand (through the simulator's DSM
 * and control APIs: a clone of a disk image, several disks, no image, IDE and SATA controllers, an
 * e1000 NIC, VMs running and stopped, one another stack owns), `synovmm import`, `synovmm
 * validate`, then a Pulumi project whose index.ts is a plain `fromSpec("cluster.yaml")`, driven by
 * the `pulumi` CLI: `up` takes every object over with no write in the request log, `preview
 * --expect-no-changes` passes, and one edit each of cpu, memory, autorun, power and description
 * previews exactly one update. At both capability levels; at the official level through the
 * README's commands, exactly as written there.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import type { SimulatorHandle } from "../../simulator";
import { cliEnv, describeRun, leaks, ProjectDir, type CliRun } from "./support/project";
import {
  OTHER_STACK,
  UI_VMS,
  makeUiCluster,
  runSynovmm,
  simEnv,
  startClusterSimulator,
  writesIn,
} from "./support/ui-made-cluster";

const README = path.join(__dirname, "..", "..", "..", "README.md");
const SECTION = "## Bring an existing cluster under code";

/** The commands of the README section's first `sh` block, one per line. */
function readmeCommands(): string[] {
  const text = fs.readFileSync(README, "utf8");
  const section = text.slice(text.indexOf(SECTION));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/**
 * The README's sample output (its `text` and `yaml` blocks after the commands): each line must be
 * in what the run printed or wrote; a line with `…` up to the `…` (ports, time, MACs differ).
 */
function readmeSamples(): { printed: string[]; file: string[] } {
  const text = fs.readFileSync(README, "utf8");
  const section = text.slice(text.indexOf(SECTION));
  const block = (lang: string) =>
    (new RegExp("```" + lang + "\n([\\s\\S]*?)```").exec(section)?.[1] ?? "")
      .split("\n")
      .filter((l) => l.trim() !== "" && l.trim() !== "…")
      .map((l) => (l.includes("…") ? l.slice(0, l.indexOf("…")) : l));
  return { printed: block("text"), file: block("yaml") };
}

function expectLines(lines: readonly string[], inText: string, what: string): void {
  expect(lines.length, `${what}: README sample found`).to.be.at.least(2);
  for (const line of lines) expect(inText, `${what}: README line ${JSON.stringify(line)}`).to.contain(line);
}

/** The spec text with one field of one (declared) VM set to `value`. */
function edited(text: string, vm: string, field: string, value: string): string {
  const lines = text.split("\n");
  const start = lines.indexOf(`    - name: ${vm}`);
  expect(start, `VM ${vm} declared`).to.be.greaterThan(0);
  const at = lines.findIndex((l, i) => i > start && l.startsWith(`      ${field}: `));
  const next = lines.findIndex((l, i) => i > start && l.startsWith("    - "));
  expect(at > start && (next < 0 || at < next), `${vm}.${field} in the file`).to.equal(true);
  lines[at] = `      ${field}: ${value}`;
  return lines.join("\n");
}

interface Preview {
  changeSummary: Record<string, number>;
}

for (const dsm of ["sim", "real"] as const) {
  describe(`e2e: synovmm import, then a plain fromSpec adopts with zero writes (--dsm ${dsm})`, function () {
    this.timeout(900_000);
    let sim: SimulatorHandle;
    let project: ProjectDir;
    let imported: string;

    const clean = (run: CliRun | { output: string }, what: string) =>
      expect(leaks(run.output), what).to.deep.equal([]);

    before(async () => {
      sim = await startClusterSimulator(dsm);
      await makeUiCluster(sim, dsm);
      project = ProjectDir.create(`import-${dsm}`, undefined);
      await project.initStack(sim);
    });
    after(async () => {
      project?.remove();
      await sim?.close();
    });

    it("import writes cluster.yaml, reading only; synovmm validate exits 0", async () => {
      sim.control.clearLog();
      const env = Object.fromEntries(
        Object.entries(cliEnv(project.sandbox)).filter((e): e is [string, string] => e[1] !== undefined),
      );
      if (dsm === "real") {
        // The README's first command, exactly as written, from the project folder with its stack.
        const [command] = readmeCommands();
        expect(command).to.equal("npx synovmm import --stack dev --out cluster.yaml");
        const [, , ...args] = command.split(" ");
        const run = await runSynovmm(args, {
          cwd: project.dir,
          env,
          bin: ["npx", "--no-install", "synovmm"],
        });
        expect(run.code, run.output).to.equal(0);
        clean(run, run.output);
        // The README's sample output is this run's: what it printed, and lines of the file it wrote.
        expectLines(readmeSamples().printed, run.stderr, "printed");
        expectLines(readmeSamples().file, project.read("cluster.yaml"), "cluster.yaml");
      } else {
        const run = await runSynovmm(["import", "--out", "cluster.yaml"], {
          cwd: project.dir,
          env: { ...env, ...simEnv(sim) },
        });
        expect(run.code, run.output).to.equal(0);
        clean(run, run.output);
      }
      expect(writesIn(sim.control.requestLog())).to.deep.equal([]);
      imported = project.read("cluster.yaml");
      expect(imported).to.contain(`# Not taken over: the Pulumi stack ${OTHER_STACK} manages it`);
      const validate = await runSynovmm(["validate", "cluster.yaml"], { cwd: project.dir });
      expect(validate.code, validate.output).to.equal(0);
    });

    it("pulumi up adopts every object with zero write requests to any NAS", async () => {
      sim.control.clearLog();
      const run = await project.pulumiOk("up", "--yes");
      clean(run, describeRun(run));
      expect(writesIn(sim.control.requestLog()), describeRun(run)).to.deep.equal([]);
      // cluster, 3 hosts, 3 images, 3 VMs (+ the HA pair where it can be read), and the stack.
      expect(run.output).to.match(new RegExp(`\\+ ${dsm === "sim" ? 12 : 11} created`));
    });

    it("preview --expect-no-changes passes; the third README command commits the file", async () => {
      const run = await project.pulumiOk("preview", "--expect-no-changes");
      clean(run, describeRun(run));
      if (dsm === "real") {
        const commit = readmeCommands()[2];
        expect(commit).to.equal('git add cluster.yaml && git commit -m "Bring the VMM cluster under code"');
        project.git("add", "cluster.yaml");
        project.git("commit", "-q", "-m", "Bring the VMM cluster under code");
        expect(project.git("log", "--format=%s", "-1").trim()).to.equal("Bring the VMM cluster under code");
        expect(readmeCommands()[1]).to.equal("pulumi up --yes");
      }
    });

    const edits: [string, string, string][] = [
      [UI_VMS.legacy, "cpu", "3"],
      [UI_VMS.legacy, "memory", "3GiB"],
      [UI_VMS.db, "autorun", "off"],
      [UI_VMS.db, "power", "stopped"],
      [UI_VMS.db, "description", "database, primary"],
    ];
    for (const [vm, field, value] of edits) {
      it(`editing ${vm}'s ${field} previews exactly one update, nothing written`, async () => {
        project.write("cluster.yaml", edited(imported, vm, field, value));
        sim.control.clearLog();
        const run = await project.pulumiOk("preview", "--json");
        const preview = JSON.parse(run.stdout) as Preview;
        const { same = 0, ...changes } = preview.changeSummary;
        expect(changes, run.stdout.slice(0, 2000)).to.deep.equal({ update: 1 });
        expect(same).to.be.greaterThan(0);
        expect(writesIn(sim.control.requestLog())).to.deep.equal([]);
        project.write("cluster.yaml", imported);
      });
    }
  });
}
