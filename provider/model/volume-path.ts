/**
 * A Synology volume's path, `/volumeN` (N ≥ 1): where DSM mounts a storage volume and where VMM
 * keeps its guests (R9: a Btrfs volume per host). A host's `volumes[].path` and the volume half of
 * a `<host>:<volume>` storage reference are such paths; anything else (`/`, `/volume0`, a shared
 * folder such as `/volume1/vms`) is no volume VMM can use, so it is refused offline.
 */

import { MAX_PATH_LENGTH } from "./limits";

/** `/volume1`, `/volume12`; no leading zero, so each volume has one spelling. */
const VOLUME_PATH = /^\/volume[1-9][0-9]*$/;

/** Why `path` is not a Synology volume path, or undefined when it is one. */
export function volumePathProblem(path: string): string | undefined {
  if (path.length > MAX_PATH_LENGTH)
    return `it is ${path.length} characters; Linux (DSM) allows ${MAX_PATH_LENGTH} (PATH_MAX)`;
  if (VOLUME_PATH.test(path)) return undefined;
  if (/^\/volume[1-9][0-9]*\//.test(path))
    return "it is a folder inside a volume; VMM storage is a whole volume";
  if (/^\/volume[0-9]*$/.test(path)) return "volumes are numbered from 1, without leading zeros";
  return "DSM mounts its storage volumes at /volumeN";
}

/** The sentence and fix for a value that is not a volume path, citing R9. */
export function explainVolumePath(path: string): { message: string; fix: string } {
  return {
    message: `"${path}" is not a Synology volume: ${volumePathProblem(path) ?? "it is malformed"}. VMM keeps guests on a host's volumes, at least one of them Btrfs (R9).`,
    fix: "Write the volume's path as DSM Storage Manager shows it, /volumeN with N ≥ 1, e.g. /volume1.",
  };
}
