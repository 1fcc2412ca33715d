/**
 * From the verdicts to what `synovmm recover` prints and `--apply` does: record the objects the
 * killed run made (a state edit, then a refresh of just those resources), drop the notes that are
 * proven stale or about nothing, and leave every unproven one to the user. `--apply` acts only when
 * every note is proven: `pulumi stack import` drops every pending operation it is given, so an
 * unproven note would be lost with the others. Pure: findings in, plan and text out.
 */
import type { Finding } from "./findings";
import type { Recorded } from "./state-edit";

export interface Plan {
  readonly findings: readonly Finding[];
  /** Objects to record, one per URN. */
  readonly record: readonly Recorded[];
  /** URNs whose notes are stale or about nothing. */
  readonly resolved: ReadonlySet<string>;
  readonly unproven: readonly Finding[];
}

export function planOf(findings: readonly Finding[]): Plan {
  const record = new Map<string, string>();
  const resolved = new Set<string>();
  for (const { op, verdict } of findings) {
    if (verdict.kind === "made" && !record.has(op.urn)) record.set(op.urn, verdict.id);
    else if (verdict.kind === "recorded" || verdict.kind === "nothing") resolved.add(op.urn);
  }
  // A URN recorded by one note needs nothing more from another note of the same URN.
  for (const urn of record.keys()) resolved.delete(urn);
  return {
    findings,
    record: [...record].map(([urn, id]) => ({ urn, id })),
    resolved,
    unproven: findings.filter((f) => f.verdict.kind === "unproven" && !record.has(f.op.urn)),
  };
}

/** The pulumi commands `--apply` runs, in order, as a person would type them. */
export function commandsOf(plan: Plan, stack: string | undefined): string[][] {
  const on = stack === undefined ? [] : ["--stack", stack];
  if (plan.record.length > 0)
    return [
      ["pulumi", "stack", "export", ...on, "--file", "STATE.json"],
      ["pulumi", "stack", "import", ...on, "--file", "STATE.json"],
      [
        "pulumi",
        "refresh",
        ...on,
        ...plan.record.flatMap((r) => ["--target", r.urn]),
        "--yes",
        "--skip-preview",
      ],
    ];
  if (plan.resolved.size > 0)
    return [["pulumi", "refresh", ...on, "--clear-pending-creates", "--yes", "--skip-preview"]];
  return [];
}

const LABEL: Record<string, string> = {
  made: "MADE",
  recorded: "STALE",
  nothing: "NOTHING",
  unproven: "UNPROVEN",
};

/** What `synovmm recover` prints: one block per note, then what to run. */
export function renderPlan(
  plan: Plan,
  stack: string | undefined,
  applying: boolean,
  adoptImages: readonly string[] = [],
): string[] {
  const lines: string[] = [];
  const n = plan.findings.length;
  lines.push(
    `${n} pending create${n === 1 ? "" : "s"} in the stack's state (Pulumi's note of creates a killed pulumi up had in flight):`,
  );
  for (const { op, verdict } of plan.findings) {
    lines.push(
      `  ${LABEL[verdict.kind].padEnd(9)}${op.kind === "other" ? op.type : op.kind} ${op.name ?? op.vm ?? "?"}`,
    );
    lines.push(`           ${op.urn}`);
    lines.push(`           ${verdict.what}`);
    if (verdict.kind === "unproven") lines.push(`           Fix: ${verdict.fix}`);
  }
  // The flags the suggested `--apply` needs to give the same verdicts.
  const stackFlag =
    (stack === undefined ? "" : ` --stack ${stack}`) +
    (adoptImages.length === 0 ? "" : ` --adopt-image ${adoptImages.join(",")}`);
  const commands = commandsOf(plan, stack);
  lines.push("");
  if (plan.unproven.length > 0) {
    lines.push(
      `${plan.unproven.length} note${plan.unproven.length === 1 ? " is" : "s are"} UNPROVEN: synovmm recover --apply changes nothing until each is resolved as its Fix says, ` +
        "since recording or clearing goes through a state import that would drop it unseen.",
    );
    return lines;
  }
  if (plan.record.length > 0) {
    lines.push(
      `To record what the killed run made (${plan.record.map((r) => `id ${r.id}`).join(", ")}) and drop the other notes${applying ? "" : `, run: synovmm recover${stackFlag} --apply`}`,
      "which runs (STATE.json a private temp file; the pending creates above moved into resources with their ids):",
    );
  } else {
    lines.push(
      `The killed run left nothing outside the stack: the notes are safe to drop${applying ? "" : `, with: synovmm recover${stackFlag} --apply`}`,
      "which runs:",
    );
  }
  for (const c of commands) lines.push(`  ${c.join(" ")}`);
  lines.push(
    "",
    plan.record.length > 0
      ? "Then pulumi up deletes what the spec no longer declares and takes over what it still does."
      : "Then pulumi up no longer warns of pending operations.",
  );
  if (plan.record.length > 0)
    lines.push(
      "(pulumi refresh --import-pending-creates URN --import-pending-creates ID, Pulumi's own answer, drops the note " +
        "in Pulumi v3.248.0 without recording the resource: docs/adr/028-recover-pending-creates.md.)",
    );
  return lines;
}
