/**
 * Command-line tokenizing by `node:util` `parseArgs` (ADR 015), its errors turned into the one
 * line each command prints before its usage (exit 2). Enumerations and other checks stay with
 * the command.
 */
import { parseArgs } from "node:util";

type Flags = Record<string, { type: "string" | "boolean" }>;

export interface Argv {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** The words for an argument the command does not know, e.g. `unknown option "--x"`. */
type Unknown = (arg: string) => string;

export function readArgv(
  argv: string[],
  flags: Flags,
  positionals: boolean,
  unknown: Unknown,
): Argv | string {
  let parsed: Argv;
  try {
    const { values, positionals: rest } = parseArgs({
      args: argv,
      options: flags,
      allowPositionals: positionals,
      strict: true,
    });
    parsed = { values, positionals: rest };
  } catch (err) {
    return argvError(err, unknown);
  }
  // `--flag=` gives an empty string: as useless as no value at all.
  for (const [name, value] of Object.entries(parsed.values))
    if (value === "" && flags[name]?.type === "string") return `--${name} needs a value`;
  return parsed;
}

function argvError(err: unknown, unknown: Unknown): string {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) throw err;
  // Node names the argument in quotes: 'Unknown option '--x'', 'Option '--x <value>' argument missing'.
  const named = /'([^' ]+)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `${named} needs a value`;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
    return unknown(named);
  return message.split("\n")[0];
}
