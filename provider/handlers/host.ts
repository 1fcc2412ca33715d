/**
 * Host: membership of one NAS in the cluster (architecture decision 3: only this resource joins
 * and removes hosts). R1 counts hosts this stack does not manage; R8 pins static IPs once a second
 * host has joined; R9 needs a Btrfs volume; R14 verifies SHA, never builds it.
 */
import {
  checkBtrfsVolumes,
  checkHostAddresses,
  checkHostCount,
  checkSha,
  at,
  clusterModel,
  type ClusterModel,
  type LiveView,
} from "../rules";
import { sameBox } from "../api";
import { validateResourceInputs } from "../model/schemas";
import type { HostInputs, HostOutputs } from "../model/inputs";
import { handlerLog, liveApiFor } from "../live/context";
import { ruleViolation, unable } from "./errors";
import { failuresFromFindings, fieldOf, inputFailures, isAbout } from "./check-failures";
import { changedFields, withoutProviderFields, type Handler } from "./handler";
import type { LiveApi, LiveHostInfo } from "../live/live-api";
import { memberHosts, toLiveView } from "../live/live-view";
import { assertQuorum } from "./quorum";
import { replaceFields } from "./replace-table";
import { knownInputs } from "../model/unknown";

const FIELDS = ["cluster", "name", "address", "endpoint", "volumes", "sha"] as const;

/**
 * The desired cluster as far as one Host resource can see it: the hosts the spec names, the
 * others as the live members (`hosts`, already listed by the caller) describe them.
 */
async function modelFor(api: LiveApi, inputs: HostInputs, hosts: LiveHostInfo[]): Promise<ClusterModel> {
  const live = await api.cluster().catch(() => undefined);
  const specNames = inputs.specHosts ?? [inputs.name];
  const members = hosts.filter((h) => h.joined);
  const desiredHosts = specNames.map((name) => {
    if (name === inputs.name) return inputs;
    const m = members.find((h) => h.name === name);
    return { name, address: m?.clusterIp ?? "", volumes: m?.volumes ?? [], sha: m?.sha ?? false };
  });
  return clusterModel({
    name: inputs.cluster,
    clusterNetwork: live?.network ?? undefined,
    hosts: desiredHosts,
  });
}

function outputs(inputs: HostInputs, live: LiveHostInfo): HostOutputs {
  return {
    ...inputs,
    hostId: live.id,
    status: live.status,
    cpuThreads: live.cpuThreads,
    // The one place the public output keeps its older name (README, stack state): MiB of memory.
    ramMiB: live.memoryMiB,
  };
}

function endpointOf(inputs: HostInputs): string {
  return inputs.endpoint ?? `https://${inputs.address}:5001`;
}

/**
 * R14 needs what the NAS itself reports: members as they are, plus the box this Host would join
 * (found by its endpoint) under the name it will take.
 */
function shaView(hosts: LiveHostInfo[], inputs: HostInputs): LiveView {
  const view = toLiveView(hosts.filter((h) => h.joined));
  const box = hosts.find(
    (h) => !h.joined && h.boxAddress !== null && sameBox(h.boxAddress, endpointOf(inputs)),
  );
  if (box !== undefined)
    view.hosts.push({ name: inputs.name, online: box.status === "online", sha: box.sha });
  return view;
}

