/**
 * Shapes an error the provider throws so the CLI prints its message once, with no Node frames.
 * Why this is needed: the SDK's dynamic-provider server
 * (@pulumi/pulumi/cmd/dynamic-provider) answers a failed check/diff/read/delete by writing
 * `${error}: ${error.stack}` to its stderr — which the engine shows to the user — and then sends
 * `error.message` as the gRPC error, which the engine attaches to the resource. For create/update
 * it sends only `error.message`. So the stderr line must not repeat the message nor carry frames:
 * it becomes a one-line pointer, and the message stays the whole story (what, where, why, fix).
 * Fields of a partial create (`id`, `properties`, `reasons`) are kept: the error is shaped in place.
 */
export const STDERR_POINTER = "the reason is in the error on the resource below";

export function shapeForEngine(thrown: unknown): Error {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  Object.defineProperty(error, "stack", { value: STDERR_POINTER, writable: true, configurable: true });
  Object.defineProperty(error, "toString", { value: () => "synovmm", writable: true, configurable: true });
  return error;
}
