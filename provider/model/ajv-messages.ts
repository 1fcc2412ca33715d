/**
 * Turns ajv's terse errors ("must NOT have additional properties") into sentences that say what
 * is wrong, where, and what to write instead. Needs ajv's `verbose` option for data and schemas.
 */
import type { ErrorObject } from "ajv/dist/2020";
import { didYouMean } from "./suggest";
import { formats } from "./formats";
import { childPath, fromJsonPointer, showPath } from "./path";
import type { SchemaIssue } from "./schema-issue";

export interface Translated extends SchemaIssue {
  /** True when the position to show is the key (an unknown key), not the value. */
  atKey: boolean;
}

type SchemaObject = { [key: string]: unknown };

const asObject = (v: unknown): SchemaObject =>
  typeof v === "object" && v !== null ? (v as SchemaObject) : {};

function describe(value: unknown): string {
  if (value === null) return "null (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string "${value}"`;
  return `the ${typeof value} ${String(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  object: "a mapping (key: value pairs)",
  array: "a list",
  null: "null",
};

function typeFix(expected: string, data: unknown, parent: SchemaObject): string {
  if (typeof parent.format === "string" && parent.format.endsWith("-size") && typeof data === "number")
    return `Add a unit: "${data}MiB" or, if you meant GiB, "${data}GiB".`;
  if (expected === "integer" && typeof data === "string" && /^\d+$/.test(data))
    return `Write ${data} without quotes.`;
  if (expected === "boolean" && typeof data === "string") return "Write true or false without quotes.";
  if (expected === "string" && (typeof data === "number" || typeof data === "boolean"))
    return `Quote the value: "${String(data)}".`;
  const description = typeof parent.description === "string" ? ` (${parent.description})` : "";
  return `Write ${TYPE_NAMES[expected] ?? expected} here${description}.`;
}

function propertyNames(parent: SchemaObject): string[] {
  return Object.keys(asObject(parent.properties));
}

export function translate(error: ErrorObject): Translated {
  const path = fromJsonPointer(error.instancePath);
  const where = showPath(path);
  const parent = asObject(error.parentSchema);
  const data: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = propertyNames(parent);
      return {
        path: childPath(path, key),
        atKey: true,
        message: `Unknown key "${key}" in ${where}.${didYouMean(key, known)}`,
        fix: known.length > 0 ? `Remove it or use one of: ${known.join(", ")}.` : "Remove it.",
      };
    }
    case "required": {
      const key = String(params.missingProperty);
      const property = asObject(asObject(parent.properties)[key]);
      const what = typeof property.description === "string" ? ` (${property.description})` : "";
      // A conditional branch (no `type` of its own, e.g. the VM schema's `else`) says in its
      // description why the key is required there; an object's own description does not.
      const why =
        parent.type === undefined && typeof parent.description === "string" ? `: ${parent.description}` : "";
      return {
        path,
        atKey: false,
        message: `${where} is missing the required key "${key}"${why}.`,
        fix: `Add ${key}${what}.`,
      };
    }
    case "type": {
      const expected = String(params.type);
      return {
        path,
        atKey: false,
        message: `${where} must be ${TYPE_NAMES[expected] ?? expected}, not ${describe(data)}.`,
        fix: typeFix(expected, data, parent),
      };
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return {
        path,
        atKey: false,
        message: `${where} is ${describe(data)}, which is not one of: ${allowed.join(", ")}.${didYouMean(String(data), allowed)}`,
        fix: `Use one of: ${allowed.join(", ")}.`,
      };
    }
    case "const":
      return {
        path,
        atKey: false,
        message: `${where} is ${describe(data)}; it must be "${String(params.allowedValue)}".`,
        fix: `Write ${path.split(".").pop() ?? path}: ${String(params.allowedValue)}.`,
      };
    case "format": {
      const spec = formats[String(params.format)];
      const explained = spec?.explain(String(data)) ?? {
        message: `"${String(data)}" is malformed.`,
        fix: "Correct the value.",
      };
      return { path, atKey: false, message: `${where}: ${explained.message}`, fix: explained.fix };
    }
    case "pattern":
      return {
        path,
        atKey: false,
        message: `${where} is ${describe(data)}, which is not ${typeof parent.description === "string" ? parent.description : "of the expected form"}.`,
        fix: `Rename it: ${typeof parent.description === "string" ? parent.description : `match ${String(params.pattern)}`}.`,
      };
    case "minItems":
      return {
        path,
        atKey: false,
        message: `${where} needs at least ${String(params.limit)} item(s).`,
        fix: `Add ${typeof parent.description === "string" ? parent.description : "an item"}.`,
      };
    case "minLength":
      return { path, atKey: false, message: `${where} must not be empty.`, fix: "Give a value." };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      // The description names the bound's source (schemas/*.json), e.g. the vCPU maximum.
      const why = typeof parent.description === "string" ? `. Bound: ${parent.description}` : "";
      return {
        path,
        atKey: false,
        message: `${where} is ${String(data)}; it must be ${String(params.comparison)} ${String(params.limit)}${why}.`,
        fix: `Use a value ${String(params.comparison)} ${String(params.limit)}.`,
      };
    }
    case "maxLength":
      return {
        path,
        atKey: false,
        message: `${where} is ${String(typeof data === "string" ? data.length : data)} characters long; it may be at most ${String(params.limit)}${typeof parent.description === "string" ? `. Bound: ${parent.description}` : ""}.`,
        fix: `Shorten it to ${String(params.limit)} characters or fewer.`,
      };
    case "uniqueItems":
      return {
        path,
        atKey: false,
        message: `${where} lists the same value twice (items ${String(params.j)} and ${String(params.i)}).`,
        fix: "Remove the repeated item.",
      };
    default:
      return {
        path,
        atKey: false,
        message: `${where} ${error.message ?? "is invalid"}.`,
        fix: "Correct the value to match the schema.",
      };
  }
}
