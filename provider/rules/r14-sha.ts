import type { ClusterModel, Finding, LiveView } from "./model";
import { at } from "./paths";

/**
 * R14: VMM cannot build a Synology High Availability pair, it can only run on one that exists.
 * A spec cannot prove that, so this rule needs the live view; a host not yet joined is checked
 * when it joins.
 */
export function checkSha(desired: ClusterModel, live?: LiveView): Finding[] {
  if (live === undefined) return [];
  const liveSha = new Map(live.hosts.map((h) => [h.name, h.sha]));
  const findings: Finding[] = [];
  desired.hosts.forEach((host, i) => {
    if (!host.sha || liveSha.get(host.name) !== false) return;
    findings.push({
      rule: "R14",
      severity: "error",
      ...at.host(i, host.name, "sha"),
      message: `Host "${host.name}" is declared sha: true, but the live host is not an SHA cluster; VMM cannot create one (R14).`,
      fix: `Set up Synology High Availability on "${host.name}" in DSM first (before VMM), or set sha: false.`,
    });
  });
  return findings;
}
