/**
 * `synovmm validate FILE...`: the offline check a GitOps pipeline runs before `pulumi preview`.
 * Exit 0 when clean, 1 when any error finding (or, with --strict, any warning), 2 when a file
 * cannot be used at all (missing, not YAML) or the command line is wrong.
 */
import type { Command } from "./main";

const USAGE = "synovmm validate [--format text|json|github] [--strict] FILE...";

interface Options {
  format: "text" | "json" | "github";
  strict: boolean;
  files: string[];
}

function parseArgs(argv: string[]): Options | string {
  const options: Options = { format: "text", strict: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--strict") options.strict = true;
    else if (arg === "--format" || arg.startsWith("--format=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (value !== "text" && value !== "json" && value !== "github")
        return `--format must be text, json or github, not "${value ?? ""}"`;
      options.format = value;
    } else if (arg.startsWith("-") && arg !== "-") return `unknown option "${arg}"`;
    else options.files.push(arg);
  }
  return options.files.length === 0 ? "name at least one spec file" : options;
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
