import type { ClusterModel, Finding } from "./model";
import { at } from "./paths";

/**
 * The one image type VMM clones into a VM's boot disk: the official create's vdisk item
 * `create_type: 1` takes an image of type `disk` only (docs/reference: official API evidence);
 * an `iso` or `vdsm` image there passes every check and fails the create on a real NAS.
 */
export const CLONEABLE_IMAGE_TYPE = "disk";

/** What R12 says about a VM whose image is of `type`: undefined when it can be cloned. */
export function imageTypeProblem(
  vm: string,
  image: string,
  type: string,
): { message: string; fix: string } | undefined {
  if (type === CLONEABLE_IMAGE_TYPE) return undefined;
  const install =
    type === "iso"
      ? "attach the ISO in Virtual Machine Manager"
      : "install the guest OS in Virtual Machine Manager";
  return {
    message: `VM "${vm}" names image "${image}" of type ${type}, but only disk images can be cloned into a boot disk (R12).`,
    fix: `Use a cloud/disk image (type: disk), or leave image out to get a blank boot disk of disks[0].size and ${install}.`,
  };
}

/**
 * The R12 finding for the VM `vm` (its index in spec.virtualMachines, 0 for a resource of its own)
 * whose `image` is of `type`, or undefined when that type can be cloned. A VirtualMachine check
 * calls it with the type the live cluster reports when the image is not in its spec.
 */
export function imageTypeFinding(
  vm: { name: string; index?: number },
  image: string,
  type: string,
): Finding | undefined {
  const problem = imageTypeProblem(vm.name, image, type);
  if (problem === undefined) return undefined;
  return { rule: "R12", severity: "error", ...at.vm(vm.index ?? 0, vm.name, "image"), ...problem };
}

/**
 * R12: a VM's guest OS comes from its image at creation, by cloning it into the boot disk, which
 * only a `disk` image allows. An image the spec does not declare is REF's.
 */
export function checkImageTypes(desired: ClusterModel): Finding[] {
  const types = new Map(desired.images.map((i) => [i.name, i.type]));
  return desired.virtualMachines.flatMap((vm, index) => {
    const type = vm.image === undefined ? undefined : types.get(vm.image);
    if (vm.image === undefined || type === undefined) return [];
    const finding = imageTypeFinding({ name: vm.name, index }, vm.image, type);
    return finding === undefined ? [] : [finding];
  });
}
