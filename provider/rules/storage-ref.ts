/** `<host>:<volume>` references, as VMs and images name their storage (spec-format.md). */
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
