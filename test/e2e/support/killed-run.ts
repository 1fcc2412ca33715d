/** Pieces of the e2e tests that kill `pulumi up` mid-create and look at what it left on the NAS. */

/** A guest's declared name, also while it still has its provisional one (`vm-b.synovmm-…`, ADR 020). */
export function declaredName(name: string): string {
  return name.replace(/\.synovmm-[0-9a-f]{10}$/, "");
}

/** Polls `test` every 100 ms until it holds; throws after `timeoutMs`, naming `what`. */
export async function until(what: string, test: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
