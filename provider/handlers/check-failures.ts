/**
 * The two ways a handler's `check` fails, written once: the inputs break their JSON Schema, or a
 * rule finds an error. Properties come from a finding's structured target, never from its path.
 */
import type { SchemaIssue } from "../model/schema-issue";
import type { ResourceKind } from "../model/kinds";
import { fieldText, pathOf, type Finding, type FindingTarget } from "../rules";
import type { CheckFailure } from "./handler";

/** Schema issues of the inputs; an issue about the inputs as a whole goes on `property`. */
export function inputFailures(issues: readonly SchemaIssue[], property: string): CheckFailure[] {
  return issues.map((i) => ({ property: i.path || property, reason: `${i.message} Fix: ${i.fix}` }));
}

/** The error findings (warnings do not fail a check), each on the property `propertyOf` names. */
export function failuresFromFindings(
  findings: readonly Finding[],
  propertyOf: (target: FindingTarget) => string,
): CheckFailure[] {
  return findings
    .filter((f) => f.severity === "error")
    .map((f) => ({ property: propertyOf(f.target), reason: `${f.rule}: ${f.message} Fix: ${f.fix}` }));
}

/** Is the finding about this very resource? */
export function isAbout(target: FindingTarget, kind: ResourceKind, name: string): boolean {
  return target.kind === kind && target.name === name;
}

/**
 * A field of this resource by its input name (`address`, `volumes[1].path`), `whole` for the
 * resource itself; anything else by its spec path.
 */
export function fieldOf(kind: ResourceKind, name: string, whole: string): (target: FindingTarget) => string {
  return (target) => (isAbout(target, kind, name) ? fieldText(target.field) || whole : pathOf(target));
}
