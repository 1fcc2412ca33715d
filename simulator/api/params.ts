/**
 * Typed reading of DSM request parameters. Everything arrives as text (query string or form);
 * structured values are JSON text. Missing required → 114, malformed → 401 (VMM convention).
 */
import { fail } from "../model/errors";

export class Params {
  constructor(
    readonly raw: Record<string, string>,
    /** Code for malformed values: 401 on VMM APIs, 120 on Auth/Info. */
    private readonly badCode = 401,
  ) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  str(name: string): string | undefined {
    return this.raw[name];
  }

  required(name: string): string {
    const v = this.raw[name];
    if (v === undefined || v === "") fail(114, name, `missing required parameter '${name}'`);
    return v;
  }

  /**
   * One of two selector params (e.g. guest_id or guest_name); 114 when neither is given. An empty
   * value counts as absent, as on DSM (`guest_id=&guest_name=x` selects by name).
   */
  either(a: string, b: string): string {
    const v = this.raw[a] || this.raw[b];
    if (v === undefined || v === "") fail(114, a, `give '${a}' or '${b}'`);
    return v;
  }

  int(name: string, fallback?: number): number | undefined {
    const v = this.raw[name];
    if (v === undefined || v === "") return fallback;
    return toInt(v, name, this.badCode);
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.raw[name];
    if (v === undefined || v === "") return fallback;
    return toBool(v, name, this.badCode);
  }

  json(name: string): unknown {
    const v = this.raw[name];
    if (v === undefined || v === "") return undefined;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return fail(
        this.badCode,
        name,
        `parameter '${name}' must be JSON text, e.g. ${name}=[…]; got ${v.slice(0, 40)}`,
      );
    }
  }
}

export function toInt(v: unknown, name: string, code = 401): number {
  const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) fail(code, name, `'${name}' must be an integer, got ${JSON.stringify(v)}`);
  return n;
}

export function toBool(v: unknown, name: string, code = 401): boolean {
  if (typeof v === "boolean") return v;
  const s = String(v).toLowerCase();
  if (["true", "yes", "1"].includes(s)) return true;
  if (["false", "no", "0"].includes(s)) return false;
  return fail(code, name, `'${name}' must be true or false, got ${JSON.stringify(v)}`);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function jsonArray(v: unknown, name: string): unknown[] {
  if (!Array.isArray(v)) fail(401, name, `'${name}' must be a JSON array`);
  return v;
}

export function optStr(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" && typeof v !== "number") fail(401, key, `'${key}' must be a string`);
  return String(v);
}
