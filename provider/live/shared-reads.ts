/**
 * Shared reads (ADR 017): one provider process serves every resource of a run, and the engine asks
 * about many resources at once, so each kind of thing (guests, hosts, …) is read once per short
 * window and the answer is shared. Concurrent callers share one request in flight. Our own writes
 * drop the kinds they change, so a reconciler never acts on what it just changed.
 */

export type ReadKind = "cluster" | "hosts" | "storages" | "networks" | "images" | "guests" | "haPairs";

/**
 * How long a read answers for its kind. The engine runs the checks, diffs and reads of one step
 * within a second or two of each other, so 2 s lets a whole step share one read per kind; it is
 * short enough that a change made by hand in VMM during a long `up` is seen within 2 s, and a
 * refresh always starts fresh (each run is a new provider process). Writes never wait on it:
 * they drop what they change.
 */
export const READ_FRESHNESS_MS = 2_000;

interface Entry {
  readonly value: Promise<unknown>;
  /** When the answer arrived (ms); undefined while it is in flight. */
  settledAt?: number;
}

export class SharedReads {
  private readonly entries = new Map<ReadKind, Entry>();

  constructor(
    private readonly freshnessMs = READ_FRESHNESS_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The kind's shared answer while fresh (or in flight), else a new read through `fetch`. */
  read<T>(kind: ReadKind, fetch: () => Promise<T>): Promise<T> {
    const held = this.entries.get(kind);
    if (
      held !== undefined &&
      (held.settledAt === undefined || this.now() - held.settledAt < this.freshnessMs)
    )
      return held.value as Promise<T>;
    const entry: { value: Promise<T>; settledAt?: number } = { value: fetch() };
    this.entries.set(kind, entry);
    entry.value.then(
      () => (entry.settledAt = this.now()),
      // A failed read is never shared past its own callers: the next one asks again.
      () => {
        if (this.entries.get(kind) === entry) this.entries.delete(kind);
      },
    );
    return entry.value;
  }

  /**
   * Forgets the kinds a write changed. A read in flight when the write ran may have been answered
   * before it, so it is forgotten too: its current callers get it, later ones read again.
   */
  drop(...kinds: ReadKind[]): void {
    for (const kind of kinds) this.entries.delete(kind);
  }

  /**
   * Our own write whose effect on `kind` is known exactly (a create answers with the object as read
   * after its task): the shared answer, if any, is amended with it instead of read again.
   */
  amend<T>(kind: ReadKind, change: (held: T) => T): void {
    const held = this.entries.get(kind);
    if (held === undefined) return;
    const amended = { value: (held.value as Promise<T>).then(change), settledAt: held.settledAt };
    this.entries.set(kind, amended);
    // A failed read stays failed for its own callers only, as in read().
    amended.value.catch(() => {
      if (this.entries.get(kind) === amended) this.entries.delete(kind);
    });
  }

  /** Runs a write, then drops what it changed (also when it failed: it may have half-applied). */
  async writing<T>(kinds: readonly ReadKind[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.drop(...kinds);
    }
  }
}
