/**
 * The JSON Schemas of schemas/. The spec loader validates whole files with them; the provider's
 * `check` validates one resource's inputs with validateResourceInputs. Validators come precompiled
 * from the build when it matches the schema files (schemas-precompiled.ts), else compiled here.
 */
import type Ajv2020 from "ajv/dist/2020";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020";
import { translate, type Translated } from "./ajv-messages";
import { formatValidators } from "./formats";
import { SCHEMA_FILES, type SchemaName, schemaTexts } from "./schema-files";
import { precompiledValidator } from "./schemas-precompiled";
import type { InputSchemaKind } from "./kinds";
import { schemasDir } from "./package-root";
import type { SchemaIssue } from "./schema-issue";
import { PULUMI_UNKNOWN } from "./unknown";

/** Compiled (or loaded precompiled) on first use, per schema: a process checking only VMs skips the rest. */
const compiled = new Map<SchemaName, ValidateFunction>();
let registry: Ajv2020 | undefined;

export interface RegistryOptions {
  /** Check our schemas against the JSON Schema meta-schema (tests only; see below). */
  readonly validateSchema?: boolean;
  /** Keep the generated code, for precompiling (schemas-precompiled.ts). */
  readonly source?: boolean;
}

/**
 * All schemas of schemas/ in one ajv instance, with our formats.
 *
 * `validateSchema: false` by default: checking our own schemas against the meta-schema costs a
 * compile of the meta-schema in every process. The schemas are ours and fixed at build
 * time, so a unit test checks them once instead (test/unit/spec/schemas-meta.test.ts).
 */
export function schemaRegistry(options: RegistryOptions = {}): Ajv2020 {
  const shared = !options.validateSchema && !options.source;
  if (shared && registry !== undefined) return registry;
  // Loaded here, not at the top: with precompiled validators a process never needs ajv's compiler
  // (loading it alone takes about 80 ms).
  const { default: Ajv, _ } = require("ajv/dist/2020") as typeof import("ajv/dist/2020");
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    // A VM's disks are a variable-length list whose first item (the boot disk) has its own
    // schema (`prefixItems` + `items`), which strict tuples would forbid: that is no tuple.
    strictTuples: false,
    validateSchema: options.validateSchema ?? false,
    // Precompiled code reaches the format checks through the module beside it.
    ...(options.source ? { code: { source: true, formats: _`require("./formats").formatValidators` } } : {}),
  });
  for (const [name, validate] of Object.entries(formatValidators)) ajv.addFormat(name, validate);
  for (const { file, text } of schemaTexts()) ajv.addSchema(JSON.parse(text) as object, file);
  if (shared) registry = ajv;
  return ajv;
}

function validatorFor(name: SchemaName): ValidateFunction {
  const known = compiled.get(name);
  if (known) return known;
  const validate = precompiledValidator(name) ?? schemaRegistry().getSchema(SCHEMA_FILES[name]);
  if (validate === undefined)
    throw new Error(`synovmm: schema ${SCHEMA_FILES[name]} is missing from ${schemasDir()}`);
  compiled.set(name, validate);
  return validate;
}

/** Every schema violation of `value` as a `kind`, translated; duplicates dropped. */
export function schemaIssues(kind: SchemaName, value: unknown): Translated[] {
  return issuesOf(validatorFor(kind), value);
}

/** The translated issues one validator finds in `value` (exported for the precompiled-equivalence test). */
export function issuesOf(validate: ValidateFunction, value: unknown): Translated[] {
  if (validate(value)) return [];
  const seen = new Set<string>();
  const issues: Translated[] = [];
  for (const error of validate.errors ?? []) {
    // "must match the else schema" says nothing itself: the branch's own errors follow it.
    if (isUnknown(error) || error.keyword === "if") continue;
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
