/**
 * Build time only (scripts/build-validators.js): the source of the precompiled validators module
 * that schemas-precompiled.ts loads. Kept out of the run-time path so ajv's standalone generator is
 * never loaded by the provider.
 */
import standaloneCode from "ajv/dist/standalone";
import { SCHEMA_FILES, schemasFingerprint } from "./schema-files";
import { schemaRegistry } from "./schemas";

export { PRECOMPILED_MODULE } from "./schemas-precompiled";

/** The generated module's source: one validator per schema name, and the fingerprint it was built from. */
export function precompiledModuleSource(): string {
  const code = standaloneCode(schemaRegistry({ source: true }), { ...SCHEMA_FILES });
  return `${code}\nexports.fingerprint = ${JSON.stringify(schemasFingerprint())};\n`;
}
