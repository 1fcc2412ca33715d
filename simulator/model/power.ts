/**
 * Power and placement (R11): the first power-on picks or takes the host; capacity checks give
 * 902 (threads), 903 (RAM), 908 (reserved threads), 909 (network), 910/911 (remote boot).
 */
import { fail } from "./errors";
import { networkOnHost } from "./network";
import type { BoxState, GuestState } from "./state";
import type { World } from "./world";

/** One thread always stays with DSM, so reservations can take at most threads − 1 (our design). */
const DSM_THREADS = 1;

/** Throws the DSM code of the first check the host fails for running this guest there. */
export function checkFits(world: World, g: GuestState, host: BoxState, param = "host_id"): void {
  const name = host.hostName ?? host.name;
  if (!host.joined) fail(401, param, `box '${host.name}' has not joined the cluster`);
  if (host.status !== "online")
    fail(601, param, `host '${name}' is ${host.status}; pick an online host or bring it back`);
  for (const nic of g.vnics) {
    const net = world.findNetwork(nic.networkId);
    if (net !== undefined && !networkOnHost(net, host.id)) {
      fail(
        909,
        param,
        `host '${name}' has no network '${net.name}' that guest '${g.name}' is connected to; pick a host with that network`,
      );
    }
  }
  const storage = world.findStorage(g.storageId);
  if (storage !== undefined && storage.hostId !== host.id) {
    if (g.vdisks.some((d) => d.controller !== 1)) {
      fail(
        910,
        param,
        `guest '${g.name}' would boot remotely from '${world.storageName(storage)}', which needs VirtIO vdisk controllers; run it on the storage's host or switch its controllers`,
      );
    }
    if (g.firmware === "uefi") {
      fail(
        911,
        param,
        `guest '${g.name}' uses UEFI and cannot boot remotely from '${world.storageName(storage)}'; run it on the storage's host`,
      );
    }
  }
  const used = world.usage(host.id);
  const own = g.hostId === host.id && world.consuming(g);
  const threads = used.threads - (own ? g.vcpuNum : 0);
  const ram = used.ramMb - (own ? g.vramSizeMb : 0);
  const reserved = used.reserved - (own ? g.reservedThreads : 0);
  if (threads + g.vcpuNum > host.cpuThreads) {
    fail(
      902,
      param,
      `host '${name}' has ${host.cpuThreads - threads} free CPU threads, guest '${g.name}' needs ${g.vcpuNum}; pick another host or lower vcpu_num`,
    );
  }
  if (ram + g.vramSizeMb > host.ramMb) {
    fail(
      903,
      param,
      `host '${name}' has ${host.ramMb - ram} MB free memory, guest '${g.name}' needs ${g.vramSizeMb} MB; pick another host or lower vram_size`,
    );
  }
  if (reserved + g.reservedThreads > host.cpuThreads - DSM_THREADS) {
    fail(
      908,
      param,
      `host '${name}' can reserve ${host.cpuThreads - DSM_THREADS - reserved} more threads, guest '${g.name}' reserves ${g.reservedThreads}; lower cpu_reserved_threads`,
    );
  }
}

function autoSelect(world: World, g: GuestState): BoxState {
  const candidates = world
    .joinedHosts()
    .filter((b) => b.status === "online")
    .sort((a, b) => {
      const fa = a.ramMb - world.usage(a.id).ramMb;
      const fb = b.ramMb - world.usage(b.id).ramMb;
      return fb - fa || a.index - b.index;
    });
  const reasons: string[] = [];
  for (const c of candidates) {
    try {
      checkFits(world, g, c);
      return c;
    } catch (e) {
      reasons.push(`${c.hostName}: ${(e as Error).message}`);
    }
  }
  return fail(
    900,
    "guest_id",
    `no host can run guest '${g.name}' (${reasons.join("; ") || "no online host"}); free capacity or pick a host with host_id`,
  );
}

export function powerOn(world: World, g: GuestState, requested: BoxState | null): BoxState {
  if (g.status === "creating")
    fail(402, "guest_id", `guest '${g.name}' is still being created; wait for its create task`);
  if (world.consuming(g)) fail(904, "guest_id", `guest '${g.name}' is already running`);
  if (g.status === "inaccessible")
    fail(601, "guest_id", `guest '${g.name}' is on host that is down; bring the host back up`);
  const ha = world.state.ha.find((p) => p.guestId === g.id);
  let host: BoxState;
  if (ha !== undefined) {
    host = world.hostById(ha.activeHostId) as BoxState;
    if (requested !== null && requested !== host) {
      fail(
        401,
        "host_id",
        `guest '${g.name}' has HA with active host '${host.hostName}'; change it with SYNO.SynoVmmSim.HA set (R6)`,
        "R6",
      );
    }
  } else if (requested !== null) {
    host = requested;
  } else if (g.hostId !== null) {
    const current = world.hostById(g.hostId);
    if (current === undefined || !current.joined)
      fail(
        901,
        "guest_id",
        `guest '${g.name}' has no host: its host left the cluster; power it on with host_id`,
      );
    host = current;
  } else {
    host = autoSelect(world, g);
  }
  checkFits(world, g, host);
  if (g.hostId !== host.id) world.place(g, host.id, "poweron");
  world.power(g, "running", "poweron");
  world.touched();
  return host;
}

export function powerOff(world: World, g: GuestState, reason: "poweroff" | "shutdown"): void {
  if (!world.consuming(g)) fail(907, "guest_id", `guest '${g.name}' is not running (status ${g.status})`);
  world.power(g, "shutdown", reason);
  g.bootUntil = null;
  world.touched();
}
