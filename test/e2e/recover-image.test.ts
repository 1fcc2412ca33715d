/**
 * Issue 21 (soak seed 2128 on `--dsm real`): `pulumi up` SIGKILLed while it creates image img-b,
 * and the next spec no longer declares it. The next `up` does not look at it, so the image stays
 * on the NAS outside the stack, with Pulumi's pending-create note its only trace. What
 * `synovmm recover` can prove depends on the level:
 * - managed (the simulator): our private create kept this stack's owner mark on the image
 *   (ADR 027), so recover calls it MADE and `--apply` records it;
 * - official (a real NAS): images carry no mark, so recover calls it UNPROVEN and changes nothing,
 *   until the user says it is theirs with `--adopt-image img-b` (ADR 028), as `adopt: true` does.
 * Either way the next `up` deletes the image, and nothing is pending. The simulator is the judge.
 */
import { expect } from "chai";
import type { Stack } from "@pulumi/pulumi/automation";
import { Image, VirtualMachine } from "../../provider/resources";
import { startSimulator, type SimulatorHandle } from "../../simulator";
import { makeSandbox, projectStack, Recorder, type Sandbox } from "./support/pulumi";
import { workDirFor } from "./support/installed-package";
import { cliEnv, leaks } from "./support/project";
import { commandName, descendants, killTree } from "./support/process-tree";
import { runSynovmm, type CliResult } from "./support/ui-made-cluster";
import { LAB } from "../integration/simulator/helpers";
import { until } from "./support/killed-run";

const STACK = "test";

interface Deployment {
  resources: { type: string; urn: string; id?: string }[];
  pending_operations?: { type: string; resource: { urn: string } }[];
}

