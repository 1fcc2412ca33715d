/**
 * The provider objects Pulumi serializes into state as `__provider` (architecture decision 7).
 *
 * Everything captured here ends up in every resource's state, twice. So the object holds only the
 * resource kind and a function that loads the handlers *by package name* when called: state stays
 * a few hundred bytes, does not change with every code edit, and refresh/destroy always run the
 * installed version of the package, wherever the stack was created.
 */
import type * as pulumi from "./pulumi-sdk";
import type { ResourceKind } from "./types";

/** The module the provider process loads; it must be resolvable from the Pulumi program's folder. */
export const HANDLERS_MODULE = "pulumi-synology-vmm/dist/provider/handlers/entry";

/**
 * One provider object per kind for the whole program. The SDK serializes a provider's closures once
 * per object (a WeakMap keyed by the object, @pulumi/pulumi dynamic/index.js `providerCache`): a
 * fresh object per resource made it serialize the same code 100 times in a 100-VM stack (ADR 017).
 */
const providers = new Map<ResourceKind, pulumi.dynamic.ResourceProvider>();

export function providerFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  let provider = providers.get(kind);
  if (!provider) {
    provider = makeProvider(kind);
    providers.set(kind, provider);
  }
  return provider;
}

/** Captures only `kind` and the two loaders below: nothing else reaches the serialized state. */
function makeProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  // The module name is a literal on purpose: a captured constant would be serialized through this
  // module's `exports`, which is not reliably available where the provider process evaluates it.
  const load = (): typeof import("../handlers/entry") =>
    require("pulumi-synology-vmm/dist/provider/handlers/entry");
  // Every failure leaves shaped for the SDK's server, so the user reads it once (provider-errors.ts).
  const shaped = <T>(run: () => Promise<T>): Promise<T> =>
    Promise.resolve()
      .then(run)
      .catch((e: unknown) => {
        const errors: typeof import("./provider-errors") = require("pulumi-synology-vmm/dist/provider/resources/provider-errors");
        throw errors.shapeForEngine(e);
      });
  return {
    configure: (req) => shaped(() => load().configure(req)),
    check: (olds, news) => shaped(() => load().check(kind, olds, news)),
    diff: (id, olds, news) => shaped(() => load().diff(kind, id, olds, news)),
    create: (inputs) => shaped(() => load().create(kind, inputs)),
    read: (id, props) => shaped(() => load().read(kind, id, props)),
    update: (id, olds, news) => shaped(() => load().update(kind, id, olds, news)),
    delete: (id, props) => shaped(() => load().remove(kind, id, props)),
  };
}
