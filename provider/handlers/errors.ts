/**
 * Errors a user reads in `pulumi preview`/`up`: what failed, on which resource, why (rule or DSM
 * code) and how to fix it — in the style "Unable to create VirtualMachine "web-1": …".
 */
import { fieldText, type Finding } from "../rules";
import { isAbout } from "./check-failures";
import type { ResourceKind } from "../model/kinds";

/**
 * An error whose message already says what failed and where ("Unable to <op> <Kind> "<name>": …").
 * handlers/entry.ts tells it from any other error by its type and leaves its message as it is.
 */
export class ProviderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProviderError";
  }
}

/** The one wording of "what failed and where" every provider error starts with. */
export function unableMessage(op: string, kind: ResourceKind, name: string, why: string): string {
  return `Unable to ${op} ${kind} "${name}": ${why}`;
}

export function unable(op: string, kind: ResourceKind, name: string, why: string): ProviderError {
  return new ProviderError(unableMessage(op, kind, name, why));
}

/** One error for all error findings; nothing was sent to any host when this is thrown. */
export function ruleViolation(
  op: string,
  kind: ResourceKind,
  name: string,
  findings: Finding[],
): ProviderError {
  // A field of this very resource by its input name (`address`), anything else by its spec path.
  const where = (f: Finding): string =>
    isAbout(f.target, kind, name) ? fieldText(f.target.field) || f.path : f.path;
  const lines = findings.map((f) => `${f.rule} at ${where(f)}: ${f.message} Fix: ${f.fix}`);
  return unable(op, kind, name, `${lines.join("\n  ")}\n  Nothing was sent to any host.`);
}

/**
 * The object exists but the rest of the job failed: the engine records `id` and `properties` and
 * the next `up` continues with an update (architecture decision 5). `__provider` must be carried
 * along, or a destroy right after cannot load the provider.
 */
export function partialCreate(
  id: string,
  properties: Record<string, unknown>,
  inputs: Record<string, unknown>,
  cause: unknown,
): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return Object.assign(
    new Error(`created (id ${id}) but not finished: ${reason}. Run 'pulumi up' again to finish.`),
    {
      id,
      properties: { ...properties, __provider: inputs.__provider },
      reasons: [reason],
    },
  );
}
