/**
 * The rows `synovmm doctor` prints: one per check and place, with a verdict a user can scan and a
 * detail that says what was seen, and on failure why and how to fix it.
 */

/** `FAIL` is upper case so it stands out in a column of `ok`. */
export type Verdict = "ok" | "warn" | "FAIL" | "skip";

export interface Row {
  readonly check: string;
  /** Endpoint host:port, or "cluster". */
  readonly where: string;
  readonly verdict: Verdict;
  readonly detail: string;
}

export function formatTable(rows: readonly Row[]): string {
  const header: Row = { check: "CHECK", where: "WHERE", verdict: "RESULT" as Verdict, detail: "DETAIL" };
  const all = [header, ...rows];
  const checkWidth = Math.max(...all.map((r) => r.check.length));
  const whereWidth = Math.max(...all.map((r) => r.where.length));
  const verdictWidth = Math.max(...all.map((r) => r.verdict.length));
  return all
    .map((r) =>
      [r.check.padEnd(checkWidth), r.where.padEnd(whereWidth), r.verdict.padEnd(verdictWidth), r.detail]
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function summarize(rows: readonly Row[]): string {
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  const failed = count("FAIL");
  const warned = count("warn");
  const tail = `${count("ok")} ok, ${warned} warning${warned === 1 ? "" : "s"}, ${count("skip")} skipped`;
  return failed === 0
    ? `Healthy: ${tail}.`
    : `${failed} check${failed === 1 ? "" : "s"} failed (${tail}); see FAIL rows for the fix.`;
}
