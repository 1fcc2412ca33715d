/**
 * Loads one spec file: YAML (with positions) → schema → model → rules, collecting every problem
 * and finding with its file:line:col instead of stopping at the first.
 */
import { readFile } from "node:fs/promises";
import { evaluate } from "../rules/index";
import type { Finding } from "../rules/model";
import type { Position } from "./line-index";
import { isWithin, parentPath } from "./path";
import { schemaIssues } from "./schemas";
import { toModel } from "./to-model";
import type { LoadedSpec, LocatedFinding, Problem } from "./types";
import { parseYaml, type ParsedYaml } from "./yaml-source";

function locator(parsed: ParsedYaml): { value: (path: string) => Position; key: (path: string) => Position } {
  // A path that is not in the file (a missing key) is shown at the key of its nearest
  // enclosing value: "spec:" is where a missing spec.clusterNetwork belongs.
  const find = (path: string, preferKey: boolean): Position => {
    let at = path;
    let exact = true;
    for (;;) {
      const spot = parsed.spots.get(at);
      if (spot !== undefined) {
        const useKey = (preferKey || !exact || spot.collection) && spot.key !== undefined;
        return parsed.lines.position(useKey ? (spot.key as number) : spot.value);
      }
      if (at === "") return { line: 1, col: 1 };
      at = parentPath(at);
      exact = false;
    }
  };
  return { value: (path) => find(path, false), key: (path) => find(path, true) };
}

const byPosition = <T extends Position>(a: T, b: T): number => a.line - b.line || a.col - b.col;

/**
 * A finding about a value the schema already rejected would repeat the same mistake in other
 * words (a malformed address is also "outside the range"), so it is left out.
 */
function suppressed(finding: Finding, problems: Problem[]): boolean {
  return problems.some((p) => p.code === "SCHEMA" && isWithin(finding.path, p.path));
}

export function loadSpecText(text: string, file: string): LoadedSpec {
  const parsed = parseYaml(text, file);
  const at = locator(parsed);
  if (!parsed.ok) {
    return {
      file,
      spec: undefined,
      model: undefined,
      problems: parsed.problems,
      findings: [],
      unusable: true,
      locate: at.value,
    };
  }
  const problems: Problem[] = [...parsed.problems];
  for (const issue of schemaIssues("cluster", parsed.value)) {
    const pos = issue.atKey ? at.key(issue.path) : at.value(issue.path);
    problems.push({ code: "SCHEMA", file, ...pos, path: issue.path, message: issue.message, fix: issue.fix });
  }
  problems.sort(byPosition);
  const model = toModel(parsed.value);
  const findings: LocatedFinding[] = evaluate(model)
    .filter((f) => !suppressed(f, problems))
    .map((f) => ({ ...f, file, ...at.value(f.path) }))
    .sort(byPosition);
  return { file, spec: parsed.value, model, problems, findings, unusable: false, locate: at.value };
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "does not exist"
        : `cannot be read (${(error as Error).message})`;
    const problem: Problem = {
      code: "FILE",
      file,
      line: 0,
      col: 0,
      path: "",
      message: `The file ${file} ${reason}.`,
      fix: "Check the path and that the file is readable.",
    };
    return {
      file,
      spec: undefined,
      model: undefined,
      problems: [problem],
      findings: [],
      unusable: true,
      locate: () => ({ line: 0, col: 0 }),
    };
  }
  return loadSpecText(text, file);
}
