/**
 * The shape of one resource kind's reconciler, mirroring Pulumi's dynamic ResourceProvider but
 * with no Pulumi import, so handlers are plain TypeScript (architecture: data goes one way down).
 */
export interface CheckFailure {
  property: string;
  reason: string;
}

export interface HandlerDiff {
  changes: boolean;
  replaces?: string[];
  deleteBeforeReplace?: boolean;
}

export interface Handler<I, O> {
  check(olds: Partial<I>, news: I): Promise<{ inputs: I; failures: CheckFailure[] }>;
  diff(id: string, olds: O, news: I): Promise<HandlerDiff>;
  create(inputs: I): Promise<{ id: string; outs: O }>;
  read(id: string, props: O): Promise<{ id?: string; props?: O; inputs?: I }>;
  update(id: string, olds: O, news: I): Promise<{ outs: O }>;
  delete(id: string, props: O): Promise<void>;
}

/** Fields of the inputs that only steer the provider and never reach VMM. */
export const PROVIDER_FIELDS = ["cluster", "adopt", "specHosts", "haManaged", "owner", "__provider"] as const;

export function withoutProviderFields<T extends object>(inputs: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(inputs)) {
    if (!(PROVIDER_FIELDS as readonly string[]).includes(k) && v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * The inputs a Host's or Image's schema judges: `adopt` stays, since an adopted one may leave out
 * what no read tells (its address, a volume's filesystem, an image's path; ADR 023).
 */
export function schemaInputsOfAdoptable(inputs: { adopt?: boolean }): Record<string, unknown> {
  return { ...withoutProviderFields(inputs), ...(inputs.adopt === true ? { adopt: true } : {}) };
}

/** Deep equality of plain JSON values, ignoring keys whose value is undefined. */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined && x !== null)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, normalise(x)]),
    );
  }
  return v;
}

/**
 * Fields an adopted object left out because no read tells them (synovmm import writes them so,
 * ADR 023) and the file fills in since: the value is recorded, never sent, and never replaces the
 * object (an image's `path`, a VM's `image`, a host's `address`, the cluster's network).
 */
export function filledIn(olds: object, news: object, fields: readonly string[]): string[] {
  const o = olds as Record<string, unknown>;
  const n = news as Record<string, unknown>;
  if (o.adopt !== true) return [];
  return fields.filter((f) => o[f] === undefined && n[f] !== undefined);
}

/** `changedFields` without what an adopted object only fills in (`filledIn`). */
export function changedOnAdopted(olds: object, news: object, fields: readonly string[]): string[] {
  const filled = filledIn(olds, news, fields);
  return changedFields(olds, news, fields).filter((f) => !filled.includes(f));
}

/** The fields among `fields` whose values differ between olds and news. */
export function changedFields(olds: object, news: object, fields: readonly string[]): string[] {
  const o = olds as Record<string, unknown>;
  const n = news as Record<string, unknown>;
  return fields.filter((f) => !same(o[f], n[f]));
}
