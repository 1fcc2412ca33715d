/**
 * Loads one spec file: YAML (with positions) → schema → model → rules, collecting every problem
 * and finding with its file:line:col instead of stopping at the first.
 */
import { open } from "node:fs/promises";
import { evaluate } from "../rules/index";
import type { Finding } from "../rules/model";
import type { Position } from "./line-index";
import { clipLongRuns } from "./clip";
import { decodeSpec, MAX_SPEC_BYTES } from "./decode";
import { isWithin, parentPath } from "../model/path";
import { schemaIssues } from "../model/schemas";
import { modelOf } from "./to-model";
import { specInputs } from "./to-inputs";
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
 * Problems listed per file (ours): past this a reader fixes the first ones and runs again, and a
 * hostile file of 100,000 junk keys would otherwise print 100,000 messages.
 */
export const MAX_LISTED_PROBLEMS = 200;

/** The first MAX_LISTED_PROBLEMS problems, and one more saying how many are not listed. */
function capped(problems: Problem[], file: string): Problem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  const next = problems[MAX_LISTED_PROBLEMS];
  const rest = problems.length - MAX_LISTED_PROBLEMS;
  return [
    ...problems.slice(0, MAX_LISTED_PROBLEMS),
    {
      ...next,
      file,
      path: "",
      message: `${rest.toLocaleString("en")} more problem(s) from here on are not listed (the first ${MAX_LISTED_PROBLEMS} are).`,
      fix: "Fix the problems above and run validate again.",
    },
  ];
}

/**
 * A finding about a value the schema already rejected would repeat the same mistake in other
 * words (a malformed address is also "outside the range"), so it is left out.
 */
function suppressed(finding: Finding, problems: Problem[]): boolean {
  return problems.some((p) => p.code === "SCHEMA" && isWithin(finding.path, p.path));
}

/** The same problem or finding with overlong values in its words shortened (./clip). */
function clipped<T extends { path: string; message: string; fix: string }>(entry: T): T {
  return {
    ...entry,
    path: clipLongRuns(entry.path),
    message: clipLongRuns(entry.message),
    fix: clipLongRuns(entry.fix),
  };
}

export function loadSpecText(text: string, file: string): LoadedSpec {
  const parsed = parseYaml(text, file);
  const at = locator(parsed);
  if (!parsed.ok) {
    return {
      file,
      spec: undefined,
      inputs: undefined,
      model: undefined,
      problems: parsed.problems.map(clipped),
      findings: [],
      unusable: true,
      locate: at.value,
    };
  }
  const problems: Problem[] = [...parsed.problems];
  for (const issue of schemaIssues("specFile", parsed.value)) {
    const pos = issue.atKey ? at.key(issue.path) : at.value(issue.path);
    problems.push({ code: "SCHEMA", file, ...pos, path: issue.path, message: issue.message, fix: issue.fix });
  }
  problems.sort(byPosition);
  const listed = capped(problems, file);
  const inputs = specInputs(parsed.value);
  const model = modelOf(inputs);
  const findings: LocatedFinding[] = evaluate(model)
    .filter((f) => !suppressed(f, problems))
    .map((f) => ({ ...f, file, ...at.value(f.path) }))
    .sort(byPosition);
  return {
    file,
    spec: parsed.value,
    inputs,
    model,
    problems: listed.map(clipped),
    findings: findings.map(clipped),
    unusable: false,
    locate: at.value,
  };
}

function unusableFile(file: string, at: Position, message: string, fix: string): LoadedSpec {
  const problem: Problem = { code: "FILE", file, ...at, path: "", message, fix };
  return {
    file,
    spec: undefined,
    inputs: undefined,
    model: undefined,
    problems: [problem],
    findings: [],
    unusable: true,
    locate: () => at,
  };
}

/** Loads one spec from bytes: the text must be UTF-8 of a sane size (./decode) before it is YAML. */
export function loadSpecBytes(bytes: Buffer, file: string): LoadedSpec {
  const decoded = decodeSpec(bytes);
  if ("text" in decoded) return loadSpecText(decoded.text, file);
  return unusableFile(file, decoded.at, `${decoded.message}`, decoded.fix);
}

/**
 * The file's bytes, reading at most one byte past MAX_SPEC_BYTES: enough for decodeSpec to
 * refuse an oversized file without holding it whole (or reading forever from a device). Read in
 * chunks, so validating many small files at once holds only what they contain.
 */
async function readCapped(file: string): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= MAX_SPEC_BYTES) {
      const chunk = Buffer.alloc(Math.min(1 << 20, MAX_SPEC_BYTES + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  let bytes: Buffer;
  try {
    bytes = await readCapped(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "does not exist"
        : `cannot be read (${(error as Error).message})`;
    return unusableFile(
      file,
      { line: 0, col: 0 },
      `The file ${file} ${reason}.`,
      "Check the path and that the file is readable.",
    );
  }
  try {
    return loadSpecBytes(bytes, file);
  } catch (error) {
    // A bug of ours must still leave the user a placed, readable message, not a stack trace.
    return unusableFile(
      file,
      { line: 1, col: 1 },
      `synovmm could not check this file: ${error instanceof Error ? error.message : String(error)}.`,
      "This is a synovmm bug; please report it with the file. Meanwhile, check the file by hand against spec-format.md.",
    );
  }
}
