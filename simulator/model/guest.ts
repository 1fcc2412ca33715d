/** Guests (VMs): create as a task (R12), edit, delete. Placement and power live in power.ts. */
import { fail } from "./errors";
import { requireCluster } from "./guards";
import type {
  GuestState,
  ImageState,
  NetworkState,
  StorageState,
  TaskState,
  VdiskState,
  VnicState,
} from "./state";
import { createTask } from "./tasks";
import type { World } from "./world";

export interface VdiskRequest {
  sizeMb: number;
  image: ImageState | null;
  controller: number;
  unmap: boolean;
}

export interface VnicRequest {
  network: NetworkState | null;
  mac: string | null;
  model: number;
}

export interface GuestRequest {
  name: string;
  storage: StorageState;
  vdisks: VdiskRequest[];
  vnics: VnicRequest[];
  vcpuNum: number;
  vramSizeMb: number;
  autorun: number;
  description: string;
  firmware: "bios" | "uefi";
  reservedThreads: number;
  autoClean: boolean;
}

export function checkSizes(vcpuNum: number, vramSizeMb: number, reservedThreads: number): void {
  if (!Number.isInteger(vcpuNum) || vcpuNum < 1 || vcpuNum > 64)
    fail(401, "vcpu_num", `vcpu_num ${vcpuNum} must be an integer from 1 to 64`);
  if (!Number.isInteger(vramSizeMb) || vramSizeMb < 128)
    fail(401, "vram_size", `vram_size ${vramSizeMb} must be at least 128 (MB)`);
  if (reservedThreads < 0 || reservedThreads > vcpuNum) {
    fail(
      401,
      "cpu_reserved_threads",
      `cpu_reserved_threads ${reservedThreads} must be between 0 and vcpu_num (${vcpuNum})`,
    );
  }
}

function checkName(world: World, name: string, self: GuestState | null, param: string): void {
  if (name.trim() === "" || name.length > 64)
    fail(401, param, `guest name '${name}' must be 1–64 characters`);
  const other = world.findGuest(name);
  if (other !== undefined && other !== self && other.name === name) {
    fail(
      403,
      param,
      `a guest named '${name}' exists already (${other.id}); pick another name or adopt that guest`,
    );
  }
}

function newMac(world: World): string {
  const b = world.rng.bytes(3);
  return `00:11:32:${[...b].map((x) => x.toString(16).padStart(2, "0")).join(":")}`;
}

function macsInUse(world: World): Set<string> {
  const macs = new Set<string>();
  for (const g of world.state.guests) for (const n of g.vnics) macs.add(n.mac.toLowerCase());
  return macs;
}

/** Checks and builds a guest (status `creating`); shared by the DSM create and direct creation. */
function buildGuest(world: World, req: Omit<GuestRequest, "autoClean">): GuestState {
  requireCluster(world);
  checkName(world, req.name, null, "guest_name");
  checkSizes(req.vcpuNum, req.vramSizeMb, req.reservedThreads);
  if (![0, 1, 2].includes(req.autorun))
    fail(401, "autorun", `autorun ${req.autorun} must be 0 (off), 1 (last state) or 2 (on)`);
  if (!world.storageOnline(req.storage)) {
    fail(
      700,
      "storage_id",
      `storage '${world.storageName(req.storage)}' is unavailable: its host is down; pick another storage`,
    );
  }
  if (req.vdisks.length === 0) fail(401, "vdisks", "a guest needs at least one vdisk");
  const host = world.hostById(req.storage.hostId);
  const luns = world.usage(req.storage.hostId).luns;
  if (host !== undefined && luns + req.vdisks.length > host.lunLimit) {
    fail(
      404,
      "vdisks",
      `host '${host.hostName}' holds ${luns} of its ${host.lunLimit} iSCSI LUNs; ${req.vdisks.length} more vdisk(s) do not fit — use another storage or delete guests`,
    );
  }
  const used = macsInUse(world);
  const vnics: VnicState[] = req.vnics.map((n) => {
    const mac = n.mac ?? newMac(world);
    if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(mac))
      fail(401, "vnics", `mac '${mac}' is not a MAC address like 00:11:32:aa:bb:cc`);
    if (used.has(mac.toLowerCase()))
      fail(
        905,
        "vnics",
        `MAC address ${mac} is already used by another vNIC; omit mac to get a generated one`,
      );
    used.add(mac.toLowerCase());
    return { id: world.rng.uuid(), mac, model: n.model, networkId: n.network?.id ?? "" };
  });
  const vdisks: VdiskState[] = req.vdisks.map((d) => {
    if (d.image !== null && d.image.type !== "disk") {
      fail(
        401,
        "vdisks",
        `image '${d.image.name}' is of type ${d.image.type}; only images of type disk can be cloned into a vdisk`,
      );
    }
    if (d.image !== null && !d.image.ready)
      fail(906, "vdisks", `image '${d.image.name}' is still being created; wait for its task`);
    return {
      id: world.rng.uuid(),
      sizeMb: d.sizeMb,
      controller: d.controller,
      unmap: d.unmap,
      imageId: d.image?.id ?? null,
    };
  });
  return {
    id: world.rng.uuid(),
    name: req.name,
    description: req.description,
    status: "creating",
    storageId: req.storage.id,
    autorun: req.autorun,
    vcpuNum: req.vcpuNum,
    vramSizeMb: req.vramSizeMb,
    reservedThreads: req.reservedThreads,
    firmware: req.firmware,
    vdisks,
    vnics,
    hostId: null,
    statusBeforeDown: null,
    bootUntil: null,
    powerHistory: [],
    hostHistory: [],
  };
}

