/**
 * What a VM is when the user leaves a field out: the one table (issue 13: it was written in the
 * resource class, the spec mapping and the handlers' VM shape). The JSON Schema's `default`s say
 * the same for editors; test/unit/model/defaults.test.ts holds the two together.
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
