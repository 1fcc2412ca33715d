import type { ClusterModel, Finding, LiveView } from "./model";
import { at } from "./paths";
import { quorumSize } from "./quorum";

/**
 * R2: without a majority of hosts online every cluster operation stops, so the provider must
 * refuse to act. Only the live view knows who is online; a spec alone never fails this rule.
 */
export function checkQuorum(desired: ClusterModel, live?: LiveView): Finding[] {
  const members = live?.hosts ?? [];
  if (members.length === 0) return [];
  const online = members.filter((h) => h.online).length;
  const needed = quorumSize(members.length);
  if (online >= needed) return [];
  const down = members.filter((h) => !h.online).map((h) => h.name);
  return [
    {
      rule: "R2",
      severity: "error",
      ...at.cluster(desired.name, "hosts"),
      message: `Only ${online} of ${members.length} cluster hosts are online (down: ${down.join(", ")}); quorum needs ${needed} (R2), so VMM has stopped every cluster operation and nothing may be changed.`,
      fix: `Bring ${needed - online} of these hosts back online (${down.join(", ")}), then run again. Nothing was sent to any host.`,
    },
  ];
}
