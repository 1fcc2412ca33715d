/** The schema files of schemas/: which file holds which schema, their text, and a hash of them. */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { InputSchemaKind } from "./kinds";
import { schemasDir } from "./package-root";

/** A whole spec file (`specFile`), or one resource kind's inputs. */
export type SchemaName = "specFile" | InputSchemaKind;

export const SCHEMA_FILES: Readonly<Record<SchemaName, string>> = {
  specFile: "cluster.schema.json",
  Host: "host.schema.json",
  VirtualMachine: "virtual-machine.schema.json",
  HAPair: "ha-pair.schema.json",
  Image: "image.schema.json",
};

/** The schema files, sorted by name, as text. */
export function schemaTexts(): { file: string; text: string }[] {
  const dir = schemasDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), "utf8") }));
}

/** What precompiled validators must have been built from to be used: the schema files' hash. */
export function schemasFingerprint(texts = schemaTexts()): string {
  const hash = createHash("sha256");
  for (const { file, text } of texts) hash.update(`${file}\u0000${text}\u0000`);
  return hash.digest("hex");
}
