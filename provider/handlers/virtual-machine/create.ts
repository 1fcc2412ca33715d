/**
 * The steps of a VM's create that follow the documented `Guest create` (ADR 020): the settings a
 * real NAS ignores at create are given by one `Guest set` and read back; the boot disk of a clone
 * is compared with the declared size (ADR 021); an image that cannot be cloned is refused first.
 */
import { pollUntil } from "../../api/core/poll";
import { operationTimeoutMs } from "../../live/connection";
import { handlerLog } from "../../live/context";
import { unable } from "../errors";
import type { CapabilityLevel, Guest, GuestPatch, LiveApi } from "../../live/live-api";
import { withOwnerMark } from "../ownership";
import type { VirtualMachineInputs } from "../../model/inputs";
import type { VmShape } from "./shape";
import { imageTypeProblem as r12Problem } from "../../rules";

const KIND = "VirtualMachine";

/** Every setting the documented `Guest set` carries, all given at create. */
type Settings = Required<GuestPatch>;

function differences(guest: Guest, want: Settings): string[] {
  const out: string[] = [];
  if (guest.name !== want.name) out.push(`name "${guest.name}" (not "${want.name}")`);
  if (guest.vcpus !== want.vcpus) out.push(`${guest.vcpus} vCPU (not ${want.vcpus})`);
  if (guest.memoryMiB !== want.memoryMiB)
    out.push(`${guest.memoryMiB} MiB of memory (not ${want.memoryMiB})`);
  if (guest.autorun !== want.autorun) out.push(`autorun ${guest.autorun} (not ${want.autorun})`);
  if (guest.description !== want.description) out.push("another description");
  return out;
}

/**
 * One documented `Guest set` with the VM's name, description (carrying this stack's mark), autorun,
 * vCPUs and memory; then reads the guest until it shows them. Returns the guest as read (marked).
 */
export async function applySettings(
  api: LiveApi,
  id: string,
  inputs: VirtualMachineInputs,
  desired: VmShape,
  op: string,
): Promise<Guest> {
  const want: Settings = {
    name: desired.name,
    description: withOwnerMark(desired.description, inputs.owner),
    autorun: desired.autorun,
    vcpus: desired.cpu,
    memoryMiB: desired.memoryMiB,
  };
  await api.setGuest(id, want);
  const timeoutMs = operationTimeoutMs();
  let last: Guest | undefined;
  return pollUntil(
    async () => {
      const guest = await api.guestNow(id);
      if (guest === undefined)
        throw unable(
          op,
          KIND,
          inputs.name,
          `guest id ${id} vanished while it was being set up. Fix: run 'pulumi up' again.`,
        );
      last = guest;
      return { done: differences(guest, want).length === 0, value: guest };
    },
    { timeoutMs },
    () =>
      unable(
        op,
        KIND,
        inputs.name,
        `VMM accepted the settings of guest id ${id}, but after ${Math.round(timeoutMs / 1000)} s it still shows ${last === undefined ? "nothing" : differences(last, want).join(", ")}. It is recorded. Fix: check the VM in Virtual Machine Manager, then run 'pulumi up' again.`,
      ),
  );
}

/**
 * A clone's boot disk has the image's size: no documented call sets one at create or reports the
 * image's size before (ADR 021). A declared size is compared after create: at the managed level a
 * larger one is grown to; anything else is a warning, and state records the live size.
 */
export async function fitBootDisk(
  api: LiveApi,
  guest: Guest,
  desired: VmShape,
  level: CapabilityLevel,
  name: string,
): Promise<void> {
  const declared = desired.disksMiB[0];
  const boot = guest.disks?.[0];
  if (desired.image === undefined || declared === null || declared === undefined || boot === undefined)
    return;
  if (boot.sizeMiB === declared) return;
  if (level === "managed" && declared > boot.sizeMiB) {
    await api.growDisks(guest.id, { grow: [{ diskId: boot.id, sizeMiB: declared }], addMiB: [] });
    return;
  }
  const why =
    declared < boot.sizeMiB
      ? "VMM can only grow disks"
      : "Synology's official API sets no size on a cloned disk and has no documented way to grow one";
  handlerLog().warn(
    `warning: [${KIND} ${name}] its boot disk, cloned from image "${desired.image}", is ${boot.sizeMiB} MiB (the image's size), not the ${declared} MiB that disks[0].size declares: ${why}. State records ${boot.sizeMiB} MiB, and the next preview will refuse the difference. Fix: leave disks[0].size out (or set it to ${boot.sizeMiB}MiB); to make it larger, grow it in Virtual Machine Manager (Virtual Machine > Edit > Storage), set the size to match and run 'pulumi refresh'.`,
  );
}

/** Why a VM cannot clone this image, with the fix; undefined when it can (R12's verdict, worded for a handler). */
export function imageTypeProblem(vmName: string, imageName: string, type: string): string | undefined {
  const problem = r12Problem(vmName, imageName, type);
  return problem === undefined ? undefined : `${problem.message} Fix: ${problem.fix}`;
}

/** Only a `disk` image can be cloned into a boot disk (R12): refuse before anything is sent. */
export async function refuseUnclonableImage(api: LiveApi, imageName: string, vmName: string): Promise<void> {
  const image = (await api.images()).find((i) => i.name === imageName);
  const problem = image === undefined ? undefined : imageTypeProblem(vmName, image.name, image.type);
  if (problem !== undefined) throw unable("create", KIND, vmName, `${problem} Nothing was sent to any host.`);
}
