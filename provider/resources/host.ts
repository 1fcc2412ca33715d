import * as pulumi from "./pulumi-sdk";
import { providerFor } from "./provider-shim";
import { Inputs, seedOutputs } from "./resource-args";
import type { HostInputs } from "./types";

export type HostArgs = Inputs<HostInputs>;

/** Membership of one NAS in a cluster: joining (create), renaming, readdressing (R8), leaving. */
export class Host extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly address: pulumi.Output<string | undefined>;
  declare readonly hostId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly cpuThreads: pulumi.Output<number>;
  declare readonly ramMiB: pulumi.Output<number>;

  constructor(name: string, args: HostArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerFor("Host"),
      name,
      { adopt: false, sha: false, ...args, ...seedOutputs(["hostId", "status", "cpuThreads", "ramMiB"]) },
      opts,
      "synovmm",
      "Host",
    );
  }
}
