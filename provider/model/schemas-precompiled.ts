/**
 * Validators compiled at build time: compiling the schemas with ajv took about 190 ms of
 * every provider process's first `check` (ajv's compiler loaded, code generated, then evaluated).
 * `npm run build` writes the generated module beside this one (schemas-build.ts, run by
 * scripts/build-validators.js). It is used only when it was built from the schema files as they
 * are now (their hash), so an edited schema with a stale build falls back to compiling at run time
 * and is never validated wrongly.
 */
import type { ValidateFunction } from "ajv/dist/2020";
import { type SchemaName, schemasFingerprint } from "./schema-files";

/** The generated module's file name, beside this one in dist/provider/model/. */
export const PRECOMPILED_MODULE = "validators.generated.js";

/** The generated module: standalone ajv exports one validator per schema name. */
type PrecompiledModule = { readonly fingerprint: string } & Partial<Record<SchemaName, ValidateFunction>>;

let loaded: PrecompiledModule | null | undefined;

/** The build's validator for `name`, or undefined when there is no build or it is stale. */
export function precompiledValidator(name: SchemaName): ValidateFunction | undefined {
  if (loaded === undefined) loaded = loadPrecompiled();
  return loaded?.[name];
}

function loadPrecompiled(): PrecompiledModule | null {
  let module: PrecompiledModule;
  try {
    module = require(`./${PRECOMPILED_MODULE}`) as PrecompiledModule;
  } catch {
    return null;
  }
  return module.fingerprint === schemasFingerprint() ? module : null;
}

/** Forgets what was loaded (tests that rebuild or remove the module). */
export function forgetPrecompiled(): void {
  loaded = undefined;
}