export function createGuest(world: World, req: GuestRequest): TaskState {
  const guest = buildGuest(world, req);
  world.state.guests.push(guest);
  world.power(guest, "creating", "create");
  return createTask(world, "guest_create", guest.id, req.autoClean);
}

/** Direct creation: the guest exists at once, powered off, no host yet. */
export function addReadyGuest(world: World, req: Omit<GuestRequest, "autoClean">): GuestState {
  const guest = buildGuest(world, req);
  world.state.guests.push(guest);
  world.power(guest, "shutdown", "direct");
  world.touched();
  return guest;
}

export function finishGuest(world: World, task: TaskState, at: number): void {
  const guest = world.findGuest(task.objectId);
  if (guest !== undefined && guest.status === "creating") world.power(guest, "shutdown", "create", at);
}

export interface GuestChanges {
  name?: string;
  description?: string;
  autorun?: number;
  vcpuNum?: number;
  vramSizeMb?: number;
}

/** A guest still being created cannot be edited (402), whatever the edit. */
export function requireCreated(g: GuestState): void {
  if (g.status === "creating")
    fail(402, "guest_id", `guest '${g.name}' is still being created; wait for its create task`);
}

export function setGuest(world: World, g: GuestState, c: GuestChanges): void {
  requireCreated(g);
  const vcpu = c.vcpuNum ?? g.vcpuNum;
  const vram = c.vramSizeMb ?? g.vramSizeMb;
  if ((vcpu !== g.vcpuNum || vram !== g.vramSizeMb) && world.consuming(g)) {
    fail(
      904,
      "vcpu_num",
      `guest '${g.name}' is running; CPU and memory change only while it is powered off — shut it down first`,
    );
  }
  checkSizes(vcpu, vram, g.reservedThreads);
  if (c.name !== undefined) checkName(world, c.name, g, "new_guest_name");
  if (c.autorun !== undefined && ![0, 1, 2].includes(c.autorun))
    fail(401, "autorun", `autorun ${c.autorun} must be 0, 1 or 2`);
  if (c.name !== undefined) g.name = c.name;
  if (c.description !== undefined) g.description = c.description;
  if (c.autorun !== undefined) g.autorun = c.autorun;
  g.vcpuNum = vcpu;
  g.vramSizeMb = vram;
  world.touched();
  const ha = world.state.ha.find((p) => p.guestId === g.id);
  if (ha !== undefined) {
    // 1600: the edit stands, but the HA hosts must be able to reserve the new size.
    const short = [ha.activeHostId, ha.passiveHostId]
      .map((id) => world.hostById(id))
      .filter((b) => b !== undefined && (b.cpuThreads < vcpu || b.ramMb < vram));
    ha.reservationFailed = short.length > 0;
    if (ha.reservationFailed) {
      ha.status = "degraded";
      world.touched();
      fail(
        1600,
        "vcpu_num",
        `guest '${g.name}' was edited, but HA host(s) ${short.map((b) => b?.hostName).join(", ")} cannot reserve ${vcpu} threads / ${vram} MB; HA is degraded until the size fits`,
      );
    }
  }
}

export function deleteGuest(world: World, g: GuestState): void {
  if (g.status === "creating")
    fail(402, "guest_id", `guest '${g.name}' is still being created; wait for its create task`);
  if (world.consuming(g))
    fail(904, "guest_id", `guest '${g.name}' is running; power it off before deleting it`);
  if (world.state.ha.some((p) => p.guestId === g.id)) {
    fail(
      402,
      "guest_id",
      `guest '${g.name}' has HA enabled; disable HA first (VMM → High Availability; in the simulator SYNO.SynoVmmSim.HA disable or DELETE /sim/ha/<guest>)`,
    );
  }
  world.state.guests = world.state.guests.filter((x) => x !== g);
  world.touched();
}
