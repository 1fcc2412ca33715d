// Placeholder until the spec layer lands (issue 5): owned by the spec/rules work.
import type { Command } from "./main";

export const command: Command = {
  summary: "validate cluster spec files offline (rules R1-R14)",
  usage: "synovmm validate [--format text|json|github] [--strict] FILE...",
  async run(): Promise<number> {
    console.error("synovmm validate: not available in this build yet");
    return 2;
  },
};
