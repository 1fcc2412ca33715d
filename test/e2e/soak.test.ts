/**
 * The soak's fixed CI subset (bench/soak.ts runs the full one): a few seeded random fault
 * schedules per simulator flavour, each a plain `pulumi` CLI project driven through spec changes
 * while faults hit, then recovered as the README says and checked against every invariant of
 * bench/soak/invariants.ts. What the seeds fired when picked (one run each; a fault's moment can
 * fall after its command has ended, so a later run may fire a little less):
 *   sim 100   a SIGKILL with a write in flight (recovered by synovmm recover --apply), an answer
 *             lost after the write, a host down, DSM codes, slow answers; VMs move, HA on twice,
 *             an image removed, the spare host joins
 *   sim 488   quorum lost, a SIGKILL with a write in flight (recover --apply), slow tasks; a VM
 *             powered and moved, the spare host joins, HA on
 *   real 2001 quorum lost, DSM codes, dropped requests, slow answers
 *   real 2002 a SIGKILL with a write in flight (an image adopted once, pending creates), answers
 *             lost after the write, DSM codes, a host down
 */
import { expect } from "chai";
import { drawPlan, type Flavour } from "../../bench/soak/plan";
import { runPlan } from "../../bench/soak/run";

const CI_SEEDS: Record<Flavour, readonly number[]> = { sim: [100, 488], real: [2001, 2002] };

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
