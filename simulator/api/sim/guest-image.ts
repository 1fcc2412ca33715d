/**
 * SYNO.SynoVmmSim.Guest.Image [ours] (simulator/API.md §4.7): an image create that carries the
 * stack that made it. The official Guest.Image has no field for it (its list says id, name, type
 * and storages only), so an image whose create answer was lost (a SIGKILL of `pulumi up`) cannot
 * be told from one made by hand; at the managed level our own API can keep the mark, so the next
 * `up` takes its own image over without `adopt` (ADR 027).
 *
 * Contract (the provider's client is written against exactly this):
 * - `create`: exactly the official create's parameters (§3.7), plus `owner`* (1–255 characters;
 *   the provider sends `<project>/<stack>`). Answers `{task_id}` and fails as the official one
 *   does (114, 401, 403, 700, 1400).
 * - `list`: `{images: [{image_id, owner, status}]}`, only the images that carry an owner (the
 *   others are in the official list, which says everything else); `status` is `creating` until
 *   the create task finishes, then `ready` — the official list shows only storage statuses, which
 *   say `unavailable` for a host that is down too.
 */
import { fail } from "../../model/errors";
import { createImage } from "../../model/image";
import { imageRequestOf } from "../official/guest-image";
import { read, simulatorApi, write } from "../types";

const OWNER_MAX = 255;

export const simGuestImageApi = simulatorApi("SYNO.SynoVmmSim.Guest.Image", {
  create: write(({ world, params }) => {
    const owner = params.required("owner");
    if (owner.length > OWNER_MAX)
      fail(401, "owner", `owner must be at most ${OWNER_MAX} characters (got ${owner.length})`);
    const task = createImage(world, { ...imageRequestOf(world, params), owner });
    return { task_id: task.id };
  }),
  list: read(({ world }) => ({
    images: world.state.images.flatMap((i) =>
      i.owner === undefined
        ? []
        : [{ image_id: i.id, owner: i.owner, status: i.ready ? "ready" : "creating" }],
    ),
  })),
});
