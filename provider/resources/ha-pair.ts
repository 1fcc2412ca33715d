import * as pulumi from "./pulumi-sdk";
import { providerFor } from "./provider-shim";
import { Inputs, seedOutputs } from "./resource-args";
import type { HAPairInputs } from "./types";

export type HAPairArgs = Inputs<HAPairInputs>;

/**
 * High availability of one VM (R4–R6): an active and a different passive host. Swapping them is a
 * switchover (update). After an automatic failover `currentActive` tells where the VM runs; the
 * provider never moves it back on its own.
 */
export class HAPair extends pulumi.dynamic.Resource {
  declare readonly guestId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly currentActive: pulumi.Output<string | null>;
  declare readonly verified: pulumi.Output<boolean>;

  constructor(name: string, args: HAPairArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerFor("HAPair"),
      name,
      { adopt: false, ...args, ...seedOutputs(["guestId", "status", "currentActive", "verified"]) },
      opts,
      "synovmm",
      "HAPair",
    );
  }
}
