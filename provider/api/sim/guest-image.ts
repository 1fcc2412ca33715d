// SYNO.SynoVmmSim.Guest.Image (the simulator's private API): an image create that carries the
// stack that made it, and the list of those marks (ADR 027). Synology's official image has no field
// that could carry it, so a run killed while its create was in flight leaves an image nobody can
// tell from one made by hand; at the "managed" capability level our own API keeps the mark and the
// next `up` takes the image over. The official level never sends this (ADR 019).

import { SIM_GUEST_IMAGE_API } from "../capabilities";
import type { Caller } from "../core/caller";
import { asObject, objects, str } from "../core/shape";
import type { Image, ImageApi, ImageCreateInput } from "../official/guest-image";
import type { WaitOptions } from "../official/task-info";

export const OWNED_IMAGE_API = SIM_GUEST_IMAGE_API;

/** One marked image as our private list answers it. */
export interface ImageOwner {
  readonly id: string;
  /** `<project>/<stack>` as the create carried it. */
  readonly owner: string;
  /** Its create task still runs (the official list shows only `unavailable` storages meanwhile). */
  readonly creating: boolean;
}

const UNSUPPORTED =
  "this cluster offers only Synology's official VMM API, whose image create carries no owner mark: " +
  "synovmm creates images there with the official create (an image a killed run left then needs adopt: true once)";

export class OwnedImageApi {
  constructor(
    private readonly caller: Caller,
    private readonly images: ImageApi,
  ) {}

  /**
   * The official create's parameters plus `owner`, with the official create's safety: a lost
   * answer is re-checked by name, 1400 and failures after an accepted create name the image.
   */
  create(input: ImageCreateInput & { readonly owner: string }, options: WaitOptions = {}): Promise<Image> {
    const { owner, ...documented } = input;
    if (owner === "") throw new TypeError(`image "${input.name}": owner must not be empty`);
    return this.images.createVia(
      { api: OWNED_IMAGE_API, extra: { owner }, unsupportedHint: UNSUPPORTED },
      documented,
      options,
    );
  }

  /** The images that carry an owner mark; the others are only in the official list. */
  list(): Promise<ImageOwner[]> {
    return this.caller.call({
      api: OWNED_IMAGE_API,
      method: "list",
      safety: "read",
      parse: (data) =>
        objects(asObject(data ?? {}, "image owner list"), "images").map((o) => ({
          id: str(o, "image_id"),
          owner: str(o, "owner"),
          creating: str(o, "status") === "creating",
        })),
    });
  }
}
