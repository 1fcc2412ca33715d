// Which capability level a cluster offers, decided from its SYNO.API.Info catalogue alone (plus the
// answer of one read-only marker call). This file is the ONLY place that maps a catalogue to a level.
//
// Why positive proof: a real NAS with VMM lists SYNO.Virtualization.Cluster, .Host, .HA and
// .Guest.Action (docs/reference/vmm-internal-api-evidence.md §1.1), but their methods are not ours.
// The managed level (cluster, membership, HA, migration) therefore needs the simulator's private
// SYNO.SynoVmmSim.* names, which no NAS can list, and its marker answering our schema.

import type { ApiInfo } from "./core/discovery";

/** One SYNO.API.Info entry (path, versions, requestFormat). */
export type ApiInfoEntry = ApiInfo;

/** "managed": cluster, membership, HA and migration are managed; "official-only": guests, images and reads. */
export type CapabilityLevel = "managed" | "official-only";

export interface Capabilities {
  readonly level: CapabilityLevel;
  /** Every API name listed in SYNO.API.Info, sorted. */
  readonly apis: readonly string[];
  /** One sentence a person reads: why this level. */
  readonly reason: string;
  /** Where VM placement comes from: our simulator API, the real internal SYNO.Virtualization.Guest list (read only), or nowhere. */
  readonly placement: "managed" | "internal-guest-list" | "unknown";
}

/** The simulator's private APIs that make up the managed level. */
export const SIM_CLUSTER_API = "SYNO.SynoVmmSim.Cluster";
export const SIM_HOST_API = "SYNO.SynoVmmSim.Host";
export const SIM_HA_API = "SYNO.SynoVmmSim.HA";
export const SIM_GUEST_MOVE_API = "SYNO.SynoVmmSim.Guest.Move";
/** Growing and adding disks: no public source shows a way through the official API (ADR 019). */
export const SIM_GUEST_DISK_API = "SYNO.SynoVmmSim.Guest.Disk";
/**
 * An image create that carries the stack's mark, and its list (ADR 027): the official image has no
 * field for it. Listed with the others, so a simulator that predates it is official-only, never a
 * managed level whose image create answers 102.
 */
export const SIM_GUEST_IMAGE_API = "SYNO.SynoVmmSim.Guest.Image";
export const SIM_APIS = [
  SIM_CLUSTER_API,
  SIM_HOST_API,
  SIM_HA_API,
  SIM_GUEST_MOVE_API,
  SIM_GUEST_DISK_API,
  SIM_GUEST_IMAGE_API,
] as const;

/** Read-only marker: method `get` answers `{ "schema": 1, "simulator": "synovmm" }`. */
export const MARKER_API = "SYNO.SynoVmmSim.Capability";
export const MARKER_METHOD = "get";
export const MARKER_SCHEMA = 1;

/** Synology's internal guest list: the only real source of VM placement (evidence §2.3, 2 real captures). */
export const REAL_GUEST_LIST_API = "SYNO.Virtualization.Guest";

/** Synology's undocumented namespaces (internal VMM, cluster control, disaster recovery). */
const REAL_UNDOCUMENTED = /^SYNO\.(Virtualization\.(?!API\.)|CCC\.|VMMDR\.)/;

/** True when the catalogue lists every private name and the marker: only then is the marker read. */
export function listsSimulatorMarker(apis: ReadonlyMap<string, ApiInfoEntry> | readonly string[]): boolean {
  const names = new Set(Array.isArray(apis) ? apis : [...(apis as ReadonlyMap<string, ApiInfoEntry>).keys()]);
  return names.has(MARKER_API) && SIM_APIS.every((n) => names.has(n));
}

/**
 * Pure. `markerSchema` is what `SYNO.SynoVmmSim.Capability get` answered (undefined when not asked
 * or not listed). Without the marker at our schema the answer is always "official-only".
 */
export function capabilitiesFromCatalogue(
  apis: ReadonlyMap<string, ApiInfoEntry> | readonly string[],
  markerSchema?: number,
): Capabilities {
  const list: readonly string[] = Array.isArray(apis)
    ? apis
    : [...(apis as ReadonlyMap<string, ApiInfoEntry>).keys()];
  const names = [...new Set(list)].sort();
  const has = new Set(names);
  const missing = SIM_APIS.filter((n) => !has.has(n));
  if (has.has(MARKER_API) && missing.length === 0 && markerSchema === MARKER_SCHEMA) {
    return {
      level: "managed",
      apis: names,
      reason: `synovmm simulator: ${MARKER_API} answered schema ${MARKER_SCHEMA} and ${SIM_APIS.join(", ")} are listed`,
      placement: "managed",
    };
  }
  const placement = has.has(REAL_GUEST_LIST_API) ? "internal-guest-list" : "unknown";
  let reason: string;
  if (has.has(MARKER_API)) {
    reason =
      markerSchema === undefined
        ? `${MARKER_API} is listed but did not answer; treating this cluster as official-only`
        : missing.length > 0
          ? `${MARKER_API} is listed but ${missing.join(", ")} are not; treating this cluster as official-only`
          : `${MARKER_API} answered schema ${markerSchema}, this provider speaks schema ${MARKER_SCHEMA}: upgrade the provider or the simulator`;
  } else if (names.some((n) => REAL_UNDOCUMENTED.test(n))) {
    reason = `real DSM: SYNO.Virtualization.* internal APIs listed, simulator marker ${MARKER_API} absent`;
  } else {
    reason = `only the official SYNO.Virtualization.API.* APIs are listed (simulator marker ${MARKER_API} absent)`;
  }
  return { level: "official-only", apis: names, reason, placement };
}
