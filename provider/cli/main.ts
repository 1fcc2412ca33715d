/**
 * Entry point of the `synovmm` command: a table of subcommands, each loaded only when used so
 * that `synovmm validate` in a CI pipeline never pays for the simulator or the Pulumi SDK.
 */

export interface Command {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, () => Command> = {
  validate: () => (require("./validate") as { command: Command }).command,
  sim: () => (require("./sim") as { command: Command }).command,
  doctor: () => (require("./doctor/command") as { command: Command }).command,
  import: () => (require("./import/command") as { command: Command }).command,
  recover: () => (require("./recover/command") as { command: Command }).command,
};

export function helpText(): string {
  const lines = [
    "synovmm: infrastructure as code for Synology Virtual Machine Manager clusters",
    "",
    "Usage: synovmm <command> [options]",
    "",
    "Commands:",
  ];
  for (const [name, load] of Object.entries(commands)) {
    lines.push(`  ${name.padEnd(10)} ${load().summary}`);
  }
  lines.push("", "Run 'synovmm <command> --help' for the options of one command.");
  return lines.join("\n");
}

/** Runs the command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(helpText());
    return 0;
  }
  const load = commands[name];
  if (load === undefined) {
    console.error(`synovmm: unknown command '${name}'.\n\n${helpText()}`);
    return 2;
  }
  const command = load();
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  return command.run(rest);
}
