/**
 * What each pending create left on the NAS, judged from the stack's state and one read of each
 * cluster. A VM is proven the killed run's only by this stack's trace on it (its provisional name,
 * or its name with this stack's mark at the end of its description: ADR 020), never by its name
 * alone. An image is proven the killed run's only at the managed level, by the owner mark our
 * private create keeps (ADR 027); on the official API images carry no mark, so an image of the name
 * proves nothing either way. An HA pair has no name or mark of its own: it is the killed run's when
 * HA is on for a guest this stack holds (or recovers in the same run) and no HAPair of the stack
 * holds it; on the official API the create wrote nothing. Pure: reads in, verdicts out.
 */
import { createdBy } from "../../handlers/ownership";
import type { PendingCreate } from "./pending";

/** What one cluster answered, or why it could not be read. */
export type ClusterRead =
  | {
      readonly guests: readonly { id: string; name: string; description: string }[];
      /** `owner`: the mark our private create kept (managed level only, ADR 027). */
      readonly images: readonly { id: string; name: string; owner?: string }[];
      /** The cluster offers the marks (managed level): an image without this stack's mark is not its. */
      readonly imageMarks?: boolean;
      /** Guests with HA on (managed level only: the official API cannot read or enable HA). */
      readonly haPairs?: readonly { guestId: string }[];
    }
  | { readonly error: string };

export type Verdict =
  /** The killed run made this object and no resource of the stack holds it: record it. */
  | { readonly kind: "made"; readonly id: string; readonly what: string }
  /** The object is in the stack already (a later `up` made or took it over): the note is stale. */
  | { readonly kind: "recorded"; readonly id?: string; readonly what: string }
  /** Nothing on the NAS comes from this create. */
  | { readonly kind: "nothing"; readonly what: string }
  /** Cannot be told from what the NAS keeps: left to the user, and never cleared by --apply. */
  | { readonly kind: "unproven"; readonly what: string; readonly fix: string };

export interface Finding {
  readonly op: PendingCreate;
  readonly verdict: Verdict;
}

export interface Known {
  /** Per cluster name, what its read answered; a cluster not read (another --cluster) is absent. */
  readonly clusters: ReadonlyMap<string, ClusterRead>;
  /** Guest ids any VirtualMachine of the stack holds, to its URN. */
  readonly recordedGuests: ReadonlyMap<string, string>;
  /** Image ids any Image of the stack holds, to its URN. */
  readonly recordedImages: ReadonlyMap<string, string>;
  /** Guest ids any HAPair of the stack holds (an HA pair's id is its guest's), to its URN. */
  readonly recordedHaPairs?: ReadonlyMap<string, string>;
  /** Guest ids the VirtualMachine notes of this same recover prove MADE (`judgeAll`). */
  readonly madeGuests?: ReadonlySet<string>;
  /**
   * Image names the user says the killed run made (`--adopt-image`): on the official level no mark
   * can prove it, so this is the user's word, as `adopt: true` is in the spec (README).
   */
  readonly adoptImages?: ReadonlySet<string>;
}

/** The cluster a pending create was sent to: its `cluster` input (the provider's default name else). */
export function clusterOf(op: PendingCreate): string {
  return op.cluster ?? "cluster";
}

/**
 * Every note judged: the VirtualMachine and Image notes first, then the HAPair notes, which may name
 * a guest one of those proved the killed run's.
 */
export function judgeAll(ops: readonly PendingCreate[], known: Known): Finding[] {
  const verdicts = new Map<PendingCreate, Verdict>();
  for (const op of ops) if (op.kind !== "HAPair") verdicts.set(op, judge(op, known));
  const madeGuests = new Set(
    ops.flatMap((op) => {
      const v = verdicts.get(op);
      return op.kind === "VirtualMachine" && v?.kind === "made" ? [v.id] : [];
    }),
  );
  return ops.map((op) => ({ op, verdict: verdicts.get(op) ?? judge(op, { ...known, madeGuests }) }));
}

