import * as pulumi from "./pulumi-sdk";
import { providerFor } from "./provider-shim";
import { Inputs, seedOutputs } from "./resource-args";
import type { ClusterInputs } from "./types";

export type ClusterArgs = Inputs<Omit<ClusterInputs, "cluster">> & { name?: pulumi.Input<string> };

/**
 * A VMM cluster's cluster-wide settings: name, cluster network (R7, R8), domain (R10).
 * Membership belongs to Host resources (one owner per fact). With only Synology's official API,
 * the cluster is verified instead of created.
 */
export class Cluster extends pulumi.dynamic.Resource {
  declare readonly cluster: pulumi.Output<string>;
  declare readonly clusterId: pulumi.Output<string>;
  declare readonly capability: pulumi.Output<"managed" | "official-only">;
  declare readonly status: pulumi.Output<string>;
  declare readonly hostCount: pulumi.Output<number>;
  declare readonly onlineHostCount: pulumi.Output<number>;
  declare readonly quorum: pulumi.Output<boolean>;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.CustomResourceOptions) {
    const { name: clusterName, ...rest } = args;
    super(
      providerFor("Cluster"),
      name,
      {
        adopt: false,
        ...rest,
        cluster: clusterName ?? name,
        ...seedOutputs(["clusterId", "capability", "status", "hostCount", "onlineHostCount", "quorum"]),
      },
      opts,
      "synovmm",
      "Cluster",
    );
  }
}
