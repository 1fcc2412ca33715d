/**
 * Which stack created a VM, kept on the NAS itself so a create interrupted before Pulumi recorded
 * it (SIGKILL, a lost connection) can be recognised on the next `up` and taken over without
 * `adopt`. Two documented traces carry it (ADR 020): from `Guest create` until the first
 * `Guest set`, the guest's name itself (a provisional name only this stack makes, since the
 * documented create takes no description); from that `set` on, the end of its `description`,
 * which the same `set` writes while renaming it. Users never see either: read and update strip
 * the mark.
 *
 * Images have no such field (Guest.Image knows name, type and storages only). At the managed level
 * our own API carries the mark instead (SYNO.SynoVmmSim.Guest.Image, ADR 027): the image keeps the
 * owner string as it is, no helper here is needed, and handlers/image.ts takes its own image over.
 * On a real NAS an image created by a killed run still needs `adopt: true` once; images whose
 * create failed in-process are recorded at either level.
 */

import { createHash } from "node:crypto";

/** One space before the mark: DSM's acceptance of a newline in a description is not documented. */
const MARK = / ?\[synovmm stack ([^\]\n]+)\]$/;

/** `description` with the mark of `owner` appended (unchanged when there is no owner). */
export function withOwnerMark(description: string, owner: string | undefined): string {
  const plain = withoutOwnerMark(description);
  if (owner === undefined || owner === "") return plain;
  return `${plain}${plain === "" ? "" : " "}[synovmm stack ${owner}]`;
}

export function withoutOwnerMark(description: string): string {
  return description.replace(MARK, "");
}

/** The stack that marked this description, if any. */
export function ownerMarkOf(description: string): string | undefined {
  return MARK.exec(description)?.[1];
}

/** Did the stack `owner` create this object (so it may take it over without `adopt`)? */
export function markedBy(description: string, owner: string | undefined): boolean {
  return owner !== undefined && owner !== "" && ownerMarkOf(description) === owner;
}

/** Guest names are 1–63 characters of [A-Za-z0-9._-] (schemas/common.schema.json). */
const NAME_MAX = 63;
const PROVISIONAL_TAG = ".synovmm-";
const PROVISIONAL_HASH_LENGTH = 10;

/**
 * The name a VM is created under until `Guest set` gives it its own: the declared name (cut to
 * fit) and a hash of the owner and that name, so no other stack, and no person, makes the same
 * one. Undefined without an owner: the VM is then created under its own name (no crash mark).
 */
export function provisionalName(name: string, owner: string | undefined): string | undefined {
  if (owner === undefined || owner === "") return undefined;
  const hash = createHash("sha256")
    .update(`${owner}\n${name}`)
    .digest("hex")
    .slice(0, PROVISIONAL_HASH_LENGTH);
  const room = NAME_MAX - PROVISIONAL_TAG.length - PROVISIONAL_HASH_LENGTH;
  return `${name.slice(0, room)}${PROVISIONAL_TAG}${hash}`;
}

/** Did the stack `owner` create this guest, by either trace (its provisional name or its description)? */
export function createdBy(
  guest: { name: string; description: string },
  name: string,
  owner: string | undefined,
): boolean {
  const provisional = provisionalName(name, owner);
  return (
    (provisional !== undefined && guest.name === provisional) ||
    (guest.name === name && markedBy(guest.description, owner))
  );
}
