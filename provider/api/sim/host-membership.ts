// SYNO.SynoVmmSim.Host (the simulator's private API, our design): cluster membership — every box, joined or not; join, leave,
// rename or re-address a host. "managed" capability level only.

import { SIM_HOST_API } from "../capabilities";
import type { Caller } from "../core/caller";
import { asObject, num, objects, optBool, optNum, optStr, str } from "../core/shape";
import { dsmMbToMiB } from "../units";

export const CLUSTER_HOST_API = SIM_HOST_API;

const UNSUPPORTED =
  "this cluster offers only the official VMM API, which cannot change membership: add or remove the host " +
  "in Virtual Machine Manager > Cluster, then run pulumi refresh";

export interface ClusterHostVolume {
  readonly path: string;
  readonly filesystem: string;
  readonly sizeMiB: number;
  readonly freeMiB: number;
  readonly inCluster: boolean;
}

export interface ClusterHost {
  readonly id: string;
  readonly name: string;
  /** The box's DSM address, as in the client's endpoints. */
  readonly boxAddress: string;
  readonly clusterIp?: string;
  /** online, unreachable, malfunction */
  readonly status: string;
  readonly joined: boolean;
  /** Part of a Synology High Availability pair (R14). */
  readonly sha: boolean;
  readonly cpuThreads: number;
  readonly memoryMiB: number;
  readonly freeCpuThreads: number;
  readonly freeMemoryMiB: number;
  readonly vmmVersion?: string;
  readonly volumes: readonly ClusterHostVolume[];
}

export interface HostJoinInput {
  /** URL, ip:port or ip of the box. */
  readonly boxAddress: string;
  readonly clusterIp: string;
  readonly hostName?: string;
  /** Volume paths to give to the cluster (default: every Btrfs volume, R9). */
  readonly volumes?: readonly string[];
}

export interface HostPatch {
  readonly name?: string;
  readonly clusterIp?: string;
}

export function clusterHostFromDsm(h: ReturnType<typeof asObject>): ClusterHost {
  return {
    id: str(h, "host_id"),
    name: str(h, "host_name"),
    boxAddress: optStr(h, "box_address") ?? "",
    ...(optStr(h, "cluster_ip") ? { clusterIp: optStr(h, "cluster_ip") } : {}),
    status: optStr(h, "status") ?? "unknown",
    joined: optBool(h, "joined") ?? false,
    sha: optBool(h, "sha") ?? false,
    cpuThreads: num(h, "cpu_threads"),
    memoryMiB: dsmMbToMiB(num(h, "ram_mb")),
    freeCpuThreads: optNum(h, "free_cpu_threads") ?? 0,
    freeMemoryMiB: dsmMbToMiB(optNum(h, "free_ram_mb") ?? 0),
    ...(optStr(h, "vmm_version") ? { vmmVersion: optStr(h, "vmm_version") } : {}),
    volumes: objects(h, "volumes").map((v) => ({
      path: str(v, "path"),
      filesystem: optStr(v, "filesystem") ?? "unknown",
      sizeMiB: dsmMbToMiB(optNum(v, "size_mb") ?? 0),
      freeMiB: dsmMbToMiB(optNum(v, "free_mb") ?? 0),
      inCluster: optBool(v, "in_cluster") ?? false,
    })),
  };
}

/** Compares box addresses written differently ("http://127.0.10.2:41234" vs "127.0.10.2"). */
export function sameBox(a: string, b: string): boolean {
  const parse = (s: string) => {
    try {
      const u = new URL(/^[a-z]+:\/\//i.test(s) ? s : `x://${s}`);
      return { host: u.hostname, port: u.port };
    } catch {
      return { host: s, port: "" };
    }
  };
  const x = parse(a);
  const y = parse(b);
  return x.host === y.host && (!x.port || !y.port || x.port === y.port);
}

export class ClusterHostApi {
  constructor(private readonly caller: Caller) {}

  /** Every box the cluster knows, joined or not. */
  list(): Promise<ClusterHost[]> {
    return this.caller.call({
      api: CLUSTER_HOST_API,
      method: "list",
      safety: "read",
      parse: (data) => objects(asObject(data ?? {}, "host list"), "hosts").map(clusterHostFromDsm),
      unsupportedHint: UNSUPPORTED,
    });
  }

  get(id: string): Promise<ClusterHost> {
    return this.caller.call({
      api: CLUSTER_HOST_API,
      method: "get",
      params: { host_id: id },
      safety: "read",
      subject: `host ${id}`,
      parse: (data) => clusterHostFromDsm(asObject(data, "host")),
      unsupportedHint: UNSUPPORTED,
    });
  }

  /** Joins a box to the cluster; a lost answer is re-checked (box joined?) before re-sending. */
  async join(input: HostJoinInput): Promise<ClusterHost> {
    const findJoined = async () =>
      (await this.list()).find((h) => h.joined && sameBox(h.boxAddress, input.boxAddress));
    const hostId = await this.caller.call<string>({
      api: CLUSTER_HOST_API,
      method: "join",
      params: {
        box_address: input.boxAddress,
        cluster_ip: input.clusterIp,
        ...(input.hostName !== undefined ? { host_name: input.hostName } : {}),
        ...(input.volumes !== undefined ? { volumes: input.volumes } : {}),
      },
      safety: "write",
      subject: `host ${input.hostName ? `"${input.hostName}" ` : ""}at ${input.boxAddress}`,
      parse: (data) => str(asObject(data ?? {}, "join answer"), "host_id"),
      recheck: async () => {
        const h = await findJoined();
        return h ? { applied: true, value: h.id } : { applied: false };
      },
      appliedCodes: [403],
      unsupportedHint: UNSUPPORTED,
    });
    return this.get(hostId);
  }

  async leave(id: string): Promise<void> {
    await this.caller.call({
      api: CLUSTER_HOST_API,
      method: "leave",
      params: { host_id: id },
      safety: "write",
      subject: `host ${id}`,
      parse: () => undefined,
      recheck: async () => {
        const h = (await this.list()).find((x) => x.id === id);
        return h && h.joined ? { applied: false } : { applied: true, value: undefined };
      },
      appliedCodes: [401],
      unsupportedHint: UNSUPPORTED,
    });
  }

  async set(id: string, patch: HostPatch): Promise<void> {
    await this.caller.call({
      api: CLUSTER_HOST_API,
      method: "set",
      params: {
        host_id: id,
        ...(patch.name !== undefined ? { host_name: patch.name } : {}),
        ...(patch.clusterIp !== undefined ? { cluster_ip: patch.clusterIp } : {}),
      },
      safety: "idempotent",
      subject: `host ${id}`,
      parse: () => undefined,
      unsupportedHint: UNSUPPORTED,
    });
  }
}
