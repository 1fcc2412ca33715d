/**
 * The pending creates of a stack, read from `pulumi stack export`: the note the engine keeps of each
 * create a killed `pulumi up` had in flight. Each one holds the resource's URN, its type and the
 * inputs the killed run sent (for a dynamic resource: our props, `name`, `owner`, `cluster`, plus
 * the serialized provider). Pure: JSON in, records out.
 */

/** What a pending create is about; our resources are typed `pulumi-nodejs:dynamic/synovmm:<Kind>`. */
export type PendingKind = "VirtualMachine" | "Image" | "HAPair" | "other";

export interface PendingCreate {
  readonly urn: string;
  /** The resource's type as the URN gives it, e.g. `pulumi-nodejs:dynamic/synovmm:VirtualMachine`. */
  readonly type: string;
  readonly kind: PendingKind;
  /** The name in VMM the killed run gave it (its `name` input), when it had one. */
  readonly name?: string;
  /** An HAPair's protected VM (its `vm` input): an HA pair has no name of its own. */
  readonly vm?: string;
  /** `<project>/<stack>`, the mark of the stack that sent the create (handlers/ownership.ts). */
  readonly owner?: string;
  readonly cluster?: string;
  /** Set when the same URN is also a resource of the stack (a later `up` made or took it over). */
  readonly recordedId?: string;
}

/** A resource of the stack's state, as `pulumi stack export` writes it. */
export interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly id?: string;
  readonly custom?: boolean;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  readonly parent?: string;
  readonly provider?: string;
  readonly dependencies?: string[];
  readonly propertyDependencies?: Record<string, string[]>;
  readonly [key: string]: unknown;
}

export interface PendingOperation {
  readonly type: string;
  readonly resource: StateResource;
}

export interface Deployment {
  readonly resources?: StateResource[];
  readonly pending_operations?: PendingOperation[];
  readonly [key: string]: unknown;
}

export interface StackExport {
  readonly version?: number;
  readonly deployment?: Deployment;
  readonly [key: string]: unknown;
}

/** `Image` from `pulumi-nodejs:dynamic/synovmm:Image` (older SDKs name it `…synovmm:Image` too). */
export function kindOf(type: string): PendingKind {
  if (type.endsWith("synovmm:VirtualMachine")) return "VirtualMachine";
  if (type.endsWith("synovmm:Image")) return "Image";
  if (type.endsWith("synovmm:HAPair")) return "HAPair";
  return "other";
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/** Every pending create of the export, in the order the engine keeps them. */
export function pendingCreates(exported: StackExport): PendingCreate[] {
  const deployment = exported.deployment ?? {};
  const recorded = new Map((deployment.resources ?? []).map((r) => [r.urn, r.id]));
  return (deployment.pending_operations ?? [])
    .filter((op) => op.type === "creating")
    .map((op) => {
      const inputs = op.resource.inputs ?? {};
      const name = text(inputs.name);
      const vm = text(inputs.vm);
      const owner = text(inputs.owner);
      const cluster = text(inputs.cluster);
      const recordedId = text(recorded.get(op.resource.urn));
      return {
        urn: op.resource.urn,
        type: op.resource.type,
        kind: kindOf(op.resource.type),
        ...(name === undefined ? {} : { name }),
        ...(vm === undefined ? {} : { vm }),
        ...(owner === undefined ? {} : { owner }),
        ...(cluster === undefined ? {} : { cluster }),
        ...(recordedId === undefined ? {} : { recordedId }),
      };
    });
}

/** Ids the stack's resources of `kind` hold: an object recorded under any URN is not an orphan. */
export function recordedIds(exported: StackExport, kind: PendingKind): Map<string, string> {
  return new Map(
    (exported.deployment?.resources ?? [])
      .filter((r) => kindOf(r.type) === kind && text(r.id) !== undefined)
      .map((r) => [r.id as string, r.urn]),
  );
}
