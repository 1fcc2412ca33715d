/** SYNO.Virtualization.API.Guest.Image — documented by Synology. */
import { fail } from "../../model/errors";
import { createImage, deleteImage, IMAGE_TYPES, type ImageRequest } from "../../model/image";
import type { ImageType, StorageState } from "../../model/state";
import type { World } from "../../model/world";
import type { Params } from "../params";
import { jsonArray } from "../params";
import { imageView } from "../views";
import { read, write, officialApi } from "../types";

/**
 * The documented `create` parameters as a request. Shared with the private
 * SYNO.SynoVmmSim.Guest.Image `create` [ours], which takes exactly these plus `owner`.
 */
export function imageRequestOf(world: World, params: Params): ImageRequest {
  const name = params.required("image_name");
  const type = params.required("type");
  if (!IMAGE_TYPES.includes(type as ImageType))
    fail(401, "type", `type '${type}' must be one of ${IMAGE_TYPES.join(", ")}`);
  const path = params.required("ds_file_path");
  const key = params.has("storage_ids") ? "storage_ids" : "storage_names";
  const refs = params.json(key);
  if (refs === undefined) fail(114, "storage_ids", "give storage_ids or storage_names (JSON array)");
  const storages: StorageState[] = jsonArray(refs, key).map(
    (r) =>
      world.findStorage(String(r)) ??
      fail(
        700,
        key,
        `storage '${String(r)}' does not exist; list storages with SYNO.Virtualization.API.Storage list`,
      ),
  );
  return {
    name,
    type: type as ImageType,
    dsFilePath: path,
    storages,
    autoClean: params.bool("auto_clean_task", true),
  };
}

export const guestImageApi = officialApi("SYNO.Virtualization.API.Guest.Image", {
  list: read(({ world }) => ({ images: world.state.images.map((i) => imageView(world, i)) })),
  create: write(({ world, params }) => {
    const task = createImage(world, imageRequestOf(world, params));
    return { task_id: task.id };
  }),
  delete: write(({ world, params }) => {
    const ref = params.either("image_id", "image_name");
    const image = world.findImage(ref) ?? fail(401, "image_id", `image '${ref}' does not exist`);
    deleteImage(world, image);
    return {};
  }),
});
