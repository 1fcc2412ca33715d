/**
 * One stack per cluster: stack `lab` deploys clusters/lab.yaml, with the connection to that
 * cluster's NAS in Pulumi.lab.yaml.
 *
 * Why not one stack over every clusters/*.yaml: each cluster then has its own credentials, its own
 * state lock (two clusters deploy at the same time, and a NAS that does not answer holds up only
 * its own cluster), its own history, and a drift report that names the cluster it is about.
 */
import * as fs from "node:fs";
// Submodules, not "@pulumi/pulumi": its index also loads the Automation API, ~0.8 s of CPU on every
// preview, up and refresh of this program (bench/spec-error-preview.ts in pulumi-synology-vmm).
import { RunError } from "@pulumi/pulumi/errors";
import { getStack } from "@pulumi/pulumi/metadata";
import { fromSpec } from "pulumi-synology-vmm";

const stack = getStack();
const specFile = `clusters/${stack}.yaml`;

if (!fs.existsSync(specFile)) {
  throw new RunError(
    `Stack "${stack}" has no cluster spec: ${specFile} does not exist. Fix: name the stack after ` +
      `a file in clusters/ (pulumi stack select <name>), or add ${specFile}.`,
  );
}

export = fromSpec(specFile).then((cluster) => ({
  cluster: cluster.name,
  hosts: Object.keys(cluster.hosts),
  virtualMachines: Object.keys(cluster.virtualMachines),
}));
