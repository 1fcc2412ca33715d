/**
 * What `synovmm import` reads of a live cluster, read only and all at once: the reads leave
 * together after the login, so the client sends them as one or two `SYNO.Entry.Request` compounds
 * (ADR 018), whatever the number of hosts and VMs. At the official level only Synology's
 * documented reads are used (plus the internal guest list for placement where the NAS lists it,
 * as the provider does); the managed level adds the simulator's cluster, membership and HA reads.
 */
import type {
  CapabilityLevel,
  Cluster,
  ClusterHost,
  Guest,
  HaPair,
  Host,
  Image,
  Network,
  Storage,
  VmmClient,
} from "../../api";

export interface LiveCluster {
  readonly level: CapabilityLevel;
  /** Why this level (the client's own sentence). */
  readonly reason: string;
  /** Whether any read says where a VM runs (official level without the internal guest list: no). */
  readonly placementKnown: boolean;
  /** The cluster's own settings: the managed level only. */
  readonly cluster?: Cluster;
  /** Members as the official Host list gives them (official level). */
  readonly officialHosts: readonly Host[];
  /** Members with addresses, volumes and filesystems (managed level). */
  readonly members: readonly ClusterHost[];
  readonly storages: readonly Storage[];
  readonly networks: readonly Network[];
  readonly images: readonly Image[];
  /** Every guest with its disks and NICs. */
  readonly guests: readonly Guest[];
  /** HA pairs: the managed level only (no documented read tells them). */
  readonly haPairs?: readonly HaPair[];
}

export async function readCluster(client: VmmClient): Promise<LiveCluster> {
  const caps = await client.capabilities();
  const managed = caps.level === "managed";
  // One tick: every read below waits for the same login and leaves in the same batch window.
  const [guests, storages, networks, images, officialHosts, members, cluster, haPairs] = await Promise.all([
    client.guests.list({ details: true }),
    client.storages.list(),
    client.networks.list(),
    client.images.list(),
    managed ? Promise.resolve([]) : client.hosts.list(),
    managed ? client.clusterHosts.list() : Promise.resolve([]),
    managed ? client.cluster.get() : Promise.resolve(undefined),
    managed ? client.ha.list() : Promise.resolve(undefined),
  ]);
  return {
    level: caps.level,
    reason: caps.reason,
    placementKnown: caps.placement !== "unknown",
    ...(cluster === undefined ? {} : { cluster }),
    officialHosts,
    members: members.filter((h) => h.joined),
    storages,
    networks,
    images,
    guests,
    ...(haPairs === undefined ? {} : { haPairs }),
  };
}
