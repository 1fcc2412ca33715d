/**
 * Loaded into every Node process the CLI starts (`NODE_OPTIONS=--require <this file>`): a dynamic
 * provider process appends its pid to the file named by SYNOVMM_E2E_CENSUS. Counts the provider
 * processes a command starts, including those the engine never asks to do anything (the preview
 * phase of `pulumi destroy`), which therefore print nothing of their own.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const file = process.env.SYNOVMM_E2E_CENSUS;
if (file !== undefined && process.argv.some((a) => a.includes(`${path.sep}dynamic-provider`))) {
  fs.appendFileSync(file, `${process.pid}\n`);
}

/** The pids written to `file` since it was last removed. */
export function censusPids(censusFile: string): string[] {
  if (!fs.existsSync(censusFile)) return [];
  return [...new Set(fs.readFileSync(censusFile, "utf8").split("\n").filter(Boolean))];
}
