/**
 * `<host>:<volume>` references, as VMs and images name their storage (spec-format.md). The one
 * place that splits or writes one: the schema's format, the rules, fromSpec's dependencies and
 * the handlers' lookup of live storages all use these functions.
 */
export interface StorageRef {
  host: string;
  volume: string;
}

/** Splits at the first colon; undefined when either side is empty. */
export function parseStorageRef(text: string): StorageRef | undefined {
  const colon = text.indexOf(":");
  if (colon <= 0 || colon === text.length - 1) return undefined;
  return { host: text.slice(0, colon), volume: text.slice(colon + 1) };
}

export function formatStorageRef(ref: StorageRef): string {
  return `${ref.host}:${ref.volume}`;
}

/** A live storage as the client reads it, by the fields a reference names. */
export interface LocatedStorage {
  readonly id: string;
  readonly hostName: string;
  readonly volumePath: string;
}

const refOf = (s: LocatedStorage): string => formatStorageRef({ host: s.hostName, volume: s.volumePath });

/** The live storage a reference names, or an error that lists the storages there are. */
export function resolveStorage<S extends LocatedStorage>(storages: readonly S[], ref: string): S {
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

/** The reference of the live storage with that id, if there is one. */
export function storageRef(storages: readonly LocatedStorage[], storageId: string): string | undefined {
  const s = storages.find((x) => x.id === storageId);
  return s ? refOf(s) : undefined;
}
