/**
 * The soak: seeded random fault schedules against the plain `pulumi` CLI on a project, checking
 * the invariants of bench/soak/invariants.ts after every run (Jepsen-style: nothing lost, nothing
 * doubled, whatever fails in whatever order; ADR 025).
 *
 *   npm run soak -- [--seed S] [--runs N] [--dsm sim|real|both] [--jobs J] [--verbose]
 *   npm run soak -- --replay plan.json        (a failing run's printed plan, run again)
 *
 * Seeds S, S+1, … S+N-1 run on each chosen flavour. A failing run prints its seed, its plan
 * shrunk to the fewest faults that still fail, and the command that replays it; the exit code is 1.
 * As a bench (`npm run bench`), it runs a few seeds per flavour.
 */
import * as fs from "node:fs";
import { CHANGE_KINDS, drawPlan, FAULT_KINDS, withoutFault, type Flavour, type Plan } from "./soak/plan";
import { INVARIANTS } from "./soak/invariants";
import { newOutcome, runPlan, type RunOutcome } from "./soak/run";

interface Options {
  seed: number;
  runs: number;
  flavours: Flavour[];
  verbose: boolean;
  replay?: string;
  shrink: number;
  /** Runs at once: each has its own simulator, project and CLI, so they share nothing but the cores. */
  jobs: number;
}

function usage(why: string): never {
  process.stderr.write(
    `soak: ${why}\nusage: npm run soak -- [--seed S] [--runs N] [--dsm sim|real|both] [--jobs J] [--verbose] [--replay plan.json]\n`,
  );
  process.exit(2);
}

function parse(argv: readonly string[]): Options {
  const o: Options = { seed: 1, runs: 3, flavours: ["sim", "real"], verbose: false, shrink: 6, jobs: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    const count = (name: string, v: string) => {
      if (!/^\d+$/.test(v)) usage(`${name} takes a whole number, not "${v}"`);
      return Number(v);
    };
    if (a === "--seed") o.seed = count(a, value());
    else if (a === "--runs") o.runs = count(a, value());
    else if (a === "--shrink") o.shrink = count(a, value());
    else if (a === "--jobs") o.jobs = Math.max(1, count(a, value()));
    else if (a === "--dsm") {
      const v = value();
      if (v !== "sim" && v !== "real" && v !== "both") usage(`--dsm takes sim, real or both, not "${v}"`);
      o.flavours = v === "both" ? ["sim", "real"] : [v];
    } else if (a === "--verbose") o.verbose = true;
    else if (a === "--replay") o.replay = value();
    else usage(`unknown argument ${a}`);
  }
  return o;
}

async function attempt(plan: Plan, verbose: boolean): Promise<RunOutcome> {
  try {
    return await runPlan(plan, verbose ? (l) => console.log(l) : undefined);
  } catch (e) {
    // The harness itself failed (e.g. the fault-free first up): a failed run, never a crash of the soak.
    return {
      ...newOutcome(plan),
      violations: [
        { invariant: "nothing lost", detail: `the run could not be carried out: ${(e as Error).message}` },
      ],
    };
  }
}

function line(o: RunOutcome): string {
  const p = o.plan;
  const faults = p.steps.reduce((n, s) => n + s.faults.length, 0);
  const kill = o.kills > 0 ? ` kill${o.killsInWrite > 0 ? " (write in flight)" : ""}` : "";
  const verdict = o.violations.length === 0 ? "ok" : `FAILED (${o.violations.length})`;
  return (
    `seed ${String(p.seed).padStart(4)} ${p.flavour.padEnd(4)} hosts ${p.start.hosts.length}${p.boxes > p.start.hosts.length ? "+1" : ""} steps ${p.steps.length} ` +
    `faults ${faults} fired [${[...o.fired].sort().join(",")}]${kill} ` +
    `${o.recoveries.length > 0 ? `recovered by ${o.recoveries.join("+")} ` : ""}${o.seconds.toFixed(1)}s ${verdict}`
  );
}

