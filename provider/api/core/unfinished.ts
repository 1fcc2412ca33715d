// A create whose object exists on the NAS although the call failed afterwards (a Task.Info poll
// error, the task deadline, an image created on the online storages only: 1400). The error keeps
// its own class and message; it only carries the object's id along, so the provider can record the
// object in state (a partial create) instead of leaving it behind as an orphan.

const CREATED_ID = Symbol.for("synovmm.createdId");

type Marked = { [CREATED_ID]?: string };

/** Notes on `err` that the object `id` exists although the create failed; returns `err`. */
export function markCreated<E extends Error>(err: E, id: string): E {
  (err as E & Marked)[CREATED_ID] = id;
  return err;
}

/** The id of the object a failed create left on the NAS, if it left one. */
export function createdIdOf(err: unknown): string | undefined {
  return err instanceof Error ? (err as Error & Marked)[CREATED_ID] : undefined;
}
