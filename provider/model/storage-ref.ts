/**
 * `<host>:<volume>` references, as VMs and images name their storage (spec-format.md). The one
 * place that splits or writes one: the schema's format, the rules, fromSpec's dependencies and
 * the handlers' lookup of live storages all use these two functions.
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
