/**
 * Sizes in the spec are strings with a binary unit (MiB, GiB, TiB) because VMM sizes memory and
 * disks in binary units; `4GB` would be ambiguous, so it is rejected with a suggestion instead
 * of being silently read as 4 GiB.
 */

const FACTORS: Record<string, number> = { MiB: 1, GiB: 1024, TiB: 1024 * 1024 };
const SIZE = /^(\d+(?:\.\d+)?)\s*(MiB|GiB|TiB)$/;
const LOOSE = /^(\d+(?:\.\d+)?)\s*([KMGTkmgt])(?:i?[Bb])?$/;

/** Size in MiB, or undefined unless it is a positive whole number of MiB in binary units. */
export function tryParseSize(text: string): number | undefined {
  const match = SIZE.exec(text.trim());
  if (match === null) return undefined;
  const mib = Number(match[1]) * FACTORS[match[2]];
  return Number.isInteger(mib) && mib > 0 ? mib : undefined;
}

/** `parseSize("4GiB") === 4096`; throws a RangeError that says how to write the size. */
export function parseSize(text: string): number {
  const mib = tryParseSize(text);
  if (mib === undefined) {
    throw new RangeError(`"${text}" is not a size: ${sizeHint(text)}`);
  }
  return mib;
}

/** The size rewritten in the unit the writer most likely meant (`4GB` → `4GiB`), if any. */
export function suggestSize(text: string): string | undefined {
  const match = LOOSE.exec(text.trim());
  if (match === null) return undefined;
  const unit = match[2].toUpperCase();
  if (unit === "K") return undefined;
  const suggestion = `${match[1]}${unit}iB`;
  return tryParseSize(suggestion) === undefined ? undefined : suggestion;
}

/** The sentence explaining a bad size, with a suggestion when one is plausible. */
export function sizeHint(text: string): string {
  const suggestion = suggestSize(text);
  const base = "write a positive whole number of MiB using the binary units MiB, GiB or TiB (e.g. 4GiB)";
  return suggestion === undefined ? base : `${base}. Did you mean "${suggestion}"?`;
}

/** MiB back to the largest unit that keeps it whole: 4096 → "4GiB", 1536 → "1536MiB". */
export function formatSize(mib: number): string {
  if (mib % FACTORS.TiB === 0) return `${mib / FACTORS.TiB}TiB`;
  if (mib % FACTORS.GiB === 0) return `${mib / FACTORS.GiB}GiB`;
  return `${mib}MiB`;
}
