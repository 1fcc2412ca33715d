/**
 * During preview, inputs computed from other resources' outputs arrive as this sentinel. Checks
 * must skip such values, never report them as errors.
 */
export const PULUMI_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  if (value === PULUMI_UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(isUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(isUnknown);
  return false;
}

/** A copy without `__provider` and without fields whose value is (or contains) an unknown. */
export function knownInputs<T extends object>(inputs: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(inputs)) {
    if (k === "__provider" || isUnknown(v)) continue;
    out[k] = v;
  }
  return out as Partial<T>;
}
