/**
 * VirtualMachine: the guest (architecture decisions 3–5). Host changes of a running VM are live
 * migrations (R13); CPU/memory changes of a running VM power-cycle it only with allowRestart;
 * disks only grow; power is reconciled; where it runs now is an output, never fought over.
 */
import { validateResourceInputs } from "../model/schemas";
import type { VirtualMachineInputs, VirtualMachineOutputs } from "../model/inputs";
import { handlerLog, liveApiFor } from "../live/context";
import { pollUntil } from "../api/core/poll";
import { createdIdOf } from "../api/core/unfinished";
import { operationTimeoutMs } from "../live/connection";
import { partialCreate, unable } from "./errors";
import { inputFailures } from "./check-failures";
import { filledIn, same, withoutProviderFields, type Handler } from "./handler";
import type { Guest, LiveApi, LiveHostInfo } from "../live/live-api";
import { memberHosts, requireHost } from "../live/live-view";
import { createdBy, provisionalName, withoutOwnerMark } from "./ownership";
import { assertQuorum } from "./quorum";
import { replaceFields } from "./replace-table";
import { resolveStorage } from "../model/storage-ref";
import { knownInputs } from "../model/unknown";
import {
  inputsFromLive,
  isRunning,
  liveDisks,
  sameDisks,
  shapeOf,
  type VmShape,
} from "./virtual-machine/shape";
import {
  applySettings,
  fitBootDisk,
  imageTypeProblem,
  refuseUnclonableImage,
} from "./virtual-machine/create";

const KIND = "VirtualMachine";
const SHAPE_FIELDS: (keyof VmShape)[] = [
  "cluster",
  "name",
  "image",
  "cpu",
  "memoryMiB",
  "storage",
  "disksMiB",
  "nics",
  "host",
  "power",
  "autorun",
  "description",
];
/** Shape fields named as the user wrote them, for replaces and messages. */
const INPUT_NAME: Partial<Record<keyof VmShape, string>> = { memoryMiB: "memory", disksMiB: "disks" };

function changedShape(a: VmShape, b: VmShape): (keyof VmShape)[] {
  return SHAPE_FIELDS.filter((f) =>
    f === "disksMiB" ? !sameDisks(a.disksMiB, b.disksMiB) : !same(a[f], b[f]),
  );
}

/** State records the live disk sizes (a clone's boot disk has the image's size, ADR 021). */
function outputs(inputs: VirtualMachineInputs, guest: Guest): VirtualMachineOutputs {
  return {
    ...inputs,
    disks: liveDisks(inputs.disks, guest),
    guestId: guest.id,
    status: guest.status,
    runningHost: guest.hostName ?? null,
    macs: (guest.nics ?? []).map((n) => n.mac),
  };
}

/** The guest as the user declares it: the ownership mark is the provider's, not part of `description`. */
function unmarked(guest: Guest): Guest {
  return { ...guest, description: withoutOwnerMark(guest.description) };
}

async function readGuest(api: LiveApi, id: string, name: string, op: string): Promise<Guest> {
  const found = await api.guest(id);
  const guest = found === undefined ? undefined : unmarked(found);
  if (guest === undefined)
    throw unable(
      op,
      KIND,
      name,
      `guest id ${id} no longer exists. Fix: run 'pulumi refresh', then 'pulumi up' to create it again.`,
    );
  return guest;
}

/**
 * The guest once VMM has finished creating it: one left by an interrupted or timed-out create may
 * still be copying its image when the next `up` takes it over.
 */
async function settledGuest(api: LiveApi, id: string, name: string, op: string): Promise<Guest> {
  const timeoutMs = operationTimeoutMs();
  return pollUntil(
    async () => {
      const guest = await readGuest(api, id, name, op);
      return { done: guest.status !== "creating", value: guest };
    },
    { timeoutMs },
    () =>
      unable(
        op,
        KIND,
        name,
        `guest id ${id} was still being created after ${Math.round(timeoutMs / 1000)} s (it is recorded and keeps going on the cluster). Fix: run 'pulumi up' again once VMM shows it ready, or raise the deadline: pulumi config set synovmm:operationTimeout 30m.`,
      ),
  );
}

