/**
 * The program of the root Pulumi.yaml: deploys the spec file named by stack config `synovmm:spec`
 * (default: examples/quickstart.yaml). A relative path is read from the project folder, the one
 * holding Pulumi.yaml, like every other path a user writes next to it: the language host starts
 * the program in the folder of `main` (dist/provider/program/), which the user never sees.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { getRootDirectory } from "@pulumi/pulumi/runtime/settings";
import * as pulumi from "../resources/pulumi-sdk";
import { fromSpec } from "./from-spec";
import { programError } from "./spec-errors";

export const DEFAULT_SPEC = "examples/quickstart.yaml";

/** The folder of Pulumi.yaml: the engine's word for it, else the nearest one above the program. */
export function projectFolder(start = process.cwd()): string {
  const fromEngine = getRootDirectory();
  if (fromEngine !== "") return fromEngine;
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (["Pulumi.yaml", "Pulumi.yml"].some((f) => fs.existsSync(path.join(dir, f)))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start);
  }
}

/**
 * The spec file to read, or a RunError naming the path as the user gave it: a missing file is
 * not a rule finding, and the user must see what they typed, not where we looked for it.
 */
export function specFile(given: string, root: string): string {
  const file = path.resolve(root, given);
  let why: string | undefined;
  try {
    if (!fs.statSync(file).isFile()) why = "is a folder, not a file";
    else fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    why =
      code === "ENOENT"
        ? "does not exist"
        : code === "EACCES"
          ? "is not readable"
          : `cannot be read (${code})`;
  }
  if (why === undefined) return file;
  const where = path.isAbsolute(given) ? "" : ` (relative paths are read from the project folder ${root})`;
  const message =
    `The cluster spec "${given}" named by synovmm:spec ${why}${where}; nothing was sent to any host. ` +
    "Fix: `pulumi config set synovmm:spec <path of your cluster spec>`.";
  throw programError(message);
}

export async function deploySpecFromConfig(): Promise<Record<string, pulumi.Output<unknown>>> {
  const config = new pulumi.Config("synovmm");
  const file = specFile(config.get("spec") ?? DEFAULT_SPEC, projectFolder());
  const resources = await fromSpec(file, { adopt: config.getBoolean("adopt") ?? false });
  return {
    cluster: pulumi.output(resources.name),
    hosts: pulumi.all(Object.values(resources.hosts).map((h) => pulumi.all([h.name, h.status]))),
    virtualMachines: pulumi.all(
      Object.values(resources.virtualMachines).map((vm) => pulumi.all([vm.name, vm.status, vm.runningHost])),
    ),
  };
}
