/**
 * The state edit that records what a killed run made (ADR 028): each proven pending create becomes
 * a resource of the stack with its VMM id, as the engine would have written it had the create
 * returned, and the notes it resolves are removed. Pulumi v3.248.0's own
 * `refresh --import-pending-creates` drops the note without recording the resource, so this goes
 * through `pulumi stack export` / `pulumi stack import`. Pure: export in, export out.
 */
import type { Deployment, StackExport, StateResource } from "./pending";

export interface Recorded {
  readonly urn: string;
  readonly id: string;
}

/** A provider reference as state writes it: `<provider urn>::<provider id>`. */
function providerRefs(resources: readonly StateResource[]): string[] {
  return resources
    .filter((r) => r.type.startsWith("pulumi:providers:"))
    .map((r) => `${r.urn}::${r.id ?? ""}`);
}

/**
 * The pending op's resource made whole: its id; outputs seeded from its inputs (they carry the
 * dynamic provider, which read and delete need; the refresh that follows reads the rest); and
 * references the state's integrity check would reject (a provider, parent or dependency a later
 * `up` removed) pointed at what the stack has now.
 */
function asResource(pending: StateResource, id: string, resources: readonly StateResource[]): StateResource {
  const urns = new Set(resources.map((r) => r.urn));
  const refs = providerRefs(resources);
  const { outputs: _outputs, ...rest } = pending;
  let provider = pending.provider;
  if (provider !== undefined && !refs.includes(provider)) {
    // The same kind of provider the killed run used (the part before its id), as the stack has it now.
    const urn = provider.slice(0, provider.lastIndexOf("::"));
    provider = refs.find((r) => r.startsWith(`${urn}::`)) ?? provider;
  }
  const root = resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
  const parent = pending.parent !== undefined && !urns.has(pending.parent) ? root : pending.parent;
  const known = (list: readonly string[] | undefined) => (list ?? []).filter((u) => urns.has(u));
  return {
    ...rest,
    id,
    outputs: { ...(pending.inputs ?? {}) },
    ...(provider === undefined ? {} : { provider }),
    ...(parent === undefined ? {} : { parent }),
    dependencies: known(pending.dependencies),
    ...(pending.propertyDependencies === undefined
      ? {}
      : {
          propertyDependencies: Object.fromEntries(
            Object.entries(pending.propertyDependencies).map(([k, v]) => [k, known(v)]),
          ),
        }),
  };
}

/**
 * The provider the killed run used must still be in the stack, in some version: its inputs carry
 * the stack's synovmm:* settings, which the refresh after the import and the next up's delete need.
 * A later `up` removes the default provider once the spec declares nothing it serves (an image
 * alone, dropped), and no note keeps its inputs: rebuilding it would mean the settings, secrets
 * included, in clear in the import file. So say so, with the ways that need no state edit.
 */
function refuseWithoutProvider(pending: StateResource, resources: readonly StateResource[]): void {
  const ref = pending.provider;
  if (ref === undefined) return;
  const urn = ref.slice(0, ref.lastIndexOf("::"));
  if (resources.some((r) => r.urn === urn)) return;
  const name = pending.urn.slice(pending.urn.lastIndexOf("::") + 2);
  throw new Error(
    `cannot record ${pending.urn}: the stack no longer has the provider its create used (${urn}), ` +
      "because the spec declares nothing it serves now, and no note keeps that provider's settings. " +
      `Fix: declare ${name} again for one pulumi up, which takes it over (an image on a real NAS with adopt: true), ` +
      `then drop it again and pulumi up deletes it; or delete it in Virtual Machine Manager, then run ` +
      "pulumi refresh --clear-pending-creates --yes",
  );
}

/**
 * `exported` with each of `record` moved from the pending creates into the resources (once per URN)
 * and every pending create of a URN in `resolved` removed. Other pending operations are kept.
 */
export function recordPendingCreates(
  exported: StackExport,
  record: readonly Recorded[],
  resolved: ReadonlySet<string>,
): StackExport {
  const deployment: Deployment = exported.deployment ?? {};
  const resources = [...(deployment.resources ?? [])];
  const ops = deployment.pending_operations ?? [];
  for (const { urn, id } of record) {
    const op = ops.find((o) => o.type === "creating" && o.resource.urn === urn);
    if (op === undefined) throw new Error(`no pending create of ${urn} in the exported state`);
    if (resources.some((r) => r.urn === urn)) throw new Error(`${urn} is a resource of the stack already`);
    refuseWithoutProvider(op.resource, resources);
    // Appended: every resource it may refer to comes before it, as the state's order requires.
    resources.push(asResource(op.resource, id, resources));
  }
  const done = new Set([...resolved, ...record.map((r) => r.urn)]);
  const pending = ops.filter((o) => !(o.type === "creating" && done.has(o.resource.urn)));
  return { ...exported, deployment: { ...deployment, resources, pending_operations: pending } };
}
