// SYNO.SynoVmmSim.Cluster (the simulator's private API, our design): the cluster's own settings.
// "managed" capability level only; never sent to a real NAS (see ../capabilities.ts).

import { SIM_CLUSTER_API } from "../capabilities";
import type { Caller } from "../core/caller";
import type { Recheck } from "../core/call-spec";
import { asObject, optBool, optNum, optStr } from "../core/shape";

export const CLUSTER_API = SIM_CLUSTER_API;

const UNSUPPORTED =
  "this cluster offers only the official VMM API, which cannot manage the cluster itself: change it in " +
  "Virtual Machine Manager > Cluster, then run pulumi refresh";

export interface ClusterNetwork {
  /** CIDR, e.g. 10.10.0.0/24 (R7). */
  readonly subnet: string;
  /**
   * First and last address hosts take their cluster IP from (R8). The inputs' words and shape
   * (`clusterNetwork.reservedRange`); only networkToDsm/clusterFromDsm know DSM's reserved_from/to.
   */
  readonly reservedRange: { readonly from: string; readonly to: string };
}

export interface Cluster {
  readonly id: string;
  readonly name: string;
  /** healthy, degraded, no_quorum */
  readonly status: string;
  readonly network?: ClusterNetwork;
  readonly domain?: string;
  readonly hostCount: number;
  readonly onlineHostCount: number;
  /** More than half the joined hosts are online (R2). */
  readonly quorum: boolean;
}

export interface ClusterCreateInput {
  readonly name: string;
  readonly network: ClusterNetwork;
  readonly domain?: string;
}

export interface ClusterPatch {
  readonly name?: string;
  readonly domain?: string;
  readonly network?: ClusterNetwork;
}

function networkToDsm(n: ClusterNetwork): Record<string, string> {
  return { subnet: n.subnet, reserved_from: n.reservedRange.from, reserved_to: n.reservedRange.to };
}

/** undefined when no cluster has been created yet. */
export function clusterFromDsm(data: unknown): Cluster | undefined {
  const o = asObject(data ?? {}, "cluster");
  const status = optStr(o, "cluster_status") ?? "unknown";
  const id = optStr(o, "cluster_id");
  if (status === "not_created" || !id) return undefined;
  const net = o.cluster_network ? asObject(o.cluster_network, "cluster_network") : undefined;
  const subnet = net ? optStr(net, "subnet") : undefined;
  return {
    id,
    name: optStr(o, "cluster_name") ?? "",
    status,
    ...(net && subnet
      ? {
          network: {
            subnet,
            reservedRange: { from: optStr(net, "reserved_from") ?? "", to: optStr(net, "reserved_to") ?? "" },
          },
        }
      : {}),
    ...(optStr(o, "domain") ? { domain: optStr(o, "domain") } : {}),
    hostCount: optNum(o, "host_count") ?? 0,
    onlineHostCount: optNum(o, "online_host_count") ?? 0,
    quorum: optBool(o, "quorum") ?? false,
  };
}

export class ClusterApi {
  constructor(private readonly caller: Caller) {}

  /** The cluster, or undefined when none has been created. */
  get(): Promise<Cluster | undefined> {
    return this.caller.call({
      api: CLUSTER_API,
      method: "get",
      safety: "read",
      parse: clusterFromDsm,
      unsupportedHint: UNSUPPORTED,
    });
  }

  /** Creates the cluster; a lost answer is re-checked (a cluster of that name exists) before re-sending. */
  async create(input: ClusterCreateInput): Promise<Cluster> {
    const recheck = async (): Promise<Recheck<Cluster>> => {
      const c = await this.get();
      return c && c.name === input.name ? { applied: true, value: c } : { applied: false };
    };
    await this.caller.call({
      api: CLUSTER_API,
      method: "create",
      params: {
        cluster_name: input.name,
        cluster_network: networkToDsm(input.network),
        ...(input.domain !== undefined ? { domain: input.domain } : {}),
      },
      safety: "write",
      subject: `a cluster named "${input.name}"`,
      parse: () => undefined,
      recheck: async () => {
        const r = await recheck();
        return r.applied ? { applied: true, value: undefined } : r;
      },
      appliedCodes: [402],
      unsupportedHint: UNSUPPORTED,
    });
    const created = await this.get();
    if (!created) throw new Error(`cluster "${input.name}" was created but cannot be read back`);
    return created;
  }

  async set(patch: ClusterPatch): Promise<void> {
    await this.caller.call({
      api: CLUSTER_API,
      method: "set",
      params: {
        ...(patch.name !== undefined ? { cluster_name: patch.name } : {}),
        ...(patch.domain !== undefined ? { domain: patch.domain } : {}),
        ...(patch.network !== undefined ? { cluster_network: networkToDsm(patch.network) } : {}),
      },
      safety: "idempotent",
      subject: "the cluster",
      parse: () => undefined,
      unsupportedHint: UNSUPPORTED,
    });
  }

  async delete(): Promise<void> {
    await this.caller.call({
      api: CLUSTER_API,
      method: "delete",
      safety: "write",
      subject: "the cluster",
      parse: () => undefined,
      recheck: async () => ((await this.get()) ? { applied: false } : { applied: true, value: undefined }),
      appliedCodes: [600],
      unsupportedHint: UNSUPPORTED,
    });
  }
}
