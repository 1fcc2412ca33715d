/**
 * What must hold after every soak run, once the faults are lifted and the documented recovery is
 * applied. Each check returns the violations it found, in words that say what and where; an empty
 * list is a pass. The two things that cannot be promised by design (README "When a run is
 * interrupted") are accepted here exactly and nothing broader: the engine's pending-create notes
 * after a SIGKILL, handled by `synovmm recover --apply` and an `up`, and on a real NAS an image made by
 * a killed run, taken over with `adopt` once (`adopt: true` for one `up` while declared, else
 * `synovmm recover --apply --adopt-image NAME`; the runner does that and records it). The runner also
 * applies the README's one command for the file backend's sidecar a kill left empty ("failed to
 * load checkpoint: EOF"), only after a kill and only when such a sidecar exists.
 */
import type { SimulatorHandle, WorldSnapshot } from "../../simulator";
import { isOfficialApi, undocumentedParts } from "../../provider/evidence/official-api";
import type { RequestLogEntry } from "../../simulator";
import type { Declared } from "./plan";
import type { LiveCluster } from "./spec";

export const INVARIANTS = [
  "no duplicate guest or image",
  "nothing created left unrecorded",
  "nothing lost",
  "strangers untouched",
  "state equals a fresh read",
  "preview --expect-no-changes clean",
  "no stack trace in any output",
  "no password in output or state",
  "only documented official calls",
] as const;
export type Invariant = (typeof INVARIANTS)[number];

export interface Violation {
  invariant: Invariant;
  detail: string;
}

/** A guest's declared name, also while it still has its provisional one (`vm-01.synovmm-…`, ADR 020). */
export function declaredName(name: string): string {
  return name.replace(/\.synovmm-[0-9a-f]{10}$/, "");
}

function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const n of names) (seen.has(n) ? twice : seen).add(n);
  return [...twice];
}

export function checkDuplicates(world: WorldSnapshot): Violation[] {
  const out: Violation[] = [];
  for (const n of duplicates(world.guests.map((g) => declaredName(g.name))))
    out.push({ invariant: "no duplicate guest or image", detail: `two or more guests named ${n}` });
  for (const n of duplicates(world.images.map((i) => i.name)))
    out.push({ invariant: "no duplicate guest or image", detail: `two or more images named ${n}` });
  return out;
}

export interface StateIds {
  vms: Set<string>;
  images: Set<string>;
}

export function checkRecorded(world: WorldSnapshot, before: StateIds, state: StateIds): Violation[] {
  const out: Violation[] = [];
  for (const g of world.guests)
    if (!before.vms.has(g.guestId) && !state.vms.has(g.guestId))
      out.push({
        invariant: "nothing created left unrecorded",
        detail: `guest ${g.name} (${g.guestId}) exists on the NAS and is not in state`,
      });
  for (const i of world.images)
    if (!before.images.has(i.imageId) && !state.images.has(i.imageId))
      out.push({
        invariant: "nothing created left unrecorded",
        detail: `image ${i.name} (${i.imageId}) exists on the NAS and is not in state`,
      });
  return out;
}

/** The simulator's host id of box `i` (0-based, as plans count boxes). */
function hostIdOf(world: WorldSnapshot, box: number): string | undefined {
  return world.hosts.find((h) => h.boxIndex === box + 1)?.hostId;
}

/**
 * Every declared image and VM exists with its declared settings; a running VM runs where the spec
 * says (its host, or its HA pair's active or passive host after a failover); every declared HA
 * pair exists between its two hosts.
 */
