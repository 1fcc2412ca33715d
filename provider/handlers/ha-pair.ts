/**
 * HAPair: the active/passive choice for one VM (R4–R6). Swapping them is a switchover (update,
 * the VM keeps running). After an automatic switchover or failover, refresh reports where the VM
 * runs (`currentActive`) and keeps the declared preference, so the next `up` does not fight HA.
 */
import {
  checkFaultTolerance,
  checkHaHostCount,
  checkHaPair,
  clusterModel,
  type ClusterModel,
} from "../rules";
import { validateResourceInputs } from "../model/schemas";
import type { HAPairInputs, HAPairOutputs } from "../model/inputs";
import { handlerLog, liveApiFor } from "../live/context";
import { unable } from "./errors";
import { failuresFromFindings, inputFailures } from "./check-failures";
import { changedFields, withoutProviderFields, type Handler } from "./handler";
import type { LiveApi, HaPair, LiveHostInfo } from "../live/live-api";
import { memberHosts, requireHost, toLiveView } from "../live/live-view";
import { assertQuorum } from "./quorum";
import { replaceFields } from "./replace-table";
import { knownInputs } from "../model/unknown";

const KIND = "HAPair";
const FIELDS = ["cluster", "vm", "active", "passive"] as const;
/**
 * Whether VMM itself chose the live roles (a switchover or failover on a host down): then they are
 * HA's doing, not drift. `status` says so only until the left host returns; `rolesBy` for good.
 */
function movedByHa(pair: HaPair): boolean {
  return pair.rolesBy === "ha" || pair.status === "switched_over" || pair.status === "failed_over";
}

/**
 * The cluster as one HAPair sees it: the spec's hosts (by name; R4–R6 count and name them, nothing
 * more) and this one pair. The VM is not needed: R4–R6 judge the pair, not the guest.
 */
function modelFor(inputs: Partial<HAPairInputs>, members: LiveHostInfo[]): ClusterModel {
  const names = inputs.specHosts ?? members.map((m) => m.name);
  return clusterModel({
    name: inputs.cluster ?? "",
    hosts: names.map((name) => ({ name, address: "", volumes: [] })),
    haPairs: [{ vm: inputs.vm ?? "", active: inputs.active ?? "", passive: inputs.passive ?? "" }],
  });
}

function nameOf(members: LiveHostInfo[], id: string): string | null {
  return members.find((m) => m.id === id)?.name ?? null;
}

function outputs(inputs: HAPairInputs, pair: HaPair | undefined, members: LiveHostInfo[]): HAPairOutputs {
  return {
    ...inputs,
    guestId: pair?.guestId ?? `unverified:${inputs.vm}`,
    status: pair?.status ?? "unverified",
    currentActive: pair ? nameOf(members, pair.activeHostId) : null,
    verified: pair !== undefined,
  };
}

async function guestIdOf(api: LiveApi, vm: string, op: string): Promise<string> {
  const guest = (await api.guests()).find((g) => g.name === vm);
  if (guest === undefined)
    throw unable(
      op,
      KIND,
      vm,
      `VM "${vm}" does not exist. Fix: declare it (spec.virtualMachines) so it is created first.`,
    );
  return guest.id;
}

function officialOnlyNotice(inputs: HAPairInputs): void {
  handlerLog().notice(
    `[HAPair ${inputs.vm}] cannot be read or set through Synology's official API. Make sure that in VMM → High Availability, ` +
      `"${inputs.vm}" is protected with active host ${inputs.active} and passive host ${inputs.passive}.`,
  );
}

