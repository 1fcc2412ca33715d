/** Storages: the volumes a host gave the cluster at join; where guests' vdisks live (R9: btrfs). */
import type { BoxState, StorageState } from "./state";
import type { World } from "./world";

export function addStorages(world: World, box: BoxState): void {
  let ordinal = 0;
  for (const path of box.clusterVolumes) {
    ordinal++;
    const s: StorageState = { id: world.rng.uuid(), hostId: box.id, volumePath: path, ordinal };
    world.state.storages.push(s);
  }
}

export function removeStorages(world: World, box: BoxState): void {
  world.state.storages = world.state.storages.filter((s) => s.hostId !== box.id);
}

/** MB used on a storage by the vdisks of its guests. */
export function storageUsedMb(world: World, s: StorageState): number {
  let used = 0;
  for (const g of world.state.guests) {
    if (g.storageId === s.id) for (const d of g.vdisks) used += d.sizeMb;
  }
  for (const img of world.state.images) if (img.storageIds.includes(s.id)) used += img.sizeMb;
  return used;
}

export function storageSizeMb(world: World, s: StorageState): number {
  const box = world.hostById(s.hostId);
  return box?.volumes.find((v) => v.path === s.volumePath)?.sizeMb ?? 0;
}
