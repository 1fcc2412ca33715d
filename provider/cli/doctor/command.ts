/**
 * `synovmm doctor`: a read-only health check of a live cluster, configured exactly like the
 * provider (handlers/connection.ts). Prints one table; exit 0 when every check passes (warnings
 * allowed), 1 when one fails, 2 when the command line or the settings cannot be used at all.
 */
import { readArgv } from "../argv";
import type { Command } from "../main";

const USAGE = `synovmm doctor [--stack NAME] [--cluster NAME] [--record FILE]

Checks a live VMM cluster without changing anything (read methods only): each endpoint reachable,
TLS verified (or why not), login, DSM and VMM versions, the API catalogue and the capability level
chosen and why, hosts, storages (Btrfs, R9), networks, images and quorum (R2).

Settings are the provider's: with --stack, that stack's synovmm:* config (synovmm:endpoints,
username, password, caCertificate, insecureSkipTlsVerify, synovmm:clusters.<cluster>.*); else and
for what it lacks, SYNOVMM_ENDPOINTS (comma-separated), SYNOVMM_USERNAME, SYNOVMM_PASSWORD,
SYNOVMM_CA_CERTIFICATE (PEM text or file), SYNOVMM_INSECURE_SKIP_TLS_VERIFY.

Options:
  --stack NAME     read the settings of this Pulumi stack (runs \`pulumi config\` in this folder)
  --cluster NAME   which cluster of synovmm:clusters to check (default "cluster")
  --record FILE    write every request and answer to FILE (JSON, passwords and session ids
                   redacted) to attach to a bug report

Exit codes: 0 healthy (warnings allowed), 1 a check failed, 2 usage or settings error.`;

interface Options {
  cluster: string;
  stack?: string;
  record?: string;
}

const FLAGS = { cluster: { type: "string" }, stack: { type: "string" }, record: { type: "string" } } as const;

function parseArgs(argv: string[]): Options | string {
  const parsed = readArgv(argv, FLAGS, false, (arg) => `unknown argument "${arg}"`);
  if (typeof parsed === "string") return parsed;
  const { cluster, stack, record } = parsed.values;
  return {
    cluster: typeof cluster === "string" ? cluster : "cluster",
    ...(typeof stack === "string" ? { stack } : {}),
    ...(typeof record === "string" ? { record } : {}),
  };
}

export const command: Command = {
  summary: "check a live cluster read-only: endpoints, TLS, login, APIs, hosts, storage, quorum",
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    const options = parseArgs(argv);
    if (typeof options === "string") {
      console.error(`synovmm doctor: ${options}\nUsage: ${USAGE.split("\n")[0]}`);
      return 2;
    }
    const { connectionFor } = require("../../live/connection") as typeof import("../../live/connection");
    let settings: ReturnType<typeof connectionFor>;
    try {
      if (options.stack !== undefined) {
        const { useStackConfig } = require("./stack-config") as typeof import("./stack-config");
        useStackConfig(options.stack);
      }
      settings = connectionFor(options.cluster);
    } catch (err) {
      console.error(`synovmm doctor: ${(err as Error).message}`);
      return 2;
    }
    const { diagnose } = require("./diagnose") as typeof import("./diagnose");
    return diagnose(settings, options);
  },
};