export const haPairHandler: Handler<HAPairInputs, HAPairOutputs> = {
  async check(_olds, news) {
    const known = knownInputs(news);
    const failures = inputFailures(validateResourceInputs("HAPair", withoutProviderFields(news)), "vm");
    if (failures.length > 0 || known.cluster === undefined) return { inputs: news, failures };
    const api = liveApiFor(known.cluster);
    const members = await memberHosts(api);
    const model = modelFor(known, members);
    const live = toLiveView(members);
    const findings = [
      ...checkFaultTolerance(model, live),
      ...checkHaHostCount(model, live),
      ...checkHaPair(model, live),
    ];
    // The pair is the VM's `highAvailability`: its `active`/`passive` are this resource's own.
    failures.push(
      ...failuresFromFindings(findings, (t) => t.field.filter((p) => typeof p === "string").pop() ?? "vm"),
    );
    return { inputs: news, failures };
  },

  async diff(_id, olds, news) {
    const changed = changedFields(olds, news, FIELDS);
    if (changed.length === 0) return { changes: (olds.adopt ?? false) !== (news.adopt ?? false) };
    const replaces = changed.filter((f) => replaceFields(KIND).includes(f));
    const api = liveApiFor(news.cluster);
    if ((await api.level()) === "managed") await assertQuorum(api, "update", KIND, news.vm);
    return { changes: true, replaces, deleteBeforeReplace: replaces.length > 0 };
  },

  async create(inputs) {
    const api = liveApiFor(inputs.cluster);
    const members = await memberHosts(api);
    if ((await api.level()) === "official-only") {
      officialOnlyNotice(inputs);
      const outs = outputs(inputs, undefined, members);
      return { id: outs.guestId, outs };
    }
    await assertQuorum(api, "enable HA for", KIND, inputs.vm);
    const guestId = await guestIdOf(api, inputs.vm, "create");
    const active = requireHost(members, inputs.active, "Active");
    const passive = requireHost(members, inputs.passive, "Passive");
    const existing = (await api.haPairs()).find((p) => p.guestId === guestId);
    if (existing !== undefined) {
      if (!inputs.adopt) {
        throw unable(
          "create",
          KIND,
          inputs.vm,
          `HA is already enabled for VM "${inputs.vm}". Fix: set adopt: true to manage it, or disable it in VMM → High Availability first.`,
        );
      }
      if (existing.activeHostId !== active.id || existing.passiveHostId !== passive.id)
        await api.setHa(guestId, active.id, passive.id);
    } else {
      await api.enableHa(guestId, active.id, passive.id);
    }
    const pair = (await api.haPairs()).find((p) => p.guestId === guestId);
    return { id: guestId, outs: outputs(inputs, pair, await memberHosts(api)) };
  },

  async read(id, props) {
    const api = liveApiFor(props.cluster);
    const members = await memberHosts(api);
    if ((await api.level()) === "official-only")
      return { id, props: outputs(props, undefined, members), inputs: props };
    const pair = (await api.haPairs()).find((p) => p.guestId === id);
    if (pair === undefined) return {};
    const { guestId: _g, status: _s, currentActive: _c, verified: _v, ...declared } = props;
    // A pair VMM moved on its own keeps the declared roles (decision 5); a hand edit is drift.
    const byHa = movedByHa(pair);
    const inputs = byHa
      ? declared
      : {
          ...declared,
          active: nameOf(members, pair.activeHostId) ?? declared.active,
          passive: nameOf(members, pair.passiveHostId) ?? declared.passive,
        };
    const activeNow = nameOf(members, pair.activeHostId);
    if (byHa && activeNow !== props.active) {
      handlerLog().notice(
        `[HAPair ${props.vm}] HA moved the VM to ${activeNow} (status ${pair.status}); the declared active host ${props.active} is kept and not forced back.`,
      );
    }
    return { id, props: outputs(inputs, pair, members), inputs };
  },

  async update(id, _olds, news) {
    const api = liveApiFor(news.cluster);
    const members = await memberHosts(api);
    if ((await api.level()) === "official-only") {
      officialOnlyNotice(news);
      return { outs: outputs(news, undefined, members) };
    }
    await assertQuorum(api, "update", KIND, news.vm);
    const active = requireHost(members, news.active, "Active");
    const passive = requireHost(members, news.passive, "Passive");
    const pair = (await api.haPairs()).find((p) => p.guestId === id);
    if (pair === undefined) await api.enableHa(id, active.id, passive.id);
    else if (pair.activeHostId !== active.id || pair.passiveHostId !== passive.id)
      await api.setHa(id, active.id, passive.id); // switchover (R13)
    const after = (await api.haPairs()).find((p) => p.guestId === id);
    return { outs: outputs(news, after, await memberHosts(api)) };
  },

  async delete(id, props) {
    const api = liveApiFor(props.cluster);
    if ((await api.level()) === "official-only") return;
    if ((await api.haPairs()).every((p) => p.guestId !== id)) return;
    await assertQuorum(api, "disable HA for", KIND, props.vm);
    await api.disableHa(id);
  },
};
