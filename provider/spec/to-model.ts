/**
 * The parsed document → the rules' ClusterModel: the file's inputs (to-inputs.ts) through the one
 * inputs → model mapping every handler's check uses too (rules/from-inputs.ts). Tolerant, like
 * to-inputs.ts: it runs even when the schema found problems.
 */
import { clusterModel, type ClusterModel } from "../rules";
import { specInputs, type SpecInputs } from "./to-inputs";

export function modelOf(inputs: SpecInputs): ClusterModel {
  const { cluster, hosts, networks, images, virtualMachines, haPairs } = inputs;
  return clusterModel({
    name: cluster.cluster,
    adopted: cluster.adopt,
    clusterNetwork: cluster.clusterNetwork,
    domain: cluster.domain,
    hosts,
    networks,
    images,
    virtualMachines,
    haPairs,
  });
}

export function toModel(document: unknown): ClusterModel {
  return modelOf(specInputs(document));
}
