/**
 * Image: a guest OS image (R12) stored on one or more storages. VMM's official API can create
 * and delete images only, so every input change is a replacement (replace-table.ts). At the
 * managed level the create carries the stack's owner mark, so an image a killed run left is taken
 * over by the next `up` (ADR 027); on a real NAS it needs `adopt: true` once.
 */
import { validateResourceInputs } from "../model/schemas";
import type { ImageInputs, ImageOutputs } from "../model/inputs";
import { liveApiFor } from "../live/context";
import { operationTimeoutMs } from "../live/connection";
import type { LiveApi, LiveImage } from "../live/live-api";
import { pollUntil } from "../api/core/poll";
import { createdIdOf } from "../api/core/unfinished";
import { partialCreate, unable } from "./errors";
import { inputFailures } from "./check-failures";
import { changedOnAdopted, schemaInputsOfAdoptable, type Handler } from "./handler";
import { assertQuorum } from "./quorum";
import { replaceFields } from "./replace-table";
import { resolveStorage, storageRef } from "../model/storage-ref";

// `owner` is not among them: it steers the create only, so a stack recorded before it shows no change.
const FIELDS = ["cluster", "name", "type", "path", "storage"] as const;

/** Did the stack `owner` create this image (its mark in our private list; managed level only)? */
function markedImage(image: LiveImage, owner: string | undefined): boolean {
  return owner !== undefined && owner !== "" && image.owner === owner;
}

/**
 * Waits until the create task of a taken-over image ends, as the interrupted create would have.
 * Past the deadline the image is recorded all the same (partial create): the next `up` reads it.
 */
async function settledImage(api: LiveApi, id: string, outs: ImageOutputs): Promise<void> {
  const timeoutMs = operationTimeoutMs();
  await pollUntil(
    async () => {
      const image = (await api.images()).find((i) => i.id === id);
      return { done: image === undefined || image.creating !== true, value: image };
    },
    { timeoutMs },
    () =>
      partialCreate(
        id,
        { ...outs },
        outs as unknown as Record<string, unknown>,
        new Error(
          `image id ${id} was still being created after ${Math.round(timeoutMs / 1000)} s (it is recorded and keeps going on the cluster); if it takes that long, raise the deadline: pulumi config set synovmm:operationTimeout 30m`,
        ),
      ),
  );
}

export const imageHandler: Handler<ImageInputs, ImageOutputs> = {
  async check(_olds, news) {
    const failures = inputFailures(validateResourceInputs("Image", schemaInputsOfAdoptable(news)), "name");
    return { inputs: news, failures };
  },

  async diff(_id, olds, news) {
    // A path filled in on an adopted image is recorded, not a new image (ADR 023).
    const changed = changedOnAdopted(olds, news, FIELDS);
    if (changed.length === 0) return { changes: (olds.adopt ?? false) !== (news.adopt ?? false) };
    await assertQuorum(liveApiFor(news.cluster), "update", "Image", news.name);
    const replaces = changed.filter((f) => replaceFields("Image").includes(f));
    return { changes: true, replaces, deleteBeforeReplace: replaces.includes("name") ? false : true };
  },

  async create(inputs) {
    const api = liveApiFor(inputs.cluster);
    const existing = (await api.images()).find((i) => i.name === inputs.name);
    if (existing !== undefined) {
      // This stack's own image, left by a run killed before Pulumi recorded it (managed level only:
      // nothing on a real NAS can carry the mark, ADR 027): taken over without adopt.
      const ours = markedImage(existing, inputs.owner);
      if (!inputs.adopt && !ours) {
        throw unable(
          "create",
          "Image",
          inputs.name,
          `an image named "${inputs.name}" already exists. Fix: set adopt: true to manage it, or choose another name.`,
        );
      }
      const outs = { ...inputs, imageId: existing.id };
      if (ours && existing.creating === true) await settledImage(api, existing.id, outs);
      return { id: existing.id, outs };
    }
    if (inputs.path === undefined) {
      throw unable(
        "create",
        "Image",
        inputs.name,
        `no image of this name exists, and the spec gives no path to make it from (only an adopted image may leave path out). Fix: add path, the image file on the NAS (e.g. /images/${inputs.name}.img), or check the name against VMM → Image.`,
      );
    }
    await assertQuorum(api, "create", "Image", inputs.name);
    const storages = await api.storages();
    let storageIds: string[];
    try {
      storageIds = inputs.storage.map((ref) => resolveStorage(storages, ref).id);
    } catch (e) {
      throw unable("create", "Image", inputs.name, (e as Error).message);
    }
    try {
      const id = await api.createImage({
        name: inputs.name,
        type: inputs.type,
        path: inputs.path as string,
        storageIds,
        ...(inputs.owner === undefined ? {} : { owner: inputs.owner }),
      });
      return { id, outs: { ...inputs, imageId: id } };
    } catch (e) {
      // Accepted, then a poll error, the deadline or 1400 (made on the online storages only): the
      // image exists, so it is recorded and the next `up` goes on from there (ADR 005).
      const id = createdIdOf(e);
      if (id === undefined) throw e;
      throw partialCreate(id, { ...inputs, imageId: id }, inputs as unknown as Record<string, unknown>, e);
    }
  },

  async read(id, props) {
    const api = liveApiFor(props.cluster);
    const live = (await api.images()).find((i) => i.id === id);
    if (live === undefined) return {};
    const storages = await api.storages();
    const refs = live.storageIds
      .map((s) => storageRef(storages, s))
      .filter((s): s is string => s !== undefined);
    // Storages of a host that is down are not listed; keep the declared ones rather than report drift.
    const storage =
      refs.length === props.storage.length
        ? props.storage.filter((r) => refs.includes(r)).concat(refs.filter((r) => !props.storage.includes(r)))
        : props.storage;
    const inputs: ImageInputs = {
      cluster: props.cluster,
      adopt: props.adopt,
      name: live.name,
      type: live.type as ImageInputs["type"],
      path: props.path,
      storage,
      // Provider-side like adopt: kept as recorded, so a refresh of an older stack changes nothing.
      ...(props.owner === undefined ? {} : { owner: props.owner }),
    };
    return { id, props: { ...inputs, imageId: id }, inputs };
  },

  async update(id, _olds, news) {
    // Only provider-side fields (adopt) can reach here: everything VMM knows is replace-only.
    return { outs: { ...news, imageId: id } };
  },

  async delete(id, props) {
    const api = liveApiFor(props.cluster);
    if ((await api.images()).every((i) => i.id !== id)) return;
    await assertQuorum(api, "delete", "Image", props.name);
    await api.deleteImage(id);
  },
};
