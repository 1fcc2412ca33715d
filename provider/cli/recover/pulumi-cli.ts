/**
 * The `pulumi` commands recover runs, as child processes of the CLI on PATH (like doctor's
 * `pulumi config`, doctor/stack-config.ts): their failures become one readable Error each (what,
 * where, why, fix), with secrets scrubbed and no stack trace. The state goes through a private
 * temp file, exported without --show-secrets, so secrets stay encrypted on disk.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { scrub } from "../../api";
import type { StackExport } from "./pending";

const on = (stack: string | undefined) => (stack === undefined ? [] : ["--stack", stack]);
const named = (stack: string | undefined) => (stack === undefined ? "the current stack" : `stack ${stack}`);

function failure(args: string[], err: unknown, stack: string | undefined): Error {
  const e = err as NodeJS.ErrnoException & { stderr?: string };
  if (e.code === "ENOENT")
    return new Error(
      "synovmm recover needs the pulumi CLI, which is not on PATH. Fix: install it (npm run setup:pulumi in this repository)",
      { cause: err },
    );
  // All of it, on one line: "error: 2 errors occurred:" alone would hide both errors.
  const lines = (e.stderr ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const why = scrub(
    lines
      .slice(0, 12)
      .join(" ")
      .replace(/:\s*\*/g, ": *") || "it failed",
  );
  return new Error(
    `\`pulumi ${args.join(" ")}\` failed for ${named(stack)}: ${why}. Fix: run synovmm recover in the Pulumi ` +
      "project's folder and name an existing stack (pulumi stack ls)",
    { cause: err },
  );
}

function pulumi(args: string[], stack: string | undefined): string {
  try {
    return execFileSync("pulumi", args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (err) {
    throw failure(args, err, stack);
  }
}

/** The stack `--stack` names, else the current one (for its config and its mark). */
export function stackName(stack: string | undefined): string {
  return stack ?? pulumi(["stack", "--show-name"], stack).trim();
}

/** `pulumi stack export`, parsed. */
export function exportStack(stack: string | undefined): StackExport {
  const text = pulumi(["stack", "export", ...on(stack)], stack);
  try {
    return JSON.parse(text) as StackExport;
  } catch (err) {
    throw new Error(`\`pulumi stack export\` of ${named(stack)} did not print JSON`, { cause: err });
  }
}

/** `pulumi stack import` of `state`, from a temp file only this user can read, removed after. */
export function importStack(stack: string | undefined, state: StackExport): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synovmm-recover-"));
  const file = path.join(dir, "state.json");
  try {
    fs.writeFileSync(file, JSON.stringify(state, null, 2), { mode: 0o600 });
    pulumi(["stack", "import", ...on(stack), "--file", file], stack);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `pulumi <args>` to its end; its output lines (scrubbed) and exit code. */
export function runPulumi(args: string[]): { code: number; lines: string[] } {
  const result = spawnSync("pulumi", [...args, "--non-interactive", "--color", "never"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw failure(args, result.error, undefined);
  const lines = `${result.stdout ?? ""}${result.stderr ?? ""}`
    .split("\n")
    .map((l) => scrub(l.trimEnd()))
    .filter((l) => l !== "");
  return { code: result.status ?? 1, lines };
}
