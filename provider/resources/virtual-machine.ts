import * as pulumi from "./pulumi-sdk";
import { providerFor } from "./provider-shim";
import { Inputs, seedOutputs } from "./resource-args";
import type { VirtualMachineInputs } from "./types";
import { withVmDefaults, type VmDefaulted as Defaulted } from "../model/defaults";

export type VirtualMachineArgs = Inputs<Omit<VirtualMachineInputs, Defaulted>> &
  Partial<Inputs<Pick<VirtualMachineInputs, Defaulted>>>;

/**
 * A guest. Host changes of a running VM are live migrations (R13); CPU/memory changes of a running
 * VM power-cycle it only with `allowRestart`; where it runs now is the `runningHost` output.
 */
export class VirtualMachine extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly guestId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly runningHost: pulumi.Output<string | null>;
  declare readonly macs: pulumi.Output<string[]>;

  constructor(name: string, args: VirtualMachineArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerFor("VirtualMachine"),
      name,
      {
        adopt: false,
        haManaged: false,
        ...withVmDefaults(args),
        // Marks the guest at create, so a run killed before Pulumi recorded it is taken over next time.
        owner: `${pulumi.getProject()}/${pulumi.getStack()}`,
        ...seedOutputs(["guestId", "status", "runningHost", "macs"]),
      },
      opts,
      "synovmm",
      "VirtualMachine",
    );
  }
}
