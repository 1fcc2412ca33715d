/**
 * pulumi-synology-vmm: Synology Virtual Machine Manager clusters as Pulumi resources.
 *
 *   import { fromSpec } from "pulumi-synology-vmm";
 *   export = fromSpec("cluster.yaml");           // a whole spec file
 *
 *   import { VirtualMachine } from "pulumi-synology-vmm";
 *   new VirtualMachine("web-1", { cluster: "lab", name: "web-1", ... });   // or resource by resource
 */
export { Cluster, Host, Image, VirtualMachine, HAPair } from "./resources";
export type {
  ClusterArgs,
  HostArgs,
  ImageArgs,
  VirtualMachineArgs,
  HAPairArgs,
  ClusterInputs,
  ClusterOutputs,
  HostInputs,
  HostOutputs,
  ImageInputs,
  ImageOutputs,
  VirtualMachineInputs,
  VirtualMachineOutputs,
  HAPairInputs,
  HAPairOutputs,
} from "./resources";
export { fromSpec, describeSpecErrors } from "./program/from-spec";
export type { FromSpecOptions, ClusterResources } from "./program/from-spec";
export { loadSpec, loadSpecText } from "./spec";
export type { LoadedSpec, Problem, LocatedFinding } from "./spec/types";
export { evaluate, toleratedHostFailures } from "./rules";
export type { ClusterModel, Finding, LiveView, RuleId } from "./rules";
export { REPLACE_ONLY } from "./handlers/replace-table";
