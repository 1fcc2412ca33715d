/** `<host>:<volume>` references of the spec, resolved against the live storages. */
import type { LiveStorage } from "./live-api";

export function resolveStorage(storages: LiveStorage[], ref: string): LiveStorage {
  const i = ref.indexOf(":");
  const host = ref.slice(0, i);
  const volume = ref.slice(i + 1);
  const found = storages.find((s) => s.hostName === host && s.volumePath === volume);
  if (found === undefined) {
    const known = storages.map((s) => `${s.hostName}:${s.volumePath}`).join(", ") || "none";
    throw new Error(
      `storage "${ref}" does not exist in the cluster (storages: ${known}). Fix: name a Btrfs volume of a member host (R9), or join that host first.`,
    );
  }
  return found;
}

export function storageRef(storages: LiveStorage[], storageId: string): string | undefined {
  const s = storages.find((x) => x.id === storageId);
  return s ? `${s.hostName}:${s.volumePath}` : undefined;
}
