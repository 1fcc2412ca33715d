/** Which images a VM can boot from: only `disk` images can be cloned into a boot disk (R12). */

/** Why a VM cannot clone this image, with the fix; undefined when it can. */
export function imageTypeProblem(imageName: string, type: string): string | undefined {
  if (type === "disk") return undefined;
  return `image "${imageName}" is of type ${type}, and only disk images can be cloned into a VM's boot disk (R12); Synology's official API has no way to attach an ISO. Fix: use a cloud or disk image (type: disk), or leave image out to get a blank boot disk of disks[0].size and attach the ISO in Virtual Machine Manager.`;
}
