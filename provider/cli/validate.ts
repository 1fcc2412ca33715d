/**
 * `synovmm validate FILE...`: the offline check a GitOps pipeline runs before `pulumi preview`.
 * Exit 0 when clean, 1 when any error finding (or, with --strict, any warning), 2 when a file
 * cannot be used at all (missing, not YAML) or the command line is wrong.
 */
import { readArgv } from "./argv";
import type { Command } from "./main";

const USAGE = "synovmm validate [--format text|json|github] [--strict] FILE...";

interface Options {
  format: "text" | "json" | "github";
  strict: boolean;
  files: string[];
}

const FLAGS = { format: { type: "string" }, strict: { type: "boolean" } } as const;

function parseArgs(argv: string[]): Options | string {
  const parsed = readArgv(argv, FLAGS, true, (arg) => `unknown option "${arg}"`);
  if (typeof parsed === "string") return parsed;
  const format = parsed.values.format ?? "text";
  if (format !== "text" && format !== "json" && format !== "github")
    return `--format must be text, json or github, not "${String(format)}"`;
  if (parsed.positionals.length === 0) return "name at least one spec file";
  return { format, strict: parsed.values.strict === true, files: parsed.positionals };
}

export const command: Command = {
  summary: "validate cluster spec files offline (schema and rules R1-R14)",
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    const options = parseArgs(argv);
    if (typeof options === "string") {
      console.error(`synovmm validate: ${options}\nUsage: ${USAGE}`);
      return 2;
    }
    const { loadSpec } = require("../spec/index") as typeof import("../spec/index");
    const report = require("../spec/report") as typeof import("../spec/report");
    const loaded = await Promise.all(options.files.map((file) => loadSpec(file)));
    const all = loaded.flatMap(report.entries);
    const failing = all.some((e) => e.severity === "error" || options.strict);
    const exitCode = loaded.some((l) => l.unusable) ? 2 : failing ? 1 : 0;
    if (options.format === "json") console.log(report.formatJson(loaded, exitCode));
    else if (options.format === "github") console.log(report.formatGithub(loaded));
    else console.log(report.formatText(loaded));
    return exitCode;
  },
};
