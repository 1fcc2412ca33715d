/**
 * Which stack created a VM, kept on the NAS itself so a create interrupted before Pulumi recorded
 * it (SIGKILL, a lost connection) can be recognised on the next `up` and taken over without
 * `adopt` (issue 11). The mark lives at the end of the guest's `description`, a field of the
 * official Guest API; users never see it in their inputs: read and update strip it.
 *
 * Images have no such field (Guest.Image knows name, type and storages only), so an image created
 * by a killed run still needs `adopt: true`; images whose create failed in-process are recorded.
 */

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
