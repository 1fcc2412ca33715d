/**
 * Cluster: cluster-wide settings (name, cluster network R7/R8, domain R10). With the cluster API
 * it creates, updates and deletes them; with Synology's official API only it verifies that a
 * cluster answers and says what to do in the VMM UI for the rest (architecture decision 1).
 */
import { at, checkClusterNetwork, checkQuorum, clusterModel, type ClusterModel } from "../rules";
import type { ClusterInputs, ClusterOutputs } from "../model/inputs";
import { ruleViolation, unable } from "./errors";
import { failuresFromFindings } from "./check-failures";
import { changedFields, type Handler } from "./handler";
import { handlerLog, liveApiFor } from "../live/context";
import type { LiveApi, LiveClusterInfo } from "../live/live-api";
import { liveView, memberHosts } from "../live/live-view";
import { assertQuorum } from "./quorum";
import { knownInputs } from "../model/unknown";

const SETTINGS = ["cluster", "clusterNetwork", "domain"] as const;

/** The cluster-wide settings alone: R7 and R2 read nothing else of the desired cluster. */
function model(inputs: Partial<ClusterInputs>): ClusterModel {
  return clusterModel({
    name: inputs.cluster ?? "",
    clusterNetwork: inputs.clusterNetwork,
    domain: inputs.domain,
  });
}

function outputs(
  inputs: ClusterInputs,
  live: LiveClusterInfo | undefined,
  level: ClusterOutputs["capability"],
): ClusterOutputs {
  return {
    ...inputs,
    clusterId: live?.id ?? `official:${inputs.cluster}`,
    capability: level,
    status: live?.status ?? "unverified",
    hostCount: live?.hostCount ?? 0,
    onlineHostCount: live?.onlineHostCount ?? 0,
    quorum: live?.quorum ?? true,
  };
}

async function officialOutputs(api: LiveApi, inputs: ClusterInputs): Promise<ClusterOutputs> {
  const members = await memberHosts(api);
  const online = members.filter((h) => h.status === "online").length;
  return {
    ...outputs(inputs, undefined, "official-only"),
    status: "verified",
    hostCount: members.length,
    onlineHostCount: online,
    quorum: online * 2 > members.length,
  };
}

function settingsOf(live: LiveClusterInfo): Partial<ClusterInputs> {
  return {
    cluster: live.name ?? undefined,
    clusterNetwork: live.network ?? undefined,
    domain: live.domain ?? undefined,
  };
}

