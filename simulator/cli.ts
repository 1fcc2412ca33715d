// Placeholder until the simulator lands (issue 3): owned by the simulator work.
import type { Command } from "../provider/cli/main";

export const command: Command = {
  summary: "run a simulated VMM cluster on loopback (DSM Web API)",
  usage: "synovmm sim --hosts N [--state FILE] [--official-only] [--tls]",
  async run(): Promise<number> {
    console.error("synovmm sim: not available in this build yet");
    return 2;
  },
};
