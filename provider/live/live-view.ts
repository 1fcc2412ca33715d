/**
 * The live cluster as the rules engine sees it (hosts that are members now, online or not), and
 * small lookups the reconcilers share.
 */
import type { LiveView } from "../rules";
import type { LiveApi, LiveHostInfo } from "./live-api";

export async function memberHosts(api: LiveApi): Promise<LiveHostInfo[]> {
  return (await api.hosts()).filter((h) => h.joined);
}

export function toLiveView(members: LiveHostInfo[]): LiveView {
  return {
    hosts: members.map((h) => ({
      name: h.name,
      address: h.clusterIp ?? undefined,
      online: h.status === "online",
      sha: h.sha,
    })),
  };
}

export async function liveView(api: LiveApi): Promise<LiveView> {
  return toLiveView(await memberHosts(api));
}

export function hostByName(hosts: LiveHostInfo[], name: string): LiveHostInfo | undefined {
  return hosts.find((h) => h.name === name);
}

/** The member host called `name`, or an error naming the members there are. */
export function requireHost(hosts: LiveHostInfo[], name: string, role: string): LiveHostInfo {
  const host = hosts.find((h) => h.name === name && h.joined);
  if (host === undefined) {
    const names = hosts.filter((h) => h.joined).map((h) => h.name);
    throw new Error(
      `${role} host "${name}" is not a member of the cluster (members: ${names.join(", ") || "none"}). ` +
        `Fix: add it to spec.hosts (or join it in VMM → Cluster → Host), or name one of the members.`,
    );
  }
  return host;
}
