// Runtime narrowing of DSM's JSON answers without `any`: each accessor names the field it wanted, so
// a changed DSM answer becomes a readable protocol error instead of `undefined` deep in a handler.

export type JsonObject = Readonly<Record<string, unknown>>;

export class ShapeError extends Error {
  override readonly name = "ShapeError";
}

export function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ShapeError(`${what} is not an object`);
  }
  return value as JsonObject;
}

export function asArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(`${what} is not an array`);
  return value;
}

export function str(o: JsonObject, key: string): string {
  const v = o[key];
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  throw new ShapeError(`field "${key}" is missing or not a string`);
}

export function optStr(o: JsonObject, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === "") return undefined;
  return typeof v === "string" ? v : String(v);
}

/** Numbers may come as strings from DSM ("10240"); both are accepted. */
export function num(o: JsonObject, key: string): number {
  const v = optNum(o, key);
  if (v === undefined) throw new ShapeError(`field "${key}" is missing or not a number`);
  return v;
}

export function optNum(o: JsonObject, key: string): number | undefined {
  const v = o[key];
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function optBool(o: JsonObject, key: string): boolean | undefined {
  const v = o[key];
  if (typeof v === "boolean") return v;
  if (v === "true" || v === 1 || v === "1") return true;
  if (v === "false" || v === 0 || v === "0") return false;
  return undefined;
}

export function objects(o: JsonObject, key: string): JsonObject[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  return asArray(v, `field "${key}"`).map((item, i) => asObject(item, `${key}[${i}]`));
}