/**
 * At the official level no documented call grows or adds a disk (ADR 019): say so before anything
 * is sent, with the way that works, instead of approximating it.
 */
function refuseDiskChangesOnOfficial(olds: VmShape, news: VmShape): void {
  const changes = news.disksMiB.flatMap((size, i) => {
    const before = olds.disksMiB[i];
    if (before === undefined) return [`add disk ${i + 1} (${size ?? "?"} MiB)`];
    return size !== null && before !== null && size > before
      ? [`grow disk ${i + 1} from ${before} MiB to ${size} MiB`]
      : [];
  });
  if (changes.length === 0) return;
  throw unable(
    "update",
    KIND,
    news.name,
    `the spec would ${changes.join(" and ")}, but these hosts offer only Synology's official VMM API, which has no documented way to grow or add a virtual disk; nothing was sent. Fix: make the change in Virtual Machine Manager (Virtual Machine > Edit > Storage), then change disks in the spec to match and run 'pulumi refresh'.`,
  );
}

/** Refuses, before anything is sent, the changes VMM cannot make as the user allowed them. */
function refuseUnsafe(
  olds: VmShape,
  news: VmShape,
  guest: Guest | undefined,
  allowRestart: boolean,
  level: string,
): void {
  news.disksMiB.forEach((size, i) => {
    const before = olds.disksMiB[i];
    if (before !== undefined && before !== null && size !== null && size < before) {
      throw unable(
        "update",
        KIND,
        news.name,
        `disk ${i + 1} would shrink from ${before} MiB to ${size} MiB; VMM can only grow disks, and shrinking would destroy data. Fix: keep disks[${i}].size at ${before} MiB or more.`,
      );
    }
  });
  if (news.disksMiB.length < olds.disksMiB.length) {
    throw unable(
      "update",
      KIND,
      news.name,
      `disks would go from ${olds.disksMiB.length} to ${news.disksMiB.length}; removing a virtual disk destroys its data and is not done by an update. Fix: keep the disk in the spec, or detach it in VMM first.`,
    );
  }
  if (level === "official-only") refuseDiskChangesOnOfficial(olds, news);
  if (guest === undefined || !isRunning(guest)) return;
  const resized = (["cpu", "memoryMiB"] as const).filter((f) => olds[f] !== news[f]);
  if (resized.length > 0 && !allowRestart && news.power === "running") {
    const what = resized
      .map((f) =>
        f === "cpu"
          ? `cpu ${olds.cpu} → ${news.cpu}`
          : `memory ${olds.memoryMiB} MiB → ${news.memoryMiB} MiB`,
      )
      .join(", ");
    throw unable(
      "update",
      KIND,
      news.name,
      `${what} needs a power cycle: VMM cannot change the CPU or memory of a running VM, and allowRestart is false. Fix: set allowRestart: true to let this update power it off and on again, or set power: stopped.`,
    );
  }
  // The official API does not say where a guest runs, so there any change of `host` is a move.
  if (level === "official-only" && news.host !== undefined && news.host !== olds.host && !allowRestart) {
    throw unable(
      "update",
      KIND,
      news.name,
      `moving the running VM from ${olds.host ?? "its host"} to ${news.host} needs live migration, which only the VMM cluster API offers; these hosts expose Synology's official API only. Fix: migrate it in VMM → Virtual Machine → Action → Migrate, or set allowRestart: true to move it by powering it off and on there.`,
    );
  }
}

/**
 * A guest whose host is down (VMM status "inaccessible") has no power to read or set, and VMM
 * restarts what was running when the host returns: recording a declared power now would be a lie
 * (found by the soak, seed 1172). Nothing is recorded; the next `up` after the host is back does it.
 */
function refuseInaccessible(guest: Guest, op: "create" | "update", name: string, power: string): void {
  if (guest.status !== "inaccessible") return;
  throw unable(
    op,
    KIND,
    name,
    `the VM is inaccessible (VMM status "inaccessible": its host is down), so its power cannot be set to ${power}. Fix: bring the host back online (or let HA fail the VM over), then run 'pulumi up' again.`,
  );
}

async function hostId(
  api: LiveApi,
  members: LiveHostInfo[] | undefined,
  name: string | undefined,
): Promise<string | undefined> {
  if (name === undefined) return undefined;
  return requireHost(members ?? (await memberHosts(api)), name, "Placement").id;
}

