/**
 * The JSON Schemas of schemas/, compiled once per process. The spec loader validates whole files
 * with them; the provider's `check` validates one resource's inputs with validateResourceInputs.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import { translate, type Translated } from "./ajv-messages";
import { formats } from "./formats";
import type { InputSchemaKind } from "./kinds";
import { schemasDir } from "./package-root";
import type { SchemaIssue } from "./schema-issue";
import { PULUMI_UNKNOWN } from "./unknown";

/** A whole spec file (`specFile`), or one resource kind's inputs. */
export type SchemaName = "specFile" | InputSchemaKind;

const FILES: Record<SchemaName, string> = {
  specFile: "cluster.schema.json",
  Host: "host.schema.json",
  VirtualMachine: "virtual-machine.schema.json",
  HAPair: "ha-pair.schema.json",
  Image: "image.schema.json",
};

let compiled: Map<SchemaName, ValidateFunction> | undefined;

function load(): Map<SchemaName, ValidateFunction> {
  if (compiled !== undefined) return compiled;
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false });
  for (const [name, spec] of Object.entries(formats)) ajv.addFormat(name, spec.validate);
  const dir = schemasDir();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".schema.json"))) {
    ajv.addSchema(JSON.parse(readFileSync(join(dir, file), "utf8")) as object, file);
  }
  compiled = new Map();
  for (const [kind, file] of Object.entries(FILES) as [SchemaName, string][]) {
    const validate = ajv.getSchema(file);
    if (validate === undefined) throw new Error(`synovmm: schema ${file} is missing from ${dir}`);
    compiled.set(kind, validate);
  }
  return compiled;
}

/** Every schema violation of `value` as a `kind`, translated; duplicates dropped. */
export function schemaIssues(kind: SchemaName, value: unknown): Translated[] {
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
export function validateResourceInputs(kind: InputSchemaKind, value: unknown): SchemaIssue[] {
  return schemaIssues(kind, value).map(({ path, message, fix }) => ({ path, message, fix }));
}
