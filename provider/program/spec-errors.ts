/**
 * How a spec that breaks rules stops a Pulumi program: one `pulumi.RunError`
 * listing every finding as `file:line:col: rule: path: message Fix: fix`, each finding also logged
 * as its own error diagnostic. The CLI prints a RunError's message alone, without "unhandled
 * exception" and without a JavaScript stack.
 */
import * as pulumi from "../resources/pulumi-sdk";
import type { LoadedSpec } from "../spec/types";

/** One line per schema problem and per error finding, in the order a person fixes them. */
export function specErrorLines(loaded: LoadedSpec): string[] {
  return [
    ...loaded.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.path}: ${p.message} Fix: ${p.fix}`),
    ...loaded.findings
      .filter((f) => f.severity === "error")
      .map((f) => `${f.file}:${f.line}:${f.col}: ${f.rule}: ${f.path}: ${f.message} Fix: ${f.fix}`),
  ];
}

/** Every problem and error finding of a spec, one per line, as the user must read them. */
export function describeSpecErrors(loaded: LoadedSpec): string | undefined {
  const lines = specErrorLines(loaded);
  if (lines.length === 0) return undefined;
  return `The cluster spec ${loaded.file} breaks ${lines.length} rule(s); nothing was sent to any host:\n  ${lines.join("\n  ")}`;
}

/**
 * The error that stops the program, or undefined when the spec has no errors. Its `stack` is the
 * message itself: the SDK formats the stack of an uncaught error for its trace span, and formatting
 * the frames of a ts-node program through source maps took ~23 s and 3.5 GB.
 */
export async function specRunError(loaded: LoadedSpec): Promise<pulumi.RunError | undefined> {
  const message = describeSpecErrors(loaded);
  if (message === undefined) return undefined;
  for (const line of specErrorLines(loaded)) await pulumi.log.error(line);
  const error = new pulumi.RunError(message);
  Object.defineProperty(error, "stack", { value: message, writable: true, configurable: true });
  return error;
}
