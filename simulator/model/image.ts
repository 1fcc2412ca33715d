/** Images (R12: a guest's OS comes from one): created as a task on one or more storages. */
import { fail } from "./errors";
import { requireCluster } from "./guards";
import type { ImageState, ImageType, StorageState, TaskState } from "./state";
import { createTask } from "./tasks";
import type { World } from "./world";

export const IMAGE_TYPES: readonly ImageType[] = ["disk", "vdsm", "iso"];

export interface ImageRequest {
  name: string;
  type: ImageType;
  dsFilePath: string;
  storages: StorageState[];
  autoClean: boolean;
  /** Only from the private create [ours]: who made it, so a create whose answer was lost is known. */
  owner?: string;
}

/** Returns the task, or throws 1400 after creating the image on the online storages only. */
export function createImage(world: World, req: ImageRequest): TaskState {
  requireCluster(world);
  if (req.name.trim() === "") fail(401, "image_name", "image_name must not be empty");
  if (world.findImage(req.name) !== undefined)
    fail(403, "image_name", `an image named '${req.name}' exists already; pick another name or delete it`);
  if (!/^\/[^/]+\/.+/.test(req.dsFilePath)) {
    fail(
      401,
      "ds_file_path",
      `ds_file_path '${req.dsFilePath}' must be an absolute DSM path starting with a shared folder, e.g. /share/iso/ubuntu.iso`,
    );
  }
  if (req.storages.length === 0)
    fail(114, "storage_ids", "give at least one storage in storage_ids or storage_names");
  const online = req.storages.filter((s) => world.storageOnline(s));
  if (online.length === 0)
    fail(700, "storage_ids", "none of the listed storages is online; their hosts are down");
  const image: ImageState = {
    id: world.rng.uuid(),
    name: req.name,
    type: req.type,
    dsFilePath: req.dsFilePath,
    sizeMb: req.type === "iso" ? 2048 : 4096,
    storageIds: online.map((s) => s.id),
    ready: false,
    ...(req.owner === undefined ? {} : { owner: req.owner }),
  };
  world.state.images.push(image);
  if (online.length < req.storages.length) {
    image.ready = true;
    world.touched();
    const missed = req.storages.filter((s) => !world.storageOnline(s)).map((s) => world.storageName(s));
    fail(
      1400,
      "storage_ids",
      `image '${req.name}' was created only on the online storages; not on ${missed.join(", ")} (hosts down) — delete and retry when they are back`,
    );
  }
  return createTask(world, "image_create", image.id, req.autoClean);
}

export function finishImage(world: World, task: TaskState): void {
  const image = world.findImage(task.objectId);
  if (image !== undefined) image.ready = true;
}

export function deleteImage(world: World, image: ImageState): void {
  const cloning = world.state.guests.find(
    (g) => g.status === "creating" && g.vdisks.some((d) => d.imageId === image.id),
  );
  if (cloning !== undefined) {
    fail(
      402,
      "image_id",
      `image '${image.name}' is being cloned into guest '${cloning.name}'; wait for its create task to finish`,
    );
  }
  world.state.images = world.state.images.filter((i) => i !== image);
  world.touched();
}

/** Direct creation (control API and bootstrap): ready at once. */
export function addReadyImage(
  world: World,
  name: string,
  type: ImageType,
  storages: StorageState[],
): ImageState {
  if (world.findImage(name) !== undefined) fail(403, "image_name", `an image named '${name}' exists already`);
  const image: ImageState = {
    id: world.rng.uuid(),
    name,
    type,
    dsFilePath: `/images/${name}.${type === "iso" ? "iso" : "img"}`,
    sizeMb: type === "iso" ? 2048 : 4096,
    storageIds: storages.map((s) => s.id),
    ready: true,
  };
  world.state.images.push(image);
  world.touched();
  return image;
}
