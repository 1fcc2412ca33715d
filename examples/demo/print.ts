/**
 * Console output of the demo: numbered sections, indented tool output, small tables, and the
 * simulator's view of the cluster. Plain ASCII, so the output reads the same in a CI log.
 */
import type { WorldSnapshot } from "../../simulator";

const WIDTH = 78;

export function section(title: string): void {
  console.log(`\n${"=".repeat(WIDTH)}\n ${title}\n${"=".repeat(WIDTH)}`);
}

export function note(text: string): void {
  console.log(`-- ${text}`);
}

/** Indents each line of another tool's output so it stands apart from the demo's own lines. */
export function quoted(text: string): void {
  const body = text.replace(/\s+$/, "");
  if (body !== "") console.log(body.replace(/^/gm, "   | "));
}

export function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => "   " + cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
}

/** Hosts, VMs (with where they run) and HA pairs, as the simulated VMM reports them. */
export function printCluster(world: WorldSnapshot): void {
  const hostName = (id: string | null) =>
    id === null ? "-" : (world.hosts.find((h) => h.hostId === id)?.hostName ?? id);
  console.log(
    `   cluster "${world.cluster.name ?? "-"}": ${world.cluster.status}, quorum ${world.cluster.quorum ? "yes" : "no"}\n`,
  );
  table(
    ["host", "NAS", "cluster IP", "member", "status"],
    world.hosts.map((h) => [
      h.hostName ?? "-",
      `${h.boxName} (${h.boxAddress})`,
      h.clusterIp ?? "-",
      h.joined ? "yes" : "no",
      h.status,
    ]),
  );
  console.log("");
  table(
    ["VM", "status", "host", "vCPU", "RAM"],
    [...world.guests]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((g) => [g.name, g.status, hostName(g.hostId), String(g.vcpuNum), `${g.vramSizeMb} MiB`]),
  );
  console.log("");
  table(
    ["HA pair (VM)", "active", "passive", "status"],
    world.haPairs.map((p) => [
      world.guests.find((g) => g.guestId === p.guestId)?.name ?? p.guestId,
      hostName(p.activeHostId),
      hostName(p.passiveHostId),
      p.status,
    ]),
  );
}