/** Best effort after a failed change; a failure to power on is added to the message, not hidden. */
async function powerBackOn(
  api: LiveApi,
  id: string,
  host: string | undefined,
  name: string,
  cause: unknown,
): Promise<void> {
  try {
    await api.powerOn(id, host);
  } catch (again) {
    if (cause instanceof Error)
      cause.message += ` The VM "${name}" was powered off for this change and could not be powered on again (${again instanceof Error ? again.message : String(again)}): run 'pulumi up' again.`;
  }
}

export const virtualMachineHandler: Handler<VirtualMachineInputs, VirtualMachineOutputs> = {
  async check(_olds, news) {
    const known = knownInputs(news);
    const failures = inputFailures(
      validateResourceInputs("VirtualMachine", withoutProviderFields(news)),
      "name",
    );
    if (failures.length > 0 || known.cluster === undefined || known.nics === undefined)
      return { inputs: news, failures };
    // VM networks are not managed yet: each one the VM names must already exist (issue scope).
    // A cluster this run has yet to create has no networks to look at; create then checks again.
    const api = liveApiFor(known.cluster);
    if ((await api.level()) === "managed" && (await api.cluster()).status === "not_created")
      return { inputs: news, failures };
    const [networks, images] = await Promise.all([api.networks(), api.images()]);
    // R12: an image that exists but cannot be cloned fails the preview, not the create.
    const image = known.image === undefined ? undefined : images.find((i) => i.name === known.image);
    const problem =
      image === undefined ? undefined : imageTypeProblem(known.name ?? "", image.name, image.type);
    if (problem !== undefined) failures.push({ property: "image", reason: problem });
    known.nics.forEach((nic, i) => {
      if (!networks.some((n) => n.name === nic.network)) {
        failures.push({
          property: `nics[${i}].network`,
          reason: `network "${nic.network}" does not exist in the cluster (networks: ${networks.map((n) => n.name).join(", ") || "none"}). Fix: create it in VMM → Network, or name an existing one.`,
        });
      }
    });
    // A new VM whose name is taken fails the preview, not halfway through `up`.
    if (_olds.name === undefined && !news.adopt && known.name !== undefined) {
      const taken = (await api.guests()).find((g) => g.name === known.name);
      if (taken !== undefined && !createdBy(taken, known.name, news.owner)) {
        failures.push({
          property: "name",
          reason: `a VM named "${known.name}" already exists (id ${taken.id}) and this stack does not manage it. Fix: set adopt: true to take it over without recreating it, or choose another name.`,
        });
      }
    }
    return { inputs: news, failures };
  },

  async diff(id, olds, news) {
    const before = shapeOf(olds);
    const after = shapeOf(news);
    // The image an adopted VM was cloned from, filled in since: recorded, never a new VM (ADR 023).
    const filled = filledIn(olds, news, ["image"]);
    const changed = changedShape(before, after).filter((f) => !filled.includes(f));
    const steering = (["allowRestart", "adopt", "haManaged"] as const).some(
      (f) => (olds[f] ?? false) !== (news[f] ?? false),
    );
    if (changed.length === 0) return { changes: steering };
    const replaces = changed.map((f) => INPUT_NAME[f] ?? f).filter((f) => replaceFields(KIND).includes(f));
    if (replaces.length > 0)
      return { changes: true, replaces, deleteBeforeReplace: !changed.includes("name") };
    const api = liveApiFor(news.cluster);
    await assertQuorum(api, "update", KIND, news.name);
    refuseUnsafe(before, after, await api.guest(id), news.allowRestart, await api.level());
    return { changes: true };
  },

  async create(inputs) {
    const api = liveApiFor(inputs.cluster);
    const desired = shapeOf(inputs);
    const provisional = provisionalName(inputs.name, inputs.owner);
    const guests = await api.guests();
    const found = guests.find((g) => g.name === inputs.name) ?? guests.find((g) => g.name === provisional);
    if (found !== undefined) {
      // This stack's own guest, left by a run interrupted before Pulumi recorded it: no adopt needed.
      if (!inputs.adopt && !createdBy(found, inputs.name, inputs.owner)) {
        throw unable(
          "create",
          KIND,
          inputs.name,
          `a VM named "${inputs.name}" already exists (id ${found.id}) and this stack did not create it. Fix: set adopt: true to take it over without recreating it, or choose another name.`,
        );
      }
      // Its power cannot be known or set while its host is down: take it over once the host is back.
      refuseInaccessible(found, "create", inputs.name, desired.power);
      let existing =
        found.status === "creating"
          ? await settledGuest(api, found.id, inputs.name, "create")
          : unmarked(found);
      // Still under its provisional name: name it and mark it in one set, as the interrupted create would have.
      if (found.name !== inputs.name) {
        await applySettings(api, existing.id, inputs, desired, "create");
        existing = await readGuest(api, existing.id, inputs.name, "create");
      }
      // Take it over as it is, then bring it to the spec like any update would.
      const storages = await api.storages();
      const current = {
        ...inputsFromLive(inputs, existing, storages, await api.level()),
        image: inputs.image,
        storage: inputs.storage,
        nics: inputs.nics,
      };
      return {
        id: existing.id,
        outs: (await virtualMachineHandler.update(existing.id, outputs(current, existing), inputs)).outs,
      };
    }
    await assertQuorum(api, "create", KIND, inputs.name);
    const [storages, networks, members, level] = await Promise.all([
      api.storages(),
      api.networks(),
      memberHosts(api),
      api.level(),
    ]);
    if (desired.image !== undefined) await refuseUnclonableImage(api, desired.image, inputs.name);
    const placement = await hostId(api, members, desired.host).catch((e: Error) => {
      throw unable("create", KIND, inputs.name, e.message);
    });
    let storageId: string;
    try {
      storageId = resolveStorage(storages, desired.storage).id;
    } catch (e) {
      throw unable("create", KIND, inputs.name, (e as Error).message);
    }
    const nics = desired.nics.map((n) => {
      const net = networks.find((x) => x.name === n.network);
      if (net === undefined)
        throw unable(
          "create",
          KIND,
          inputs.name,
          `network "${n.network}" does not exist in the cluster. Fix: create it in VMM → Network first.`,
        );
      return n.mac === undefined ? { networkId: net.id } : { networkId: net.id, mac: n.mac };
    });
    // With an image the boot disk is its clone; every other disk is blank and needs its size (schema).
    const blankDisksMiB = (desired.image === undefined ? desired.disksMiB : desired.disksMiB.slice(1)).map(
      (size, i) => {
        if (size !== null) return size;
        throw unable(
          "create",
          KIND,
          inputs.name,
          `disks[${desired.image === undefined ? i : i + 1}] has no size; only the boot disk of a VM with an image may leave it out (it then has the image's size). Fix: give it a size, e.g. { size: 40GiB }.`,
        );
      },
    );
    const unfinished = (cause: unknown, id: string) =>
      partialCreate(
        id,
        { ...inputs, guestId: id, status: "unknown", runningHost: null, macs: [] },
        inputs as unknown as Record<string, unknown>,
        cause,
      );
    let id: string;
    try {
      // The documented create takes no CPU, memory, autorun or description (ADR 019): those follow
      // in one Guest set, which also gives the guest its name (ADR 020).
      id = await api.createGuest({
        name: provisional ?? desired.name,
        storageId,
        // The boot disk is the image's clone (R12), else the first blank disk.
        disks: [
          ...(desired.image === undefined ? [] : [{ imageName: desired.image }]),
          ...blankDisksMiB.map((sizeMiB) => ({ sizeMiB })),
        ],
        nics,
      });
    } catch (e) {
      // Accepted, then a poll error or the deadline: the guest exists, so record it (decision 5).
      const created = createdIdOf(e);
      throw created === undefined ? e : unfinished(e, created);
    }
    // From here on the guest exists: any failure is a partial create, never an orphan (decision 5).
    let guest: Guest | undefined;
    try {
      guest = await applySettings(api, id, inputs, desired, "create");
      await fitBootDisk(api, guest, desired, level, inputs.name);
      if (desired.power === "running") await api.powerOn(id, placement); // R11: first power-on places it
      guest = await readGuest(api, id, inputs.name, "create");
    } catch (e) {
      throw unfinished(e, id);
    }
    return { id, outs: outputs(inputs, guest) };
  },

  async read(id, props) {
    const api = liveApiFor(props.cluster);
    const found = await api.guest(id);
    if (found === undefined) return {};
    const guest = unmarked(found);
    const { guestId: _g, status: _s, runningHost: _r, macs: _m, ...declared } = props;
    const inputs = inputsFromLive(declared, guest, await api.storages(), await api.level());
    if (props.haManaged && props.runningHost !== null && (guest.hostName ?? null) !== props.runningHost) {
      handlerLog().notice(
        `[VirtualMachine ${props.name}] now runs on ${guest.hostName} (was ${props.runningHost}): an HA switchover or failover moved it; it is left there.`,
      );
    }
    return { id, props: outputs(inputs, guest), inputs };
  },

  async update(id, olds, news) {
    const api = liveApiFor(news.cluster);
    const level = await api.level();
    await assertQuorum(api, "update", KIND, news.name);
    let guest = await settledGuest(api, id, news.name, "update");
    const before = shapeOf(olds);
    const after = shapeOf(news);
    refuseUnsafe(before, after, guest, news.allowRestart, level);
    const members = await memberHosts(api);
    const targetHost = await hostId(api, members, after.host);

    const renamed = before.name !== after.name || guest.name !== after.name;
    const simple = {
      name: renamed ? after.name : undefined,
      description: after.description !== guest.description ? after.description : undefined,
      autorun: after.autorun !== guest.autorun ? after.autorun : undefined,
    };
    // The declared description as is: the ownership mark only matters until the VM is recorded.
    if (Object.values(simple).some((v) => v !== undefined)) await api.setGuest(id, simple);

    const resize = guest.vcpus !== after.cpu || guest.memoryMiB !== after.memoryMiB;
    // Official API only: no live migration, so a host change is a cold move. Where placement is known
    // (the internal guest list) it decides; else any change of `host` counts as a move.
    const moveCold =
      level === "official-only" &&
      targetHost !== undefined &&
      (guest.hostId !== undefined ? guest.hostId !== targetHost : after.host !== before.host);
    let powerOnAfter = false;
    if ((resize || moveCold) && isRunning(guest)) {
      await api.powerOff(id); // allowed: refuseUnsafe passed, so allowRestart is true here
      powerOnAfter = true;
    }
    try {
      if (resize) await api.setGuest(id, { vcpus: after.cpu, memoryMiB: after.memoryMiB });
      const grow = (guest.disks ?? []).flatMap((d, i) => {
        const size = after.disksMiB[i];
        return size !== null && size !== undefined && size > d.sizeMiB
          ? [{ diskId: d.id, sizeMiB: size }]
          : [];
      });
      const addMiB = after.disksMiB.slice((guest.disks ?? []).length).map((size) => size ?? 0);
      if (grow.length > 0 || addMiB.length > 0) await api.growDisks(id, { grow, addMiB });
    } catch (e) {
      // We powered it off for this change: a failed change must not leave it off until the next run.
      if (powerOnAfter) await powerBackOn(api, id, targetHost, news.name, e);
      throw e;
    }

    // R13: a placed guest moves to the preferred host; a running one by live migration.
    if (
      targetHost !== undefined &&
      guest.hostId !== undefined &&
      guest.hostId !== targetHost &&
      level === "managed"
    ) {
      await api.moveGuest(id, targetHost);
    }
    guest = await readGuest(api, id, news.name, "update");
    const wantRunning = after.power === "running";
    if (olds.power !== after.power) refuseInaccessible(guest, "update", news.name, after.power);
    if (wantRunning && (powerOnAfter || !isRunning(guest))) await api.powerOn(id, targetHost);
    if (!wantRunning && isRunning(guest)) await api.powerOff(id);
    guest = await readGuest(api, id, news.name, "update");
    return { outs: outputs(news, guest) };
  },

  async delete(id, props) {
    const api = liveApiFor(props.cluster);
    const guest = await api.guest(id);
    if (guest === undefined) return;
    await assertQuorum(api, "delete", KIND, props.name);
    if (isRunning(guest)) await api.powerOff(id);
    await api.deleteGuest(id);
  },
};