export function judge(op: PendingCreate, known: Known): Verdict {
  const cluster = clusterOf(op);
  if (op.kind === "other")
    return {
      kind: "unproven",
      what: `synovmm recover checks VirtualMachine, Image and HAPair creates only, not ${op.type}`,
      fix: "look in Virtual Machine Manager whether it exists; if it does and is still declared, `pulumi up` with adopt: true takes it over",
    };
  const name = op.kind === "HAPair" ? op.vm : op.name;
  if (name === undefined)
    return {
      kind: "unproven",
      what: `the pending create holds no ${op.kind === "HAPair" ? "vm" : "name"} input`,
      fix: "look in Virtual Machine Manager for what the killed run made",
    };
  const read = known.clusters.get(cluster);
  if (read === undefined)
    return {
      kind: "unproven",
      what: `cluster "${cluster}" was not read (--cluster names another)`,
      fix: `run synovmm recover --cluster ${cluster}`,
    };
  if ("error" in read)
    return {
      kind: "unproven",
      what: `cluster "${cluster}" could not be read: ${read.error}`,
      fix: "run synovmm doctor for the connection, then synovmm recover again",
    };
  if (op.kind === "VirtualMachine") return judgeVm(op, name, read, known);
  if (op.kind === "HAPair") return judgeHaPair(op, name, read, known);
  return judgeImage(op, name, read, known);
}

/**
 * An HA pair is known by its guest. The guest must be this stack's (recorded, or proven MADE by
 * this recover): HA on it that no HAPair of the stack holds was turned on by the killed run, since
 * this stack was turning exactly that on; had a person done it by hand in those seconds, the stack
 * would correct its roles anyway, as it corrects any hand edit of a pair it holds (ADR 005).
 */
function judgeHaPair(
  op: PendingCreate,
  vm: string,
  read: Exclude<ClusterRead, { error: string }>,
  known: Known,
): Verdict {
  if (op.recordedId !== undefined)
    return { kind: "recorded", id: op.recordedId, what: `in the stack already (guest id ${op.recordedId})` };
  if (read.haPairs === undefined)
    return {
      kind: "nothing",
      what: "the official VMM API cannot turn HA on, so the create only printed a notice and wrote nothing",
    };
  const ours = read.guests.filter(
    (g) => g.name === vm && (known.recordedGuests.has(g.id) || known.madeGuests?.has(g.id) === true),
  );
  if (ours.length === 0)
    return {
      kind: "nothing",
      what: `no guest of this stack is named "${vm}", so HA was not turned on for it`,
    };
  if (ours.length > 1)
    return {
      kind: "unproven",
      what: `more than one guest of this stack is named "${vm}": ${ours.map((g) => g.id).join(", ")}`,
      fix: "run pulumi refresh, then synovmm recover again",
    };
  const guest = ours[0];
  const holder = known.recordedHaPairs?.get(guest.id);
  if (holder !== undefined)
    return { kind: "recorded", id: guest.id, what: `HA for guest ${guest.id} is in the stack as ${holder}` };
  if (!read.haPairs.some((p) => p.guestId === guest.id))
    return { kind: "nothing", what: `HA is off for guest "${vm}" (id ${guest.id})` };
  return {
    kind: "made",
    id: guest.id,
    what: `the killed run turned HA on for guest "${vm}" (id ${guest.id}), and no HAPair of the stack holds it`,
  };
}

