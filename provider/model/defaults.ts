/**
 * What a VM is when the user leaves a field out: the one table, and the one function that fills it
 * in. The resource class, the rules' model and the handlers' VM shape all call `withVmDefaults`
 * (each used to spell out the fallbacks itself). The JSON Schema's `default`s say the same for
 * editors; test/unit/model/defaults.test.ts holds the two together.
 */
import type { VirtualMachineInputs } from "./inputs";

/** The VM fields a user may leave out. */
export type VmDefaulted = "power" | "autorun" | "allowRestart" | "nics";

export const VM_DEFAULTS: Readonly<Omit<Pick<VirtualMachineInputs, VmDefaulted>, "nics">> & {
  readonly nics: readonly [];
} = {
  power: "running",
  autorun: "last",
  allowRestart: false,
  nics: [],
};

type Filled<T extends Partial<Record<VmDefaulted, unknown>>> = Omit<T, VmDefaulted> & {
  [K in VmDefaulted]: Exclude<T[K], undefined> | (K extends "nics" ? [] : (typeof VM_DEFAULTS)[K]);
};

/**
 * The VM with every left-out field at its default (a field given as `undefined` counts as left
 * out). Generic over the values, so the resource class can fill its Pulumi inputs with it too.
 */
export function withVmDefaults<T extends Partial<Record<VmDefaulted, unknown>>>(v: T): Filled<T> {
  return {
    ...v,
    power: v.power ?? VM_DEFAULTS.power,
    autorun: v.autorun ?? VM_DEFAULTS.autorun,
    allowRestart: v.allowRestart ?? VM_DEFAULTS.allowRestart,
    nics: v.nics ?? [],
  } as Filled<T>;
}
