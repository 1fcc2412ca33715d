/**
 * The soak's fixed CI subset (bench/soak.ts runs the full one): a few seeded random fault
 * schedules per simulator flavour, each a plain `pulumi` CLI project driven through spec changes
 * while faults hit, then recovered as the README says and checked against every invariant of
 * bench/soak/invariants.ts. What the seeds fired when picked (one run each; a fault's moment can
 * fall after its command has ended, so a later run may fire a little less):
 *   sim 7    DSM codes, dropped requests, a host down, quorum lost, a SIGKILL, slow tasks; HA on
 *   sim 12   a SIGKILL with a write in flight (pending-create recovery), a host down, dropped
 *            requests, slow answers; a VM moved, an image removed, the spare host leaving
 *   real 13  DSM codes, dropped requests, a host down, Task.Info errors
 *   real 55  three SIGKILLs, one with a write in flight (pending-create recovery), quorum lost,
 *            slow tasks
 */
import { expect } from "chai";
import { drawPlan, type Flavour } from "../../bench/soak/plan";
import { runPlan } from "../../bench/soak/run";

const CI_SEEDS: Record<Flavour, readonly number[]> = { sim: [7, 12], real: [13, 55] };

for (const flavour of ["sim", "real"] as const)
  describe(`e2e soak: seeded fault schedules on sim --dsm ${flavour} (CI subset of npm run soak)`, function () {
    this.timeout(900_000);
    for (const seed of CI_SEEDS[flavour])
      it(`seed ${seed}: every invariant holds after recovery`, async () => {
        const outcome = await runPlan(drawPlan(seed, flavour));
        console.log(
          `      fired [${[...outcome.fired].sort().join(", ")}]; kills ${outcome.kills} (${outcome.killsInWrite} in a write); ` +
            `recovered by up${outcome.recoveries.map((r) => ` + ${r}`).join("")}; ${outcome.seconds.toFixed(0)} s`,
        );
        expect(
          outcome.violations.map((v) => `${v.invariant}: ${v.detail}`),
          `seed ${seed} (${flavour}) — replay: npm run soak -- --seed ${seed} --runs 1 --dsm ${flavour} --verbose\n${outcome.transcript.join("\n")}`,
        ).to.deep.equal([]);
      });
  });
