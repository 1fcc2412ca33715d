/**
 * What the serialized provider objects call (resources/provider-shim.ts): dispatch by resource
 * kind, remember stack config, and turn failures into messages that name the resource.
 */
import type { ResourceKind } from "../model/kinds";
import { setConfigSource } from "../live/connection";
import { handlerLog } from "../live/context";
import { debugEnabled, debugLine } from "../live/debug";
import { logOutOnEngineShutdown } from "../live/shutdown";
import { ProviderError, unableMessage } from "./errors";
import type { Handler } from "./handler";

type AnyHandler = Handler<never, never>;
type Props = Record<string, unknown>;

function handlerFor(kind: ResourceKind): Handler<Props, Props> {
  const table: Record<ResourceKind, () => AnyHandler> = {
    Cluster: () => require("./cluster").clusterHandler,
    Host: () => require("./host").hostHandler,
    Image: () => require("./image").imageHandler,
    VirtualMachine: () => require("./virtual-machine").virtualMachineHandler,
    HAPair: () => require("./ha-pair").haPairHandler,
  };
  return table[kind]() as unknown as Handler<Props, Props>;
}

/** Pulumi's wire format has no `undefined`: drop such keys (an absent output is simply absent). */
function plain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plain) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, plain(v)]),
    ) as T;
  }
  return value;
}

function nameOf(kind: ResourceKind, props: Props): string {
  const name = kind === "HAPair" ? props.vm : kind === "Cluster" ? props.cluster : props.name;
  return typeof name === "string" ? name : "?";
}

/** Prefixes what failed and where, unless the handler already did (it threw a ProviderError). */
async function explain<T>(op: string, kind: ResourceKind, props: Props, run: () => Promise<T>): Promise<T> {
  try {
    return plain(await run());
  } catch (e) {
    if (e instanceof Error) {
      if (!(e instanceof ProviderError)) e.message = unableMessage(op, kind, nameOf(kind, props), e.message);
      // A partial create: the engine shows its `reasons`, not its message, so they must say it all.
      const partial = e as Error & { reasons?: unknown };
      if (Array.isArray(partial.reasons)) partial.reasons = [e.message];
      throw e;
    }
    throw new ProviderError(unableMessage(op, kind, nameOf(kind, props), String(e)), { cause: e });
  }
}

export async function configure(req: { config: { get(key: string): string | undefined } }): Promise<void> {
  setConfigSource((key) => req.config.get(key));
  // Only the provider process is configured by the engine: the one place to hook its end.
  logOutOnEngineShutdown();
  if (debugEnabled()) handlerLog().notice(debugLine("provider process configured"));
}

export async function check(kind: ResourceKind, olds: Props, news: Props) {
  return explain("check", kind, news, async () => {
    const { inputs, failures } = await handlerFor(kind).check(olds, news);
    return { inputs, failures };
  });
}

export async function diff(kind: ResourceKind, id: string, olds: Props, news: Props) {
  return explain("update", kind, news, () => handlerFor(kind).diff(id, olds, news));
}

export async function create(kind: ResourceKind, inputs: Props) {
  return explain("create", kind, inputs, () => handlerFor(kind).create(inputs));
}

export async function read(kind: ResourceKind, id: string, props: Props | undefined) {
  const p = props ?? {};
  return explain("read", kind, p, async () => {
    const result = await handlerFor(kind).read(id, p);
    // Keep __provider in what the engine stores, or a later delete cannot load the provider.
    if (result.props && p.__provider !== undefined)
      result.props = { ...result.props, __provider: p.__provider };
    if (result.inputs && p.__provider !== undefined)
      result.inputs = { ...result.inputs, __provider: p.__provider };
    return result;
  });
}

export async function update(kind: ResourceKind, id: string, olds: Props, news: Props) {
  return explain("update", kind, news, () => handlerFor(kind).update(id, olds, news));
}

export async function remove(kind: ResourceKind, id: string, props: Props) {
  return explain("delete", kind, props, () => handlerFor(kind).delete(id, props));
}