export const clusterHandler: Handler<ClusterInputs, ClusterOutputs> = {
  async check(_olds, news) {
    const known = knownInputs(news);
    const failures = failuresFromFindings(checkClusterNetwork(model(known)), () => "clusterNetwork");
    if (known.cluster !== undefined) {
      // R2 fails every preview of a cluster that lost quorum: nothing may change there.
      const api = liveApiFor(known.cluster);
      failures.push(...failuresFromFindings(checkQuorum(model(known), await liveView(api)), () => "cluster"));
    }
    return { inputs: news, failures };
  },

  async diff(_id, olds, news) {
    const changed = changedFields(olds, news, SETTINGS);
    if (changed.length === 0) return { changes: false };
    const api = liveApiFor(news.cluster);
    if ((await api.level()) === "managed") {
      await assertQuorum(api, "update", "Cluster", news.cluster);
      const live = await api.cluster();
      if (changed.includes("clusterNetwork") && live.hostCount > 1) {
        throw ruleViolation("update", "Cluster", news.cluster, [
          {
            rule: "R8",
            severity: "error",
            ...at.cluster(news.cluster, "clusterNetwork"),
            message: `The cluster network cannot change once more than one host has joined (${live.hostCount} have), because every host's static IP would change (R8).`,
            fix: "Keep spec.clusterNetwork as it is, or remove hosts until one is left.",
          },
        ]);
      }
    }
    return { changes: true };
  },

  async create(inputs) {
    const api = liveApiFor(inputs.cluster);
    if ((await api.level()) === "official-only") {
      const outs = await officialOutputs(api, inputs);
      if (outs.hostCount === 0) {
        throw unable(
          "verify",
          "Cluster",
          inputs.cluster,
          "no host is a member of a VMM cluster at the configured endpoints. Fix: create the cluster in VMM → Cluster, or point synovmm:endpoints at one of its hosts.",
        );
      }
      handlerLog().notice(
        `[Cluster ${inputs.cluster}] only Synology's official API is available: the cluster answers with ${outs.hostCount} host(s), ` +
          "but its network and domain cannot be read; check them in VMM → Cluster → Settings.",
      );
      return { id: outs.clusterId, outs };
    }
    await assertQuorum(api, "create", "Cluster", inputs.cluster);
    let live = await api.cluster();
    if (live.status !== "not_created") {
      if (live.name !== inputs.cluster) {
        throw unable(
          "create",
          "Cluster",
          inputs.cluster,
          `these hosts already form cluster "${live.name}". Fix: name the spec's cluster "${live.name}" (metadata.name) with adopt: true, or point synovmm:endpoints at other hosts.`,
        );
      }
      if (!inputs.adopt) {
        throw unable(
          "create",
          "Cluster",
          inputs.cluster,
          `a cluster named "${live.name}" already exists. Fix: set adopt: true to take it over (its settings are then updated to the spec), or rename the spec's cluster.`,
        );
      }
      const drift = changedFields(settingsOf(live), inputs, SETTINGS);
      if (drift.length > 0) await api.setCluster(settingsPatch(inputs, drift));
    } else {
      if (inputs.clusterNetwork === undefined) {
        throw unable(
          "create",
          "Cluster",
          inputs.cluster,
          "VMM creates a cluster on its cluster network, and none is declared. Fix: add spec.clusterNetwork (subnet and reservedRange, R7/R8).",
        );
      }
      await api.createCluster({
        name: inputs.cluster,
        network: inputs.clusterNetwork,
        domain: inputs.domain,
      });
    }
    live = await api.cluster();
    const outs = outputs(inputs, live, "managed");
    return { id: outs.clusterId, outs };
  },

  async read(id, props) {
    const api = liveApiFor(props.cluster);
    if ((await api.level()) === "official-only") {
      return { id, props: await officialOutputs(api, props), inputs: props };
    }
    const live = await api.cluster();
    if (live.status === "not_created" || live.id !== id) return {};
    const inputs = { ...props, ...settingsOf(live) } as ClusterInputs;
    return { id, props: outputs(inputs, live, "managed"), inputs: stripOutputs(inputs) };
  },

  async update(_id, olds, news) {
    const api = liveApiFor(news.cluster);
    if ((await api.level()) === "official-only") return { outs: await officialOutputs(api, news) };
    await assertQuorum(api, "update", "Cluster", news.cluster);
    const changed = changedFields(olds, news, SETTINGS);
    if (changed.length > 0) await api.setCluster(settingsPatch(news, changed));
    return { outs: outputs(news, await api.cluster(), "managed") };
  },

  async delete(_id, props) {
    const api = liveApiFor(props.cluster);
    if ((await api.level()) === "official-only") {
      handlerLog().notice(
        `[Cluster ${props.cluster}] left in place: Synology's official API cannot delete a cluster.`,
      );
      return;
    }
    const live = await api.cluster();
    if (live.status === "not_created") return;
    if (live.hostCount > 0) {
      const names = (await memberHosts(api)).map((h) => h.name).join(", ");
      throw unable(
        "delete",
        "Cluster",
        props.cluster,
        `hosts this stack does not manage are still members (${names}). Fix: remove them in VMM → Cluster → Host, or keep the cluster with 'pulumi state delete'.`,
      );
    }
    await api.deleteCluster();
  },
};

function settingsPatch(inputs: ClusterInputs, changed: string[]) {
  const net = inputs.clusterNetwork;
  return {
    name: changed.includes("cluster") ? inputs.cluster : undefined,
    domain: changed.includes("domain") ? (inputs.domain ?? "") : undefined,
    // A network left out of the spec is left as it is on the cluster (VMM cannot remove one).
    network: changed.includes("clusterNetwork") ? net : undefined,
  };
}

function stripOutputs(inputs: ClusterInputs): ClusterInputs {
  const { cluster, clusterNetwork, domain, adopt } = inputs;
  return { cluster, clusterNetwork, domain, adopt };
}
