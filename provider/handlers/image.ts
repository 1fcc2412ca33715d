/**
 * Image: a guest OS image (R12) stored on one or more storages. VMM's official API can create
 * and delete images only, so every input change is a replacement (replace-table.ts).
 */
import { validateResourceInputs } from "../model/schemas";
import type { ImageInputs, ImageOutputs } from "../model/inputs";
import { liveApiFor } from "../live/context";
import { createdIdOf } from "../api/core/unfinished";
import { partialCreate, unable } from "./errors";
import { inputFailures } from "./check-failures";
import { changedFields, withoutProviderFields, type Handler } from "./handler";
import { assertQuorum } from "./quorum";
import { replaceFields } from "./replace-table";
import { resolveStorage, storageRef } from "../model/storage-ref";

const FIELDS = ["cluster", "name", "type", "path", "storage"] as const;

export const imageHandler: Handler<ImageInputs, ImageOutputs> = {
  async check(_olds, news) {
    const failures = inputFailures(validateResourceInputs("Image", withoutProviderFields(news)), "name");
    return { inputs: news, failures };
  },

  async diff(_id, olds, news) {
    const changed = changedFields(olds, news, FIELDS);
    if (changed.length === 0) return { changes: false };
    await assertQuorum(liveApiFor(news.cluster), "update", "Image", news.name);
    const replaces = changed.filter((f) => replaceFields("Image").includes(f));
    return { changes: true, replaces, deleteBeforeReplace: replaces.includes("name") ? false : true };
  },

  async create(inputs) {
    const api = liveApiFor(inputs.cluster);
    const existing = (await api.images()).find((i) => i.name === inputs.name);
    if (existing !== undefined) {
      if (!inputs.adopt) {
        throw unable(
          "create",
          "Image",
          inputs.name,
          `an image named "${inputs.name}" already exists. Fix: set adopt: true to manage it, or choose another name.`,
        );
      }
      return { id: existing.id, outs: { ...inputs, imageId: existing.id } };
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
        path: inputs.path,
        storageIds,
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