export const hostHandler: Handler<HostInputs, HostOutputs> = {
  async check(olds, news) {
    const known = knownInputs(news);
    const failures = inputFailures(validateResourceInputs("Host", withoutProviderFields(news)), "name");
    if (failures.length > 0 || known.name === undefined || known.cluster === undefined)
      return { inputs: news, failures };
    const api = liveApiFor(news.cluster);
    const hosts = await api.hosts();
    const member = hosts.find((h) => h.joined && h.name === news.name);
    const level = await api.level();
    if (level === "official-only") {
      if (member === undefined) {
        failures.push({
          property: "name",
          reason: `host "${news.name}" is not a member of the cluster, and Synology's official API cannot join hosts. Fix: in VMM → Cluster → Host → Add, join the NAS at ${endpointOf(news)} as "${news.name}", then run again.`,
        });
      }
      return { inputs: news, failures };
    }
    const desired = await modelFor(api, news, hosts);
    const live = toLiveView(hosts.filter((h) => h.joined));
    const findings = [
      ...checkBtrfsVolumes(desired),
      ...checkSha(desired, shaView(hosts, news)),
      ...checkHostAddresses(desired),
    ].filter((f) => isAbout(f.target, "Host", news.name));
    // R1 only concerns a host that would be added, not one that is already a member.
    const joining = member === undefined && (olds.name === undefined || olds.name !== news.name);
    if (joining) findings.push(...checkHostCount(desired, live));
    failures.push(...failuresFromFindings(findings, fieldOf("Host", news.name, "name")));
    return { inputs: news, failures };
  },

  async diff(_id, olds, news) {
    const changed = changedFields(olds, news, FIELDS);
    if (changed.length === 0) return { changes: false };
    const replaces = changed.filter((f) => replaceFields("Host").includes(f));
    const api = liveApiFor(news.cluster);
    if ((await api.level()) === "managed") {
      const members = await memberHosts(api);
      await assertQuorum(api, "update", "Host", news.name);
      if (replaces.length === 0 && changed.includes("address") && members.length > 1) {
        throw ruleViolation("update", "Host", news.name, [
          {
            rule: "R8",
            severity: "error",
            ...at.host(0, news.name, "address"),
            message: `Host "${news.name}" cannot change its static IP from ${olds.address} to ${news.address}: ${members.length} hosts have joined, and VMM fixes static IP settings once more than one host has (R8).`,
            fix: `Keep address ${olds.address}.`,
          },
        ]);
      }
    }
    return { changes: true, replaces, deleteBeforeReplace: replaces.length > 0 };
  },

  async create(inputs) {
    const api = liveApiFor(inputs.cluster);
    const hosts = await api.hosts();
    const existing = hosts.find((h) => h.joined && h.name === inputs.name);
    if ((await api.level()) === "official-only") {
      if (existing === undefined) {
        throw unable(
          "verify",
          "Host",
          inputs.name,
          "it is not a member of the cluster and Synology's official API cannot join hosts. Fix: join it in VMM → Cluster → Host → Add, then run again.",
        );
      }
      return { id: existing.id, outs: outputs(inputs, existing) };
    }
    await assertQuorum(api, "join", "Host", inputs.name);
    if (existing !== undefined) {
      if (!inputs.adopt) {
        throw unable(
          "create",
          "Host",
          inputs.name,
          `a host named "${inputs.name}" is already a member of the cluster. Fix: set adopt: true to manage it, or choose another name.`,
        );
      }
      return { id: existing.id, outs: outputs(inputs, existing) };
    }
    const endpoint = endpointOf(inputs);
    const box = hosts.find((h) => h.boxAddress !== null && sameBox(h.boxAddress, endpoint));
    if (box?.joined) {
      throw unable(
        "create",
        "Host",
        inputs.name,
        `the NAS at ${endpoint} is already a member as "${box.name}". Fix: name it "${box.name}" with adopt: true, or give the endpoint of another NAS.`,
      );
    }
    const id = await api.joinHost({
      boxAddress: endpoint,
      name: inputs.name,
      clusterIp: inputs.address,
      volumes: inputs.volumes.map((v) => v.path),
    });
    const joined = (await api.hosts()).find((h) => h.id === id);
    if (joined === undefined)
      throw unable(
        "create",
        "Host",
        inputs.name,
        `the join answered host id ${id}, but no such host is listed afterwards.`,
      );
    return { id, outs: outputs(inputs, joined) };
  },

  async read(id, props) {
    const api = liveApiFor(props.cluster);
    const live = (await api.hosts()).find((h) => h.id === id && h.joined);
    if (live === undefined) return {};
    const { hostId: _h, status: _s, cpuThreads: _c, ramMiB: _r, ...declared } = props;
    const inputs: HostInputs = {
      ...declared,
      name: live.name,
      address: live.clusterIp ?? declared.address,
      sha: live.sha,
    };
    return { id, props: outputs(inputs, live), inputs };
  },

  async update(id, olds, news) {
    const api = liveApiFor(news.cluster);
    const live = (await api.hosts()).find((h) => h.id === id);
    if (live === undefined)
      throw unable(
        "update",
        "Host",
        news.name,
        `host id ${id} is no longer a member. Fix: run 'pulumi refresh', then 'pulumi up' to join it again.`,
      );
    if ((await api.level()) === "official-only") {
      if (live.name !== news.name)
        throw unable(
          "update",
          "Host",
          news.name,
          `Synology's official API cannot rename hosts. Fix: rename "${live.name}" in VMM → Cluster → Host.`,
        );
      return { outs: outputs(news, live) };
    }
    await assertQuorum(api, "update", "Host", news.name);
    const changed = changedFields(olds, news, ["name", "address"]);
    if (changed.length > 0) {
      await api.setHost(id, {
        name: changed.includes("name") ? news.name : undefined,
        clusterIp: changed.includes("address") ? news.address : undefined,
      });
    }
    if (news.sha !== undefined && news.sha !== live.sha) {
      throw unable(
        "update",
        "Host",
        news.name,
        `the spec says sha: ${news.sha}, but the host reports ${live.sha} (R14: SHA must be set up outside VMM, before VMM is installed). Fix: correct spec sha, or set up Synology High Availability first.`,
      );
    }
    const after = (await api.hosts()).find((h) => h.id === id) ?? live;
    return { outs: outputs(news, after) };
  },

  async delete(id, props) {
    const api = liveApiFor(props.cluster);
    if ((await api.level()) === "official-only") {
      handlerLog().notice(
        `[Host ${props.name}] left in the cluster: Synology's official API cannot remove hosts (VMM → Cluster → Host → Remove).`,
      );
      return;
    }
    const live = (await api.hosts()).find((h) => h.id === id && h.joined);
    if (live === undefined) return;
    await assertQuorum(api, "remove", "Host", props.name);
    await api.leaveHost(id);
  },
};
