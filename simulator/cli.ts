/**
 * `synovmm sim`: runs the simulator in the foreground. First stdout line is one JSON object
 * (endpoints, credentials, control URL, CA file) so scripts and tests can read it; then one log
 * line per request. SIGINT/SIGTERM close the listeners and save the state file.
 */
import type { SimulatorOptions } from "./types";

/**
 * The shape `synovmm`'s command table expects (provider/cli/main.ts `Command`), written here so
 * the simulator imports nothing of the provider's: the provider CLI loads this module, never the
 * other way round (docs/architecture.md, layer table).
 */
export interface SimCommand {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

const USAGE =
  "synovmm sim --hosts N [--state FILE] [--dsm sim|real] [--official-only (= --dsm real)] [--tls] [--port N] [--seed S] [--cluster-joined N] [--no-pro] [--task-ms N] [--quiet]";

function intFlag(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} needs an integer from ${min} to ${max}, got '${value ?? ""}'`);
  }
  return n;
}

export function parseArgs(argv: string[]): { options: SimulatorOptions; quiet: boolean } {
  const options: SimulatorOptions = { hosts: 3 };
  let quiet = false;
  let joined: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => argv[++i];
    switch (flag) {
      case "--hosts":
        options.hosts = intFlag(flag, next(), 1, 16);
        break;
      case "--state":
        options.stateFile = next();
        if (options.stateFile === undefined) throw new Error("--state needs a file path");
        break;
      case "--dsm": {
        const flavour = next();
        if (flavour !== "sim" && flavour !== "real")
          throw new Error(`--dsm needs sim or real, got '${flavour ?? ""}'`);
        options.dsm = flavour;
        break;
      }
      case "--official-only": // the old name of --dsm real
        options.dsm = "real";
        break;
      case "--tls":
        options.tls = true;
        break;
      case "--port":
        options.port = intFlag(flag, next(), 0, 65535);
        break;
      case "--seed":
        options.seed = next();
        if (options.seed === undefined) throw new Error("--seed needs a value");
        break;
      case "--cluster-joined":
        joined = intFlag(flag, next(), 0, 16);
        break;
      case "--no-pro":
        options.pro = false;
        break;
      case "--task-ms":
        options.taskDurationMs = intFlag(flag, next(), 0, 600_000);
        break;
      case "--quiet":
        quiet = true;
        break;
      default:
        throw new Error(`unknown option '${flag}'`);
    }
  }
  if (joined !== undefined && joined > 0) {
    options.cluster = {
      name: "lab",
      subnet: "10.10.0.0/24",
      reservedFrom: "10.10.0.10",
      reservedTo: "10.10.0.50",
      joined,
    };
  }
  return { options, quiet };
}

export const command: SimCommand = {
  summary: "run a simulated VMM cluster on loopback (DSM Web API)",
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs(argv);
    } catch (e) {
      console.error(`synovmm sim: ${(e as Error).message}\nUsage: ${USAGE}`);
      return 2;
    }
    const { startSimulator } = require("./index") as typeof import("./index");
    const log = parsed.quiet ? undefined : (line: string) => console.log(line);
    const sim = await startSimulator({ ...parsed.options, log });
    const first: Record<string, unknown> = {
      endpoints: sim.endpoints,
      username: sim.username,
      password: sim.password,
      control: sim.controlUrl,
    };
    if (sim.caFile !== undefined) first.caFile = sim.caFile;
    console.log(JSON.stringify(first));
    if (!parsed.quiet)
      console.log(
        `synovmm sim: ${sim.endpoints.length} boxes, control API at ${sim.controlUrl}; Ctrl-C stops`,
      );
    return new Promise<number>((resolve) => {
      const stop = (signal: string) => {
        console.log(`synovmm sim: ${signal}, closing`);
        sim.close().then(
          () => resolve(0),
          (e: Error) => {
            console.error(`synovmm sim: close failed: ${e.message}`);
            resolve(1);
          },
        );
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
    });
  },
};