function judgeVm(
  op: PendingCreate,
  name: string,
  read: Exclude<ClusterRead, { error: string }>,
  known: Known,
): Verdict {
  const made = read.guests.filter((g) => createdBy(g, name, op.owner));
  const unrecorded = made.filter((g) => !known.recordedGuests.has(g.id));
  if (op.recordedId !== undefined && unrecorded.length === 0)
    return { kind: "recorded", id: op.recordedId, what: `in the stack already (guest id ${op.recordedId})` };
  if (unrecorded.length === 0) {
    if (made.length > 0) {
      const holder = known.recordedGuests.get(made[0].id);
      return {
        kind: "recorded",
        id: made[0].id,
        what: `its guest (id ${made[0].id}) is in the stack as ${holder}`,
      };
    }
    return { kind: "nothing", what: `no guest of this stack named "${name}" or under its provisional name` };
  }
  const ids = unrecorded.map((g) => `"${g.name}" (id ${g.id})`).join(", ");
  if (op.recordedId !== undefined || unrecorded.length > 1)
    return {
      kind: "unproven",
      what: `more than one guest carries this stack's mark for "${name}": ${ids}${op.recordedId === undefined ? "" : `, besides ${op.recordedId} in the stack`}`,
      fix: "keep one in Virtual Machine Manager and delete the others there, then run synovmm recover again",
    };
  const guest = unrecorded[0];
  return {
    kind: "made",
    id: guest.id,
    what: `the killed run made guest "${guest.name}" (id ${guest.id}), which is not in the stack`,
  };
}

function judgeImage(
  op: PendingCreate,
  name: string,
  read: Exclude<ClusterRead, { error: string }>,
  known: Known,
): Verdict {
  if (op.recordedId !== undefined)
    return { kind: "recorded", id: op.recordedId, what: `in the stack already (image id ${op.recordedId})` };
  const same = read.images.filter((i) => i.name === name);
  const inStack = same.find((i) => known.recordedImages.has(i.id));
  if (inStack !== undefined)
    return {
      kind: "recorded",
      id: inStack.id,
      what: `image "${name}" (id ${inStack.id}) is in the stack as ${known.recordedImages.get(inStack.id)}`,
    };
  if (same.length === 0) return { kind: "nothing", what: `no image named "${name}"` };
  if (read.imageMarks === true) return judgeMarkedImage(name, same, op.owner);
  const ids = same.map((i) => i.id).join(", ");
  if (known.adoptImages?.has(name) === true && same.length === 1)
    return {
      kind: "made",
      id: same[0].id,
      what: `image "${name}" (id ${same[0].id}) is not in the stack, and --adopt-image says the killed run made it (images carry no mark)`,
    };
  if (known.adoptImages?.has(name) === true)
    return {
      kind: "unproven",
      what: `--adopt-image names "${name}", but ${same.length} images have that name (id ${ids}): which one the killed run made is not provable`,
      fix: "delete the ones that are not yours in Virtual Machine Manager (Image), or rename them, then run synovmm recover again",
    };
  return {
    kind: "unproven",
    what: `an image named "${name}" exists (id ${ids}), but images carry no mark: it may be the killed run's or someone else's`,
    fix:
      `if it is the killed run's, run synovmm recover --apply --adopt-image ${name} (it records the image; the next pulumi up ` +
      `deletes it if the spec no longer declares it, else keeps it); or, if the spec still declares it, set adopt: true on ` +
      `that images entry for one pulumi up (README "When a run is interrupted"). If it is someone else's, the killed run made ` +
      `nothing: once it is the only note left, pulumi refresh --clear-pending-creates --yes drops it`,
  };
}

/** Managed level: the images of the name (none in the stack) judged by this stack's owner mark (ADR 027). */
function judgeMarkedImage(
  name: string,
  same: readonly { id: string; name: string; owner?: string }[],
  owner: string | undefined,
): Verdict {
  const ours = same.filter((i) => owner !== undefined && owner !== "" && i.owner === owner);
  if (ours.length === 0)
    return {
      kind: "nothing",
      what: `an image named "${name}" exists (id ${same.map((i) => i.id).join(", ")}) but carries no mark of this stack: another stack's or made by hand`,
    };
  if (ours.length > 1)
    return {
      kind: "unproven",
      what: `more than one image carries this stack's mark for "${name}": ${ours.map((i) => i.id).join(", ")}`,
      fix: "keep one in Virtual Machine Manager (Image) and delete the others there, then run synovmm recover again",
    };
  return {
    kind: "made",
    id: ours[0].id,
    what: `the killed run made image "${name}" (id ${ours[0].id}, this stack's mark), which is not in the stack`,
  };
}
