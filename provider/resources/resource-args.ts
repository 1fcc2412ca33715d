import type * as pulumi from "./pulumi-sdk";

/** Each field of T accepts a plain value or a Pulumi Output of it. */
export type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** Output properties seeded as `undefined`: a dynamic resource only exposes declared outputs. */
export function seedOutputs(names: readonly string[]): Record<string, undefined> {
  return Object.fromEntries(names.map((n) => [n, undefined]));
}
