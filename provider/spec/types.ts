import type { ClusterModel, Finding } from "../rules/model";
import type { SchemaIssue } from "../model/schema-issue";
import type { Position } from "./line-index";
import type { SpecInputs } from "./to-inputs";

export type { Position, SchemaIssue };

/**
 * Why the input could not be read as it stands. FILE and SYNTAX make a file unusable (the
 * validate command exits 2); DUPLICATE_KEY and SCHEMA are reported with the rule findings.
 */
export type ProblemCode = "FILE" | "SYNTAX" | "DUPLICATE_KEY" | "SCHEMA";

export interface Problem extends SchemaIssue, Position {
  code: ProblemCode;
  file: string;
}

export interface LocatedFinding extends Finding, Position {
  file: string;
}

export interface LoadedSpec {
  file: string;
  /** The parsed document as written (undefined when the YAML could not be parsed). */
  spec: unknown;
  /**
   * The file's resources as inputs (to-inputs.ts), what fromSpec declares once the file has no
   * errors; undefined when the file was unusable.
   */
  inputs: SpecInputs | undefined;
  /** The cluster model the rules judged (made from `inputs`); undefined when the file was unusable. */
  model: ClusterModel | undefined;
  /** Syntax, duplicate-key and schema problems, in file order. */
  problems: Problem[];
  /** Rule findings with positions; findings on values the schema rejected are left out. */
  findings: LocatedFinding[];
  /** True when the file could not be read or parsed at all. */
  unusable: boolean;
  /** Where a spec path is written (the nearest enclosing value that exists). */
  locate(path: string): Position;
}
