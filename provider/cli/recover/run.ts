/**
 * One `synovmm recover`: the stack's pending creates, one read of each cluster they went to, the
 * verdicts and the plan printed; with `--apply`, the plan carried out and checked in the state
 * afterwards. Every failure is one sentence on stderr (what, where, why, fix) and an exit code.
 */
import { settingsFor } from "../settings";
import { clusterOf, judgeAll, type ClusterRead, type Known } from "./findings";
import { pendingCreates, recordedIds, type StackExport } from "./pending";
import { commandsOf, planOf, renderPlan, type Plan } from "./plan";
import { exportStack, importStack, runPulumi, stackName } from "./pulumi-cli";
import { readNas } from "./read-nas";
import { recordPendingCreates } from "./state-edit";

export interface RecoverOptions {
  readonly stack?: string;
  readonly cluster?: string;
  /** `--adopt-image`: image names the user says the killed run made (official level: no mark). */
  readonly adoptImages?: readonly string[];
  readonly apply: boolean;
}

type Say = (line: string) => void;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function recover(options: RecoverOptions, say: Say, print: Say): Promise<number> {
  let exported: StackExport;
  let stack: string;
  try {
    exported = exportStack(options.stack);
    stack = stackName(options.stack);
  } catch (err) {
    say(message(err));
    return 2;
  }
  const ops = pendingCreates(exported);
  if (ops.length === 0) {
    print(`No pending creates in stack ${stack}: nothing to recover.`);
    return 0;
  }
  const clusters = [...new Set(ops.filter((o) => o.kind !== "other").map(clusterOf))].filter(
    (c) => options.cluster === undefined || c === options.cluster,
  );
  const reads = new Map<string, ClusterRead>();
  for (const cluster of clusters) {
    let settings: ReturnType<typeof settingsFor>;
    try {
      settings = settingsFor({ cluster, stack });
    } catch (err) {
      say(message(err));
      return 2;
    }
    say(`reading cluster "${cluster}" at ${settings.endpoints.join(", ")} (read methods only)…`);
    reads.set(cluster, await readNas(settings));
  }
  const known: Known = {
    clusters: reads,
    recordedGuests: recordedIds(exported, "VirtualMachine"),
    recordedImages: recordedIds(exported, "Image"),
    recordedHaPairs: recordedIds(exported, "HAPair"),
    adoptImages: new Set(options.adoptImages ?? []),
  };
  const plan = planOf(judgeAll(ops, known));
  for (const line of renderPlan(plan, options.stack, options.apply, options.adoptImages)) print(line);
  if (!options.apply) return 0;
  return apply(plan, options.stack, say, print);
}

async function apply(plan: Plan, stack: string | undefined, say: Say, print: Say): Promise<number> {
  if (plan.unproven.length > 0) {
    say(
      `--apply changed nothing: ${plan.unproven.length} pending create(s) are UNPROVEN (above), and recording or ` +
        "clearing the others would drop them unseen. Fix: resolve each as its Fix line says, then run synovmm recover --apply again",
    );
    return 1;
  }
  const [first, ...rest] = commandsOf(plan, stack);
  print("");
  try {
    if (plan.record.length > 0) {
      print(`$ ${first.join(" ")}`);
      const now = exportStack(stack);
      const before = JSON.stringify(
        pendingCreates(now)
          .map((o) => o.urn)
          .sort(),
      );
      if (before !== JSON.stringify(plan.findings.map((f) => f.op.urn).sort())) {
        say(
          "--apply changed nothing: the stack's pending creates changed while recover ran (another pulumi command?). " +
            "Fix: let it finish, then run synovmm recover again",
        );
        return 1;
      }
      // Edited first: an edit it cannot make stops before anything is imported.
      const edited = recordPendingCreates(now, plan.record, plan.resolved);
      print(`$ ${rest[0].join(" ")}`);
      importStack(stack, edited);
    }
    for (const command of plan.record.length > 0 ? rest.slice(1) : [first]) {
      print(`$ ${command.join(" ")}`);
      const result = runPulumi(command.slice(1));
      for (const line of result.lines) print(`  ${line}`);
      if (result.code !== 0) {
        say(
          `\`${command.join(" ")}\` exited ${result.code} (its output is above). ` +
            (plan.record.length > 0
              ? "The objects are recorded in the state already; the refresh only reads their live settings. Fix: see the error above, then run pulumi refresh --yes"
              : "The notes are still there. Fix: see the error above, then run synovmm recover --apply again"),
        );
        return 1;
      }
    }
  } catch (err) {
    say(message(err));
    return 1;
  }
  return verify(plan, stack, say, print);
}

/** The state after --apply: each object recorded with its id, no handled note left. */
function verify(plan: Plan, stack: string | undefined, say: Say, print: Say): number {
  let after: StackExport;
  try {
    after = exportStack(stack);
  } catch (err) {
    say(message(err));
    return 1;
  }
  const resources = new Map((after.deployment?.resources ?? []).map((r) => [r.urn, r.id]));
  const missing = plan.record.filter((r) => resources.get(r.urn) !== r.id);
  const handled = new Set(plan.findings.map((f) => f.op.urn));
  const left = pendingCreates(after).filter((o) => handled.has(o.urn));
  if (missing.length > 0 || left.length > 0) {
    say(
      `--apply ran, but the state does not show it: ${missing
        .map((r) => `${r.urn} not recorded with id ${r.id}`)
        .concat(left.map((o) => `${o.urn} still pending`))
        .join("; ")}. ` +
        "Fix: run synovmm recover again to see what is left, and report this with its output",
    );
    return 1;
  }
  print("");
  print(
    plan.record.length > 0
      ? `Recorded ${plan.record.length} object(s) and dropped every pending create. Next: pulumi up (deletes what the spec no longer declares).`
      : "Dropped every pending create. Next: pulumi up.",
  );
  return 0;
}
