// SYNO.Virtualization.API.Guest.Image: disk/ISO/vDSM images the cluster can clone VMs from.

import type { Caller } from "../core/caller";
import { DsmError } from "../core/error";
import { pollUntil } from "../core/poll";
import { asObject, objects, optStr, str } from "../core/shape";
import { markCreated } from "../core/unfinished";
import { StartedTask, TaskInfoApi, WaitOptions, parseStartedTask } from "./task-info";

export const IMAGE_API = "SYNO.Virtualization.API.Guest.Image";

export type ImageType = "disk" | "vdsm" | "iso";

export interface Image {
  readonly id: string;
  readonly name: string;
  readonly type: ImageType;
  readonly storages: readonly { readonly id: string; readonly name: string; readonly status: string }[];
}

export interface ImageCreateInput {
  readonly name: string;
  readonly type: ImageType;
  /** Absolute DSM path starting with a shared folder, e.g. /share/iso/ubuntu.iso. */
  readonly dsFilePath: string;
  readonly storageIds?: readonly string[];
  readonly storageNames?: readonly string[];
}

function imageFromDsm(o: ReturnType<typeof asObject>): Image {
  return {
    id: str(o, "image_id"),
    name: str(o, "image_name"),
    type: (optStr(o, "type") ?? "disk") as ImageType,
    storages: objects(o, "storages").map((s) => ({
      id: str(s, "storage_id"),
      name: optStr(s, "storage_name") ?? "",
      status: optStr(s, "status") ?? "unknown",
    })),
  };
}

/** Which API a create goes to, and what it carries beyond the documented parameters. */
export interface ImageCreateRoute {
  readonly api: string;
  /** Only for our private API: the official guard refuses anything undocumented (ADR 019). */
  readonly extra?: Readonly<Record<string, string>>;
  readonly unsupportedHint?: string;
}

type Started = StartedTask | { readonly imageId: string };

/** "Image creation only partially succeeded": the image exists, on the storages that were online. */
const PARTIAL_IMAGE = 1400;

export class ImageApi {
  constructor(
    private readonly caller: Caller,
    private readonly tasks: TaskInfoApi,
  ) {}

  list(): Promise<Image[]> {
    return this.caller.call({
      api: IMAGE_API,
      method: "list",
      safety: "read",
      parse: (data) => objects(asObject(data ?? {}, "image list"), "images").map(imageFromDsm),
    });
  }

  async findByName(name: string): Promise<Image | undefined> {
    return (await this.list()).find((i) => i.name === name);
  }

  /** Creates an image and waits for its task; a lost answer is re-checked by name before re-sending. */
  create(input: ImageCreateInput, options: WaitOptions = {}): Promise<Image> {
    return this.createVia({ api: IMAGE_API }, input, options);
  }

  /**
   * `create` sent to `route.api` with `route.extra` beside the documented parameters: the official
   * create, or (managed level only) the simulator's private one with the owner mark
   * (sim/guest-image.ts). Same safety either way: a lost answer is re-checked by name in the
   * official list, 1400 and anything after an accepted create say which image exists.
   */
  async createVia(
    route: ImageCreateRoute,
    input: ImageCreateInput,
    options: WaitOptions = {},
  ): Promise<Image> {
    if (!input.storageIds?.length && !input.storageNames?.length) {
      throw new TypeError(`image "${input.name}": storageIds or storageNames is required`);
    }
    const subject = `an image named "${input.name}"`;
    const deadline = Date.now() + (options.timeoutMs ?? this.caller.options.operationTimeoutMs);
    let started: Started;
    try {
      started = await this.caller.call<Started>({
        api: route.api,
        method: "create",
        params: {
          image_name: input.name,
          type: input.type,
          ds_file_path: input.dsFilePath,
          ...(input.storageIds?.length
            ? { storage_ids: input.storageIds }
            : { storage_names: input.storageNames }),
          auto_clean_task: false,
          ...route.extra,
        },
        safety: "write",
        subject,
        parse: parseStartedTask,
        recheck: async () => {
          const found = await this.findByName(input.name);
          return found ? { applied: true, value: { imageId: found.id } } : { applied: false };
        },
        appliedCodes: [403],
        ...(route.unsupportedHint === undefined ? {} : { unsupportedHint: route.unsupportedHint }),
      });
    } catch (err) {
      // 1400: DSM created the image on the online storages only. It exists: say so with its id.
      if (!(err instanceof DsmError) || !err.is(PARTIAL_IMAGE)) throw err;
      throw await this.markIfListed(err, input.name);
    }
    try {
      return await this.finishCreate(started, input.name, subject, options);
    } catch (err) {
      // The create was accepted: whatever failed after (poll errors, the deadline, a task ending
      // in 1400), the image may exist, and the caller must be able to record it.
      if (!(err instanceof Error)) throw err;
      if ("imageId" in started) throw markCreated(err, started.imageId);
      throw await this.markOnceListed(err, input.name, deadline);
    }
  }

  private async finishCreate(started: Started, name: string, subject: string, options: WaitOptions) {
    let imageId: string | undefined;
    if ("taskId" in started) {
      imageId = (await this.tasks.wait(started, { ...options, subject })).imageId;
    } else {
      imageId = started.imageId;
    }
    const image = (await this.list()).find((i) => (imageId ? i.id === imageId : i.name === name));
    if (!image) {
      throw new DsmError({
        category: "protocol",
        api: IMAGE_API,
        method: "create",
        endpoint: this.caller.lastEndpoint,
        meaning: "unexpected answer",
        detail: `the create task for ${subject} finished, but the image is not listed`,
        hint: "check the VMM UI (Image) and its log; then run again",
      });
    }
    return image;
  }

  /**
   * `err`, marked with the id of the image named `name` once the list answers with it. The create
   * was accepted and its id is in the task's result, which could not be read: while the NAS does
   * not answer at all (network errors), the list is asked again until the create's deadline, as the
   * task would have been, since giving up would leave an image no state knows of (soak seed 4036 on
   * `--dsm real`: the only host down through the poll and the list). Any answer ends the wait.
   */
  private async markOnceListed<E extends Error>(err: E, name: string, deadline: number): Promise<E> {
    const found = await pollUntil(
      async () => {
        try {
          return { done: true, value: await this.findByName(name) };
        } catch (e) {
          const unreachable = e instanceof DsmError && e.category === "network";
          return { done: !unreachable, value: undefined };
        }
      },
      { timeoutMs: Math.max(0, deadline - Date.now()), initialIntervalMs: 500, maxIntervalMs: 5_000 },
      () => err,
    ).catch(() => undefined);
    return found === undefined ? err : markCreated(err, found.id);
  }

  /** `err`, marked with the id of the image named `name` when one is listed (best effort). */
  private async markIfListed<E extends Error>(err: E, name: string): Promise<E> {
    const found = await this.findByName(name).catch(() => undefined);
    return found === undefined ? err : markCreated(err, found.id);
  }

  async delete(id: string): Promise<void> {
    await this.caller.call({
      api: IMAGE_API,
      method: "delete",
      params: { image_id: id },
      safety: "write",
      subject: `image ${id}`,
      parse: () => undefined,
      recheck: async () =>
        (await this.list()).some((i) => i.id === id)
          ? { applied: false }
          : { applied: true, value: undefined },
      appliedCodes: [401],
    });
  }
}
