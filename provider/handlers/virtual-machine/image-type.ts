/** Which images a VM can boot from, in a handler's words: R12's verdict (rules/r12-image-type.ts). */
import { imageTypeProblem as r12Problem } from "../../rules";

/** Why a VM cannot clone this image, with the fix; undefined when it can (R12). */
export function imageTypeProblem(vmName: string, imageName: string, type: string): string | undefined {
  const problem = r12Problem(vmName, imageName, type);
  return problem === undefined ? undefined : `${problem.message} Fix: ${problem.fix}`;
}
