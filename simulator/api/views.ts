/** The JSON shapes the DSM API returns, built from the world (field names as in API.md). */
import { storageSizeMb, storageUsedMb } from "../model/storage";
import type { BoxState, GuestState, HaState, ImageState, StorageState } from "../model/state";
import type { World } from "../model/world";

const OFFICIAL_HOST_STATUS = {
  online: "running",
  unreachable: "inaccessible",
  malfunction: "control_unavail",
} as const;

export function storageView(world: World, s: StorageState): Record<string, unknown> {
  const host = world.hostById(s.hostId);
  const online = world.storageOnline(s);
  const view: Record<string, unknown> = {
    storage_id: s.id,
    storage_name: world.storageName(s),
    host_id: s.hostId,
    host_name: host?.hostName ?? "",
    volume_path: s.volumePath,
    status: online ? "online" : "unavailable",
  };
  if (online) {
    view.size = storageSizeMb(world, s);
    view.used = storageUsedMb(world, s);
  }
  return view;
}

export function officialHostView(world: World, b: BoxState): Record<string, unknown> {
  const used = world.usage(b.id);
  return {
    host_id: b.id,
    host_name: b.hostName,
    status: OFFICIAL_HOST_STATUS[b.status],
    total_cpu_core: b.cpuThreads,
    free_cpu_core: Math.max(0, b.cpuThreads - used.threads),
    total_ram_size: b.ramMb,
    free_ram_size: Math.max(0, b.ramMb - used.ramMb),
  };
}

export function internalHostView(world: World, b: BoxState, address: string): Record<string, unknown> {
  const used = world.usage(b.id);
  return {
    host_id: b.id,
    host_name: b.hostName ?? b.name,
    box_address: address,
    cluster_ip: b.clusterIp,
    status: b.status,
    joined: b.joined,
    sha: b.sha,
    cpu_threads: b.cpuThreads,
    ram_mb: b.ramMb,
    free_cpu_threads: Math.max(0, b.cpuThreads - used.threads),
    free_ram_mb: Math.max(0, b.ramMb - used.ramMb),
    vmm_version: b.vmmVersion,
    volumes: b.volumes.map((v) => {
      const st = world.state.storages.find((s) => s.hostId === b.id && s.volumePath === v.path);
      return {
        path: v.path,
        filesystem: v.filesystem,
        size_mb: v.sizeMb,
        free_mb: v.sizeMb - (st === undefined ? 0 : storageUsedMb(world, st)),
        in_cluster: b.clusterVolumes.includes(v.path),
      };
    }),
  };
}

export function guestView(world: World, g: GuestState, additional: boolean): Record<string, unknown> {
  const storage = world.findStorage(g.storageId);
  const view: Record<string, unknown> = {
    guest_id: g.id,
    guest_name: g.name,
    description: g.description,
    status: g.status,
    storage_id: g.storageId,
    storage_name: storage === undefined ? "" : world.storageName(storage),
    autorun: g.autorun,
    vcpu_num: g.vcpuNum,
    vram_size: g.vramSizeMb,
  };
  if (additional) {
    view.vdisks = g.vdisks.map((d) => ({
      vdisk_id: d.id,
      vdisk_size: d.sizeMb,
      controller: d.controller,
      unmap: d.unmap,
    }));
    view.vnics = g.vnics.map((n) => ({
      vnic_id: n.id,
      mac: n.mac,
      model: n.model,
      network_id: n.networkId,
      network_name: world.findNetwork(n.networkId)?.name ?? "",
    }));
  }
  return view;
}

export function imageView(world: World, i: ImageState): Record<string, unknown> {
  return {
    image_id: i.id,
    image_name: i.name,
    type: i.type,
    storages: i.storageIds.flatMap((id) => {
      const s = world.findStorage(id);
      if (s === undefined) return [];
      const status = i.ready && world.storageOnline(s) ? "online" : "unavailable";
      return [{ storage_id: s.id, storage_name: world.storageName(s), status }];
    }),
  };
}

export function haView(world: World, p: HaState): Record<string, unknown> {
  return {
    guest_id: p.guestId,
    guest_name: world.findGuest(p.guestId)?.name ?? "",
    active_host_id: p.activeHostId,
    passive_host_id: p.passiveHostId,
    status: p.status,
    roles_by: p.rolesBy,
  };
}
