/**
 * The JSON Schemas of schemas/, compiled once per process. The spec loader validates whole files
 * with them; the provider's `check` validates one resource's inputs with validateResourceInputs.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import { translate, type Translated } from "./ajv-messages";
import { formats } from "./formats";
import { schemasDir } from "./package-root";
import type { SchemaIssue } from "./types";

export type ResourceKind = "cluster" | "host" | "virtualMachine" | "haPair" | "image";

const FILES: Record<ResourceKind, string> = {
  cluster: "cluster.schema.json",
  host: "host.schema.json",
  virtualMachine: "virtual-machine.schema.json",
  haPair: "ha-pair.schema.json",
  image: "image.schema.json",
};

/** Pulumi passes this for values not known during preview; they cannot be judged yet. */
export const PULUMI_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

let compiled: Map<ResourceKind, ValidateFunction> | undefined;

function load(): Map<ResourceKind, ValidateFunction> {
  if (compiled !== undefined) return compiled;
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false });
  for (const [name, spec] of Object.entries(formats)) ajv.addFormat(name, spec.validate);
  const dir = schemasDir();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".schema.json"))) {
    ajv.addSchema(JSON.parse(readFileSync(join(dir, file), "utf8")) as object, file);
  }
  compiled = new Map();
  for (const [kind, file] of Object.entries(FILES) as [ResourceKind, string][]) {
    const validate = ajv.getSchema(file);
    if (validate === undefined) throw new Error(`synovmm: schema ${file} is missing from ${dir}`);
    compiled.set(kind, validate);
  }
  return compiled;
}

/** Every schema violation of `value` as a `kind`, translated; duplicates dropped. */
export function schemaIssues(kind: ResourceKind, value: unknown): Translated[] {
  const validate = load().get(kind) as ValidateFunction;
  if (validate(value)) return [];
  const seen = new Set<string>();
  const issues: Translated[] = [];
  for (const error of validate.errors ?? []) {
    if (isUnknown(error)) continue;
    const issue = translate(error);
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function isUnknown(error: ErrorObject): boolean {
  return error.data === PULUMI_UNKNOWN;
}

/**
 * For a resource's `check`: the inputs' schema violations, paths relative to the inputs
 * (`highAvailability.active`). Values Pulumi does not know yet during preview are skipped.
 */
export function validateResourceInputs(kind: ResourceKind, value: unknown): SchemaIssue[] {
  return schemaIssues(kind, value).map(({ path, message, fix }) => ({ path, message, fix }));
}
