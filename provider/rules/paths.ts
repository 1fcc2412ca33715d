/**
 * Where a finding points, written once so every rule names the same place the same way: a
 * structured target (what the handlers read) and the spec path made from it (what the spec
 * report turns into file:line:col). Nothing parses a path back into its parts.
 */
import type { FindingTarget, TargetKind } from "./model";

type Field = FindingTarget["field"];

/** The spec's list each kind is declared in. */
const LIST: Record<Exclude<TargetKind, "Cluster">, string> = {
  Host: "spec.hosts",
  Image: "spec.images",
  VirtualMachine: "spec.virtualMachines",
  Network: "spec.networks",
};

/** `["nics", 0, "network"]` → `nics[0].network`. */
export function fieldText(field: Field): string {
  return field
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}

/** The spec path of a target, e.g. `spec.hosts[3].address` or `spec.clusterNetwork`. */
export function pathOf(target: FindingTarget): string {
  const base = target.kind === "Cluster" ? "spec" : `${LIST[target.kind]}[${target.index ?? 0}]`;
  const field = fieldText(target.field);
  return field === "" ? base : field.startsWith("[") ? `${base}${field}` : `${base}.${field}`;
}

/** A finding's `target` and `path` together, for spreading into it. */
export interface Place {
  target: FindingTarget;
  path: string;
}

function place(target: FindingTarget): Place {
  return { target, path: pathOf(target) };
}

const entry =
  (kind: Exclude<TargetKind, "Cluster">) =>
  (index: number, name: string, ...field: Field): Place =>
    place({ kind, name, index, field });

/** Places in the spec, by the resource they belong to. */
export const at = {
  /** A cluster-wide setting, or the host list as a whole (`hosts`). */
  cluster: (name: string, ...field: Field): Place => place({ kind: "Cluster", name, field }),
  host: entry("Host"),
  vm: entry("VirtualMachine"),
  image: entry("Image"),
  network: entry("Network"),
} as const;
