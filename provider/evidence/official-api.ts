/**
 * The official VMM API as public evidence documents it (evidence/official-api.json): which methods
 * and parameters of `SYNO.Virtualization.API.*` exist. The client refuses to send anything else
 * to a NAS, the simulator refuses anything else with 401, and the tests check request logs
 * against it: one table, read in three places (ADR 019).
 *
 * A leaf: imports nothing of ours, so the simulator may use it too (layer table).
 */
import table from "../../evidence/official-api.json";

export type ParamType = "string" | "int" | "bool" | "json-array";

export interface ParamEvidence {
  readonly type: ParamType;
  readonly required?: boolean;
  /** Parameters sharing a group name are alternatives: one of them is required (`guest_id` or `guest_name`). */
  readonly oneOf?: string;
  readonly values?: readonly (string | number)[];
  /** For JSON arrays of objects (`vdisks`, `vnics`): the keys an item may carry. */
  readonly items?: Readonly<Record<string, ParamEvidence>>;
  readonly note?: string;
}

export interface MethodEvidence {
  readonly params: Readonly<Record<string, ParamEvidence>>;
  /** Where the method and its parameters are documented (tags of the evidence file's §0). */
  readonly source: string;
}

export interface ApiEvidence {
  readonly version: number;
  readonly methods: Readonly<Record<string, MethodEvidence>>;
}

interface EvidenceTable {
  readonly envelope: readonly string[];
  readonly apis: Readonly<Record<string, ApiEvidence>>;
}

const EVIDENCE = table as unknown as EvidenceTable;

/** Every official API the evidence documents, by name. */
export const OFFICIAL_APIS: Readonly<Record<string, ApiEvidence>> = EVIDENCE.apis;

/** Fields every request carries (api, version, method, session): never counted as parameters. */
export const ENVELOPE_FIELDS: ReadonlySet<string> = new Set(EVIDENCE.envelope);

/** Synology's official VMM family: the only one a real NAS is sent writes of. */
export function isOfficialApi(api: string): boolean {
  return api.startsWith("SYNO.Virtualization.API.");
}

export function methodEvidence(api: string, method: string): MethodEvidence | undefined {
  return OFFICIAL_APIS[api]?.methods[method];
}

/** One thing a call would send that no public source documents. */
export interface Undocumented {
  /** `vcpu_num`, or `vdisks[0].controller` for a key inside a JSON array item. */
  readonly param: string;
  readonly why: string;
}

function parsedArray(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What in this call of an official API is not documented: an unknown API or method, a parameter
 * the method does not take, or a key of a `vdisks`/`vnics` item it does not take. Values may be
 * as the client holds them (arrays) or as they travel (JSON text). Empty: the call is documented.
 * Not an official API: nothing to say here (the caller decides what may reach such an API).
 */
export function undocumentedParts(
  api: string,
  method: string,
  params: Readonly<Record<string, unknown>>,
): Undocumented[] {
  if (!isOfficialApi(api)) return [];
  const known = OFFICIAL_APIS[api];
  if (known === undefined) return [{ param: "api", why: `${api} is not an API of the official VMM guide` }];
  const m = known.methods[method];
  if (m === undefined)
    return [
      {
        param: "method",
        why: `${api} has no documented method "${method}" (documented: ${Object.keys(known.methods).join(", ")})`,
      },
    ];
  const found: Undocumented[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (ENVELOPE_FIELDS.has(name) || value === undefined) continue;
    const p = m.params[name];
    if (p === undefined) {
      found.push({ param: name, why: `${api} ${method} takes no parameter "${name}"` });
      continue;
    }
    if (p.items === undefined) continue;
    const items = parsedArray(value) ?? [];
    items.forEach((item, i) => {
      if (typeof item !== "object" || item === null || Array.isArray(item)) return;
      for (const key of Object.keys(item)) {
        if (p.items?.[key] === undefined)
          found.push({
            param: `${name}[${i}].${key}`,
            why: `a ${name} item of ${api} ${method} takes no key "${key}"`,
          });
      }
    });
  }
  return found;
}
