/**
 * The spec layer: cluster YAML → positions, schema problems, the rules' model and located
 * findings. The provider calls loadSpec for whole files and validateResourceInputs in `check`.
 */
export { loadSpec, loadSpecBytes, loadSpecText } from "./load";
export { toModel } from "./to-model";
export { parseSize, tryParseSize, formatSize, suggestSize } from "./units";
export { validateResourceInputs, PULUMI_UNKNOWN, type ResourceKind } from "./schemas";
export { schemasDir, packageRoot } from "./package-root";
export type { LoadedSpec, LocatedFinding, Problem, ProblemCode, SchemaIssue, Position } from "./types";
