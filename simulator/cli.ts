/**
 * `synovmm sim`: runs the simulator in the foreground. First stdout line is one JSON object
 * (endpoints, credentials, control URL, CA file) so scripts and tests can read it; then one log
 * line per request. SIGINT/SIGTERM close the listeners and save the state file.
 */
import { parseArgs as nodeParseArgs } from "node:util";
import type { BoxOptions, SimulatorHandle, SimulatorOptions } from "./types";

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

export const USAGE =
  "synovmm sim [--hosts N | --spec FILE] [--state FILE] [--dsm sim|real] [--official-only (= --dsm real)] [--tls] [--port N] [--seed S] [--cluster-joined N] [--no-pro] [--task-ms N] [--quiet]";

function intFlag(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} needs an integer from ${min} to ${max}, got '${value ?? ""}'`);
  }
  return n;
}

/** The flags of `synovmm sim`, for node:util parseArgs (ADR 015); values are checked below. */
const FLAGS = {
  hosts: { type: "string" },
  state: { type: "string" },
  dsm: { type: "string" },
  "official-only": { type: "boolean" }, // the old name of --dsm real
  tls: { type: "boolean" },
  port: { type: "string" },
  seed: { type: "string" },
  "cluster-joined": { type: "string" },
  "no-pro": { type: "boolean" },
  "task-ms": { type: "string" },
  quiet: { type: "boolean" },
} as const;

/**
 * Tokenizes with node:util parseArgs; its errors become our one-line wording (the simulator may
 * not import the provider's CLI helpers: docs/architecture.md, layer table).
 */
function tokens(argv: string[]) {
  try {
    return nodeParseArgs({ args: argv, options: FLAGS, allowPositionals: false, strict: true }).values;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) throw err;
    const named = /'([^' ]+)/.exec((err as Error).message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
      throw new Error(`${named} needs a value`, { cause: err });
    throw new Error(`unknown option '${named}'`, { cause: err });
  }
}

function stringFlag(name: string, value: string | undefined): string | undefined {
  if (value === "") throw new Error(`--${name} needs a value`);
  return value;
}

export function parseArgs(argv: string[]): { options: SimulatorOptions; quiet: boolean } {
  const v = tokens(argv);
  const options: SimulatorOptions = { hosts: 3 };
  if (v.hosts !== undefined) options.hosts = intFlag("--hosts", v.hosts, 1, 16);
  const state = stringFlag("state", v.state);
  if (state !== undefined) options.stateFile = state;
  if (v.dsm !== undefined) {
    if (v.dsm !== "sim" && v.dsm !== "real") throw new Error(`--dsm needs sim or real, got '${v.dsm}'`);
    options.dsm = v.dsm;
  }
  if (v["official-only"]) options.dsm = "real";
  if (v.tls) options.tls = true;
  if (v.port !== undefined) options.port = intFlag("--port", v.port, 0, 65535);
  const seed = stringFlag("seed", v.seed);
  if (seed !== undefined) options.seed = seed;
  if (v["no-pro"]) options.pro = false;
  if (v["task-ms"] !== undefined) options.taskDurationMs = intFlag("--task-ms", v["task-ms"], 0, 600_000);
  const joined =
    v["cluster-joined"] === undefined ? undefined : intFlag("--cluster-joined", v["cluster-joined"], 0, 16);
  if (joined !== undefined && joined > 0) {
    options.cluster = {
      name: "lab",
      subnet: "10.10.0.0/24",
      reservedFrom: "10.10.0.10",
      reservedTo: "10.10.0.50",
      joined,
    };
  }
  return { options, quiet: v.quiet === true };
}

/**
 * A simulator of a cluster spec's shape: one box per spec host, named as the spec names it, and
 * the VM networks the spec's VMs plug into. Made by `synovmm sim --spec` (provider/cli/sim.ts, which
 * reads the spec: the simulator does not import the provider's spec reader).
 */
export interface SimShape {
  boxes: (BoxOptions & { name: string })[];
  networks: string[];
}

/**
 * The stack settings that point a Pulumi stack at this simulator, each value exactly as
 * `pulumi config set KEY VALUE` takes it (lists and maps as JSON text). `synovmm:password` is
 * to be set with `--secret`; `synovmm:hostEndpoints` maps each spec host to its box.
 */
export function stackConfig(sim: SimulatorHandle, shape?: SimShape): Record<string, string> {
  const config: Record<string, string> = {
    "synovmm:endpoints": JSON.stringify(sim.endpoints),
    "synovmm:username": sim.username,
    "synovmm:password": sim.password,
  };
  if (shape !== undefined)
    config["synovmm:hostEndpoints"] = JSON.stringify(
      Object.fromEntries(shape.boxes.map((b, i) => [b.name, sim.endpoints[i]])),
    );
  if (sim.caFile !== undefined) config["synovmm:caCertificate"] = sim.caFile;
  return config;
}

export const command: SimCommand = {
  summary: "run a simulated VMM cluster on loopback (DSM Web API)",
  usage: USAGE,
  run: (argv) => runSimulator(argv),
};

/** `synovmm sim` with its flags, shaped like a spec when `shape` is given (then without --hosts). */
export async function runSimulator(argv: string[], shape?: SimShape): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv);
    if (shape !== undefined) {
      const clash = ["--hosts", "--cluster-joined", "--dsm", "--official-only"].find((f) =>
        argv.some((a) => a === f || a.startsWith(`${f}=`)),
      );
      if (clash !== undefined)
        throw new Error(
          `--spec makes one box per host of the spec and leaves the cluster to the spec; it cannot be combined with ${clash}`,
        );
      parsed.options.hosts = shape.boxes.length;
      parsed.options.boxes = shape.boxes;
      parsed.options.networks = shape.networks;
    }
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
  first.config = stackConfig(sim, shape);
  first.secretConfig = ["synovmm:password"];
  console.log(JSON.stringify(first));
  if (!parsed.quiet)
    console.log(`synovmm sim: ${sim.endpoints.length} boxes, control API at ${sim.controlUrl}; Ctrl-C stops`);
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
}