export function checkNothingLost(
  world: WorldSnapshot,
  declared: Declared,
  cluster: LiveCluster,
): Violation[] {
  const out: Violation[] = [];
  const lost = (detail: string) => out.push({ invariant: "nothing lost", detail });
  for (const image of declared.images)
    if (!world.images.some((i) => i.name === image)) lost(`declared image ${image} is not on the NAS`);
  for (const vm of declared.vms) {
    const g = world.guests.find((x) => x.name === vm.name);
    if (g === undefined) {
      lost(`declared VM ${vm.name} is not on the NAS by its name`);
      continue;
    }
    const live = { cpu: g.vcpuNum, memoryMiB: g.vramSizeMb, running: g.status === "running" };
    const want = { cpu: vm.cpu, memoryMiB: vm.memoryMiB, running: vm.power === "running" };
    if (JSON.stringify(live) !== JSON.stringify(want))
      lost(`VM ${vm.name} is ${JSON.stringify(live)} on the NAS, declared ${JSON.stringify(want)}`);
    const where = (box: number) => cluster.boxes[box].name;
    const places =
      vm.ha !== undefined ? [vm.ha.active, vm.ha.passive] : vm.runsOn !== undefined ? [vm.runsOn] : [];
    if (live.running && places.length > 0 && !places.some((box) => hostIdOf(world, box) === g.hostId)) {
      const now = world.hosts.find((h) => h.hostId === g.hostId);
      lost(
        `VM ${vm.name} runs on ${now?.hostName ?? g.hostId ?? "no host"}, declared on ${places.map(where).join(" or ")}`,
      );
    }
    const pair = world.haPairs.find((p) => p.guestId === g.guestId);
    if (vm.ha !== undefined) {
      const want = [vm.ha.active, vm.ha.passive].map((box) => hostIdOf(world, box)).sort();
      if (pair === undefined)
        lost(`VM ${vm.name} has no HA pair, declared ${where(vm.ha.active)} → ${where(vm.ha.passive)}`);
      else if (JSON.stringify([pair.activeHostId, pair.passiveHostId].sort()) !== JSON.stringify(want))
        lost(`VM ${vm.name}'s HA pair is not between ${where(vm.ha.active)} and ${where(vm.ha.passive)}`);
    } else if (pair !== undefined)
      out.push({
        invariant: "nothing created left unrecorded",
        detail: `VM ${vm.name} has an HA pair the spec no longer declares`,
      });
  }
  return out;
}

/** The cluster's members are exactly the hosts the spec lists: none lost, none left joined. */
export function checkMembers(world: WorldSnapshot, declared: Declared, cluster: LiveCluster): Violation[] {
  const out: Violation[] = [];
  for (const box of declared.hosts) {
    const h = world.hosts.find((x) => x.boxIndex === box + 1);
    if (h === undefined || !h.joined)
      out.push({
        invariant: "nothing lost",
        detail: `declared host ${cluster.boxes[box].name} is not a member`,
      });
  }
  for (const h of world.hosts)
    if (h.joined && !declared.hosts.includes(h.boxIndex - 1))
      out.push({
        invariant: "nothing created left unrecorded",
        detail: `host ${h.hostName ?? h.boxName} is a member the spec no longer lists`,
      });
  return out;
}

export function checkStrangers(
  world: WorldSnapshot,
  strangers: readonly { guestId: string; name: string; vcpuNum: number; vramSizeMb: number }[],
): Violation[] {
  const out: Violation[] = [];
  for (const s of strangers) {
    const g = world.guests.find((x) => x.guestId === s.guestId);
    if (g === undefined || g.name !== s.name || g.vcpuNum !== s.vcpuNum || g.vramSizeMb !== s.vramSizeMb)
      out.push({
        invariant: "strangers untouched",
        detail: `guest ${s.name} that the stack does not manage was ${g === undefined ? "deleted" : "changed"}`,
      });
  }
  return out;
}

/** Lines that betray a JavaScript stack trace or an installation path. */
export function checkNoStackTrace(outputs: readonly { what: string; text: string }[]): Violation[] {
  const out: Violation[] = [];
  for (const o of outputs) {
    const line = o.text.split("\n").find((l) => /^\s+at /.test(l) || l.includes("node_modules"));
    if (line !== undefined)
      out.push({
        invariant: "no stack trace in any output",
        detail: `${o.what}: ${line.trim().slice(0, 160)}`,
      });
  }
  return out;
}

export function checkNoPassword(
  password: string,
  outputs: readonly { what: string; text: string }[],
  stateFiles: string,
): Violation[] {
  const out: Violation[] = [];
  for (const o of outputs)
    if (o.text.includes(password))
      out.push({ invariant: "no password in output or state", detail: `${o.what} prints the password` });
  if (stateFiles.includes(password))
    out.push({
      invariant: "no password in output or state",
      detail: "a state file holds the password in clear",
    });
  return out;
}

/** On `--dsm real`: every official call carried only what evidence/official-api.json documents. */
export function checkDocumentedCalls(log: readonly RequestLogEntry[]): Violation[] {
  const out: Violation[] = [];
  for (const e of log) {
    if (!isOfficialApi(e.api)) continue;
    const parts = undocumentedParts(e.api, e.method, e.params);
    if (parts.length > 0)
      out.push({
        invariant: "only documented official calls",
        detail: `${e.api} ${e.method} sent ${parts.join(", ")}`,
      });
  }
  return out;
}

export type { SimulatorHandle };
