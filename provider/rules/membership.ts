import type { ClusterModel, LiveView } from "./model";

/**
 * The hosts the cluster will have: those the spec lists plus live members it does not list.
 * Unlisted live hosts are not this stack's to remove, so they still count (R1, R3, R5, R10).
 */
export function memberNames(desired: ClusterModel, live?: LiveView): string[] {
  const names = desired.hosts.map((h) => h.name);
  const listed = new Set(names);
  for (const host of live?.hosts ?? []) {
    if (!listed.has(host.name)) names.push(host.name);
  }
  return names;
}

/** Live members the spec does not list, for messages that must explain a count. */
export function unlistedLiveHosts(desired: ClusterModel, live?: LiveView): string[] {
  const listed = new Set(desired.hosts.map((h) => h.name));
  return (live?.hosts ?? []).map((h) => h.name).filter((name) => !listed.has(name));
}

/** "5 hosts (3 in the spec + 2 live hosts it does not list: x, y)" or just "3 hosts". */
export function describeCount(desired: ClusterModel, live?: LiveView): string {
  const extra = unlistedLiveHosts(desired, live);
  const total = desired.hosts.length + extra.length;
  const base = `${total} host${total === 1 ? "" : "s"}`;
  if (extra.length === 0) return base;
  return `${base} (${desired.hosts.length} in the spec + ${extra.length} live host${extra.length === 1 ? "" : "s"} it does not list: ${extra.join(", ")})`;
}
