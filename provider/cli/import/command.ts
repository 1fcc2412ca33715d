/**
 * `synovmm import`: writes the spec file of a cluster that already exists, read only, so that a
 * plain `fromSpec(file)` takes every object over with no write (ADR 023). Exit 0 written, 1 the
 * cluster could not be read (or the result would not validate), 2 usage or settings error; the
 * output file is checked before anything is read and written whole or not at all.
 */
import * as fs from "node:fs";
import { readArgv } from "../argv";
import type { Command } from "../main";

const USAGE = `synovmm import [--out FILE] [--force] [--cluster NAME] [--stack NAME]

Reads a live VMM cluster (read methods only) and writes its spec file: hosts, networks, images,
every VM (cpu, memory, disks, NICs with their MACs, power, autorun, description, host) and, where
the capability level can read them, HA pairs. Every object is marked adopt: true, so a plain
fromSpec(file) takes it over with zero writes. What no read tells is left out, with a comment
saying what to check. A VM another stack manages is written commented out.

Settings are the provider's, as for synovmm doctor: with --stack, that stack's synovmm:* config;
else and for what it lacks, SYNOVMM_ENDPOINTS, SYNOVMM_USERNAME, SYNOVMM_PASSWORD,
SYNOVMM_CA_CERTIFICATE, SYNOVMM_INSECURE_SKIP_TLS_VERIFY.

Options:
  --out FILE       write the spec to FILE (default: standard output)
  --force          replace FILE if it exists
  --cluster NAME   which cluster of synovmm:clusters to read, and the spec's name where VMM's
                   own name cannot be read (default "cluster")
  --stack NAME     read the settings of this Pulumi stack; VMs it marked are its own

Exit codes: 0 written, 1 the cluster could not be read, 2 usage or settings error.`;

interface Options {
  cluster: string;
  stack?: string;
  out?: string;
  force: boolean;
}

const FLAGS = {
  cluster: { type: "string" },
  stack: { type: "string" },
  out: { type: "string" },
  force: { type: "boolean" },
} as const;

function parseArgs(argv: string[]): Options | string {
  const parsed = readArgv(argv, FLAGS, false, (arg) => `unknown argument "${arg}"`);
  if (typeof parsed === "string") return parsed;
  const { cluster, stack, out, force } = parsed.values;
  return {
    cluster: typeof cluster === "string" ? cluster : "cluster",
    force: force === true,
    ...(typeof stack === "string" ? { stack } : {}),
    ...(typeof out === "string" ? { out } : {}),
  };
}

/** `<project>/<stack>`, as the provider marks the VMs a stack creates (handlers/ownership.ts). */
function ownerOf(stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined;
  if (stack.includes("/")) return stack.split("/").slice(-2).join("/");
  const project = /^name:\s*["']?([^"'\s#]+)/m.exec(fs.readFileSync("Pulumi.yaml", "utf8"))?.[1];
  return project === undefined ? undefined : `${project}/${stack}`;
}

export const command: Command = {
  summary: "write the spec file of an existing cluster, read-only, adopted with zero writes",
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    const say = (line: string) => process.stderr.write(`synovmm import: ${line}\n`);
    const options = parseArgs(argv);
    if (typeof options === "string") {
      say(`${options}\nUsage: ${USAGE.split("\n")[0]}`);
      return 2;
    }
    const { outputProblem, writeAtomically } = require("./write-file") as typeof import("./write-file");
    const problem = options.out === undefined ? undefined : outputProblem(options.out, options.force);
    if (problem !== undefined) {
      say(problem);
      return 2;
    }
    const { settingsFor } = require("../settings") as typeof import("../settings");
    let settings: ReturnType<typeof settingsFor>;
    let owner: string | undefined;
    try {
      settings = settingsFor(options);
      owner = ownerOf(options.stack);
    } catch (err) {
      say((err as Error).message);
      return 2;
    }
    const { importCluster } = require("./run") as typeof import("./run");
    say(`reading the cluster at ${settings.endpoints.join(", ")} (read methods only)…`);
    let result: Awaited<ReturnType<typeof importCluster>>;
    try {
      result = await importCluster(settings, { cluster: options.cluster, ...(owner ? { owner } : {}) });
    } catch (err) {
      say(`could not read the cluster: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
    for (const warning of result.warnings) say(`warning: ${warning}`);
    const vms = result.spec.virtualMachines;
    const skipped = vms.filter((v) => v.commentedOut !== undefined).length;
    const where = options.out ?? "standard output";
    try {
      if (options.out === undefined) process.stdout.write(result.text);
      else writeAtomically(options.out, result.text);
    } catch (err) {
      say(`cannot write ${where}: ${(err as Error).message}. Nothing was written.`);
      return 2;
    }
    say(
      `wrote ${where}: ${result.spec.hosts.length} host(s), ${result.spec.networks.length} network(s), ` +
        `${result.spec.images.length} image(s), ${vms.length - skipped} VM(s)` +
        `${skipped > 0 ? ` (${skipped} more commented out)` : ""}, at the ${result.level} level, ` +
        `in ${result.requests} HTTP requests. Next: synovmm validate, then pulumi up (adopts, sends nothing).`,
    );
    return 0;
  },
};
