import { cidrContains, formatIpv4, parseCidr, parseIpv4 } from "../net/ipv4";
import type { ClusterModel, Finding, LiveView } from "./model";
import { at } from "./paths";

interface Range {
  from: number;
  to: number;
  text: string;
}

/** The reserved range itself must be well formed and inside the subnet before hosts can use it. */
function checkRange(desired: ClusterModel, findings: Finding[]): Range | undefined {
  const net = desired.clusterNetwork;
  if (net === undefined) return undefined;
  const range = (...end: string[]) => at.cluster(desired.name, "clusterNetwork", "reservedRange", ...end);
  const subnet = parseCidr(net.subnet);
  const from = parseIpv4(net.reservedRange.from);
  const to = parseIpv4(net.reservedRange.to);
  if (subnet === undefined || from === undefined || to === undefined) return undefined; // schema's job
  const text = `${net.reservedRange.from}–${net.reservedRange.to}`;
  if (from > to) {
    findings.push({
      rule: "R8",
      severity: "error",
      ...range(),
      message: `The reserved range starts at ${net.reservedRange.from}, after its end ${net.reservedRange.to} (R8).`,
      fix: "Swap from and to so the range runs from the lower address to the higher.",
    });
    return undefined;
  }
  for (const [end, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (cidrContains(subnet, value)) continue;
    findings.push({
      rule: "R8",
      severity: "error",
      ...range(end),
      message: `The reserved range's ${end} address ${formatIpv4(value)} is outside the cluster subnet ${net.subnet} (R8).`,
      fix: `Pick an address between ${formatIpv4(subnet.first + 1)} and ${formatIpv4(subnet.last - 1)}.`,
    });
  }
  return { from, to, text };
}

/**
 * R8: host addresses are static, unique, inside the cluster subnet and its reserved range, neither
 * the subnet's network nor its broadcast address, and
 * (live) a member's address can no longer change once more than one host has joined.
 */
export function checkHostAddresses(desired: ClusterModel, live?: LiveView): Finding[] {
  const findings: Finding[] = [];
  const range = checkRange(desired, findings);
  const subnet = desired.clusterNetwork === undefined ? undefined : parseCidr(desired.clusterNetwork.subnet);
  const seen = new Map<number, string>();
  desired.hosts.forEach((host, i) => {
    // An adopted host whose address no read tells keeps its live one (ADR 023): nothing to judge.
    if (host.address === undefined) return;
    const place = at.host(i, host.name, "address");
    const address = parseIpv4(host.address);
    if (address === undefined) {
      findings.push({
        rule: "R8",
        severity: "error",
        ...place,
        message: `Host "${host.name}" has address "${host.address}", which is not a static IPv4 address (R8).`,
        fix: "Give the host's static IPv4 address, e.g. 10.20.0.11.",
      });
      return;
    }
    const twin = seen.get(address);
    if (twin !== undefined) {
      findings.push({
        rule: "R8",
        severity: "error",
        ...place,
        message: `Host "${host.name}" uses address ${host.address}, already used by host "${twin}"; host addresses must be unique (R8).`,
        fix: "Give each host its own static address from the reserved range.",
      });
    } else {
      seen.set(address, host.name);
    }
    if (
      subnet !== undefined &&
      subnet.prefix <= 30 &&
      (address === subnet.first || address === subnet.last)
    ) {
      // /31 and /32 have no network or broadcast address (RFC 3021); larger subnets do.
      const which = address === subnet.first ? "network" : "broadcast";
      findings.push({
        rule: "R8",
        severity: "error",
        ...place,
        message: `Host "${host.name}" address ${host.address} is the ${which} address of the cluster subnet ${desired.clusterNetwork?.subnet}, which no host can use (R8).`,
        fix: `Use a free address from the reserved range${range ? ` ${range.text}` : ""}, between ${formatIpv4(subnet.first + 1)} and ${formatIpv4(subnet.last - 1)}.`,
      });
    } else if (subnet !== undefined && !cidrContains(subnet, address)) {
      findings.push({
        rule: "R8",
        severity: "error",
        ...place,
        message: `Host "${host.name}" address ${host.address} is outside the cluster subnet ${desired.clusterNetwork?.subnet} (R8).`,
        fix: `Use an address from the reserved range${range ? ` ${range.text}` : ""}.`,
      });
    } else if (range !== undefined && (address < range.from || address > range.to)) {
      findings.push({
        rule: "R8",
        severity: "error",
        ...place,
        message: `Host "${host.name}" address ${host.address} is outside the reserved range ${range.text}; host addresses come from that range (R8).`,
        fix: `Use a free address between ${range.text}, or widen spec.clusterNetwork.reservedRange to include ${host.address}.`,
      });
    }
  });
  findings.push(...checkAddressChanges(desired, live));
  return findings;
}

/** Live half of R8: after a second host joins, static IP settings are frozen. */
function checkAddressChanges(desired: ClusterModel, live?: LiveView): Finding[] {
  if (live === undefined || live.hosts.length < 2) return [];
  const current = new Map(live.hosts.map((h) => [h.name, h.address]));
  const findings: Finding[] = [];
  desired.hosts.forEach((host, i) => {
    const was = current.get(host.name);
    if (was === undefined || host.address === undefined || was === host.address) return;
    findings.push({
      rule: "R8",
      severity: "error",
      ...at.host(i, host.name, "address"),
      message: `Host "${host.name}" is a member at ${was}; the spec asks for ${host.address}, but once more than one host has joined a host's static IP settings can no longer change (R8).`,
      fix: `Keep address ${was} in the spec, or remove the host from the cluster, change its IP in DSM and add it again.`,
    });
  });
  return findings;
}