for (const dsm of ["sim", "real"] as const) {
  describe(`e2e recover (--dsm ${dsm}): a killed up's image create the next spec no longer declares`, function () {
    this.timeout(900_000);
    let sim: SimulatorHandle;
    let sandbox: Sandbox;
    let stack: Stack;
    let workDir: string;
    let declared = false;
    const outputs: string[] = [];

    before(async () => {
      // A slow create task keeps the image create in flight when the CLI is killed.
      sim = await startSimulator({ hosts: 3, dsm, taskDurationMs: 6_000, cluster: { ...LAB, joined: 3 } });
      sandbox = makeSandbox(`synovmm-e2e-recover-image-${dsm}-`);
      workDir = workDirFor(sandbox.dir, "work");
      stack = await projectStack(
        sandbox,
        workDir,
        `synovmm-recover-image-${dsm}`,
        async () => {
          // Keeps the stack's provider (and its settings) after img-b is dropped, as any real stack has.
          new VirtualMachine("keep", {
            cluster: "lab",
            name: "keep",
            image: "ubuntu-22.04-cloud",
            cpu: 1,
            memory: "512MiB",
            storage: "syno-1:/volume1",
            disks: [{}],
            nics: [{ network: "Default VM Network" }],
            power: "stopped",
          });
          if (declared)
            new Image("img-b", {
              cluster: "lab",
              name: "img-b",
              type: "disk",
              path: "/images/debian.img",
              storage: ["syno-1:/volume1"],
            });
        },
        {
          "synovmm:endpoints": { value: JSON.stringify(sim.endpoints) },
          "synovmm:username": { value: sim.username },
          "synovmm:password": { value: sim.password, secret: true },
        },
      );
    });
    after(async () => {
      await sim?.close();
      sandbox?.remove();
    });

    const images = () => sim.control.snapshot().images.filter((i) => i.name === "img-b");
    const synovmm = async (...args: string[]): Promise<CliResult> => {
      const run = await runSynovmm(args, { cwd: workDir, env: cliEnv(sandbox) as Record<string, string> });
      outputs.push(run.output);
      return run;
    };
    const deployment = async () => (await stack.exportStack()).deployment as Deployment;

    it("SIGKILL mid-create, img-b dropped: recover records it, the next up deletes it", async () => {
      const first = new Recorder();
      const start = await stack.up({ onOutput: first.onOutput });
      expect(start.summary.result, first.text()).to.equal("succeeded");
      declared = true;
      const before = new Set(descendants(process.pid));
      const run = stack.up({ onOutput: new Recorder().onOutput }).then(
        () => "finished",
        (e: unknown) => `failed: ${(e as Error).message}`,
      );
      await until("the image create in flight", () => images().length > 0, 120_000);
      const cli = descendants(process.pid).filter((p) => !before.has(p) && commandName(p) === "pulumi");
      expect(cli, "the pulumi CLI process").to.have.length(1);
      killTree(cli[0]);
      expect(await run).to.match(/^failed/);

      // The next merge drops img-b; the pipeline's next job runs `pulumi up` (after cancel if locked).
      declared = false;
      const next = new Recorder();
      let up = await stack.up({ onOutput: next.onOutput }).catch((e: unknown) => e as Error);
      if (up instanceof Error) {
        expect(up.message, next.text()).to.match(/lock/i);
        await stack.cancel();
        up = await stack.up({ onOutput: next.onOutput });
      }
      outputs.push(next.text());
      expect(up.summary.result, next.text()).to.equal("succeeded");
      await until("img-b's create task to end", () => images().every((i) => i.ready), 60_000);
      const orphan = images();
      expect(orphan, "img-b is left outside the stack").to.have.length(1);
      const pending = ((await deployment()).pending_operations ?? []).filter((op) =>
        op.resource.urn.endsWith("::img-b"),
      );
      expect(pending, "Pulumi's note of the killed create").to.have.length(1);

      let applied = await synovmm("recover", "--stack", STACK, "--apply");
      if (dsm === "real") {
        // No documented field marks an image: recover cannot prove it and changes nothing.
        expect(orphan[0].owner, "the official create carries no mark").to.equal(null);
        expect(applied.code, applied.output).to.equal(1);
        expect(applied.stdout, applied.output).to.match(/UNPROVEN +Image img-b/);
        expect(applied.stdout, applied.output).to.contain("images carry no mark");
        expect(applied.stdout, applied.output).to.contain("synovmm recover --apply --adopt-image img-b");
        expect((await deployment()).pending_operations, "--apply changed nothing").to.have.length(1);
        // The user knows the killed run made it, and says so once.
        applied = await synovmm("recover", "--stack", STACK, "--apply", "--adopt-image", "img-b");
      } else {
        expect(orphan[0].owner, "our private create kept the stack's mark").to.equal(
          `synovmm-recover-image-${dsm}/${STACK}`,
        );
      }
      expect(applied.code, applied.output).to.equal(0);
      expect(applied.stdout, applied.output).to.match(
        new RegExp(`MADE +Image img-b\\n.*\\n.*id ${orphan[0].imageId}`),
      );
      const recorded = (await deployment()).resources.filter((r) => r.urn.endsWith("::img-b"));
      expect(
        recorded.map((r) => r.id),
        applied.output,
      ).to.deep.equal([orphan[0].imageId]);

      const last = new Recorder();
      const cleanup = await stack.up({ onOutput: last.onOutput });
      outputs.push(last.text());
      expect(cleanup.summary.resourceChanges, last.text()).to.include({ delete: 1 });
      expect(images(), "no image img-b is left").to.deep.equal([]);
      expect((await deployment()).pending_operations ?? [], "nothing pending").to.deep.equal([]);
      const check = new Recorder();
      const preview = await stack.preview({ expectNoChanges: true, onOutput: check.onOutput });
      outputs.push(check.text());
      expect(preview.changeSummary, check.text()).to.deep.equal({ same: 2 });
      expect(leaks(outputs.join("\n")), "no stack trace or node_modules path").to.deep.equal([]);
    });
  });
}