/** The fewest faults that still fail the same way: drop one at a time, keep each drop that still fails. */
async function shrink(failed: RunOutcome, budget: number, verbose: boolean): Promise<RunOutcome> {
  let best = failed;
  const same = (o: RunOutcome) =>
    o.violations.some((v) => failed.violations.some((w) => w.invariant === v.invariant));
  for (let s = 0; s < best.plan.steps.length && budget > 0; s++)
    for (let f = best.plan.steps[s].faults.length - 1; f >= 0 && budget > 0; f--) {
      budget--;
      const tried = await attempt(withoutFault(best.plan, s, f), verbose);
      if (same(tried)) best = tried;
    }
  return best;
}

function table(title: string, rows: [string, string][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const t0 = Date.now();
  const plans: Plan[] = o.replay
    ? [JSON.parse(fs.readFileSync(o.replay, "utf8")) as Plan]
    : o.flavours.flatMap((f) => Array.from({ length: o.runs }, (_, i) => drawPlan(o.seed + i, f)));
  console.log(
    o.replay
      ? `soak: replaying ${o.replay}`
      : `soak: seeds ${o.seed}–${o.seed + o.runs - 1} on ${o.flavours.join(" and ")} (${plans.length} runs)`,
  );
  const outcomes: RunOutcome[] = [];
  const queue = [...plans];
  const worker = async () => {
    for (let plan = queue.shift(); plan !== undefined; plan = queue.shift()) {
      const outcome = await attempt(plan, o.verbose && o.jobs === 1);
      outcomes.push(outcome);
      console.log(line(outcome));
      for (const v of outcome.violations) console.log(`    ✗ ${v.invariant}: ${v.detail}`);
      // Kept at once: a failure that hangs on timing may not come back while shrinking.
      if (outcome.violations.length > 0)
        fs.writeFileSync(`soak-seed-${plan.seed}-${plan.flavour}.first.log`, outcome.log);
    }
  };
  await Promise.all(Array.from({ length: o.jobs }, worker));

  for (const flavour of o.flavours) {
    const mine = outcomes.filter((x) => x.plan.flavour === flavour);
    if (mine.length === 0) continue;
    table(
      `invariants (${flavour}, ${mine.length} runs): runs in which each held`,
      INVARIANTS.map((inv) => [
        inv,
        `${mine.filter((x) => !x.violations.some((v) => v.invariant === inv)).length}/${mine.length}`,
      ]),
    );
    table(`coverage (${flavour}): runs in which each fault kind fired`, [
      ...FAULT_KINDS.map((k): [string, string] => [k, String(mine.filter((x) => x.fired.has(k)).length)]),
      ["SIGKILL with a write in flight", String(mine.reduce((n, x) => n + x.killsInWrite, 0))],
    ]);
    const steps = mine.flatMap((x) => x.plan.steps);
    table(
      `changes (${flavour}): steps that drew each spec change (of them, applied by that step's up)`,
      CHANGE_KINDS.map((k): [string, string] => {
        const drawn = steps.filter((s) => s.change === k);
        return [k, `${drawn.length} (${drawn.filter((s) => s.command === "up").length})`];
      }),
    );
  }
  const seconds = (Date.now() - t0) / 1000;
  const failed = outcomes.filter((x) => x.violations.length > 0);
  console.log(
    `\nsoak: ${outcomes.length - failed.length}/${outcomes.length} runs held every invariant; ` +
      `${seconds.toFixed(0)} s wall, ${(seconds / Math.max(1, outcomes.length)).toFixed(1)} s per run`,
  );
  for (const f of failed) {
    console.log(`\nseed ${f.plan.seed} on ${f.plan.flavour} failed; shrinking (at most ${o.shrink} reruns)…`);
    const small = await shrink(f, o.shrink, o.verbose);
    const file = `soak-seed-${f.plan.seed}-${f.plan.flavour}.json`;
    fs.writeFileSync(file, `${JSON.stringify(small.plan, null, 2)}\n`);
    fs.writeFileSync(file.replace(/\.json$/, ".log"), small.log);
    console.log(
      `  reproduction: npm run soak -- --replay ${file} (what each command printed: ${file.replace(/\.json$/, ".log")}; the first failing run: ${file.replace(/\.json$/, ".first.log")})`,
    );
    for (const v of small.violations) console.log(`    ✗ ${v.invariant}: ${v.detail}`);
    for (const t of small.transcript) console.log(`    ${t}`);
  }
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`soak: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
