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

/** Compiled on first use, per schema: a provider process checking only VMs never compiles the rest. */
const compiled = new Map<SchemaName, ValidateFunction>();
let registry: Ajv2020 | undefined;

/**
 * `validateSchema: false`: checking our own schemas against the JSON Schema meta-schema costs a
 * compile of the meta-schema in every provider process (about a third of the first check's time,
 * issue 12). The schemas are ours and fixed at build time, so a unit test checks them once instead
 * (test/unit/spec/schemas-meta.test.ts).
 */
export function schemaRegistry(options: { validateSchema: boolean } = { validateSchema: false }): Ajv2020 {
  if (registry !== undefined && !options.validateSchema) return registry;
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    validateSchema: options.validateSchema,
  });
  for (const [name, spec] of Object.entries(formats)) ajv.addFormat(name, spec.validate);
  const dir = schemasDir();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".schema.json"))) {
    ajv.addSchema(JSON.parse(readFileSync(join(dir, file), "utf8")) as object, file);
  }
  if (!options.validateSchema) registry = ajv;
  return ajv;
}

function validatorFor(name: SchemaName): ValidateFunction {
  const known = compiled.get(name);
  if (known) return known;
  const validate = schemaRegistry().getSchema(FILES[name]);
  if (validate === undefined)
    throw new Error(`synovmm: schema ${FILES[name]} is missing from ${schemasDir()}`);
  compiled.set(name, validate);
  return validate;
}

/** Every schema violation of `value` as a `kind`, translated; duplicates dropped. */
export function schemaIssues(kind: SchemaName, value: unknown): Translated[] {
  const validate = validatorFor(kind);
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
