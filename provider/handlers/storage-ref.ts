/** `<host>:<volume>` references of the spec, resolved against the live storages. */
import { formatStorageRef, parseStorageRef } from "../rules";
import type { LiveStorage } from "../live/live-api";

const refOf = (s: LiveStorage): string => formatStorageRef({ host: s.hostName, volume: s.volumePath });

export function resolveStorage(storages: LiveStorage[], ref: string): LiveStorage {
  const wanted = parseStorageRef(ref);
  const found = wanted && storages.find((s) => s.hostName === wanted.host && s.volumePath === wanted.volume);
  if (found === undefined) {
    const known = storages.map(refOf).join(", ") || "none";
    throw new Error(
      `storage "${ref}" does not exist in the cluster (storages: ${known}). Fix: name a Btrfs volume of a member host (R9), or join that host first.`,
    );
  }
  return found;
}

export function storageRef(storages: LiveStorage[], storageId: string): string | undefined {
  const s = storages.find((x) => x.id === storageId);
  return s ? refOf(s) : undefined;
}
