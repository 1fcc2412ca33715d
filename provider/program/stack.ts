/**
 * The program of the root Pulumi.yaml: deploys the spec file named by stack config `synovmm:spec`
 * (default: examples/quickstart.yaml). Relative paths are read from the project folder.
 */
import * as path from "node:path";
import * as pulumi from "../resources/pulumi-sdk";
import { fromSpec } from "./from-spec";

export async function deploySpecFromConfig(): Promise<Record<string, pulumi.Output<unknown>>> {
  const config = new pulumi.Config("synovmm");
  const file = path.resolve(config.get("spec") ?? "examples/quickstart.yaml");
  const resources = await fromSpec(file, { adopt: config.getBoolean("adopt") ?? false });
  return {
    cluster: pulumi.output(resources.name),
    hosts: pulumi.all(Object.values(resources.hosts).map((h) => pulumi.all([h.name, h.status]))),
    virtualMachines: pulumi.all(
      Object.values(resources.virtualMachines).map((vm) => pulumi.all([vm.name, vm.status, vm.runningHost])),
    ),
  };
}
