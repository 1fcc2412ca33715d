import * as pulumi from "./pulumi-sdk";
import { providerFor } from "./provider-shim";
import { Inputs, seedOutputs } from "./resource-args";
import type { ImageInputs } from "./types";

export type ImageArgs = Inputs<ImageInputs>;

/** A guest OS image (R12): VMs clone their boot disk from it. Every input change replaces it. */
export class Image extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly imageId: pulumi.Output<string>;

  constructor(name: string, args: ImageArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerFor("Image"),
      name,
      {
        adopt: false,
        ...args,
        // At the managed level the create marks the image with it, so a run killed before Pulumi
        // recorded it is taken over next time (ADR 027); a real NAS has no field for it.
        owner: `${pulumi.getProject()}/${pulumi.getStack()}`,
        ...seedOutputs(["imageId"]),
      },
      opts,
      "synovmm",
      "Image",
    );
  }
}
