/**
 * The spec layer: cluster YAML → positions, schema problems, the rules' model and located
 * findings. The provider calls loadSpec for whole files and validateResourceInputs in `check`.
 */
export { loadSpec, loadSpecBytes, loadSpecText } from "./load";
export { toModel } from "./to-model";
export { specInputs, type DeclaredVm, type SpecInputs } from "./to-inputs";
export { parseSize, tryParseSize, formatSize, suggestSize } from "../units/size";
export { validateResourceInputs } from "../model/schemas";
export { PULUMI_UNKNOWN } from "../model/unknown";
export { schemasDir, packageRoot } from "../model/package-root";
export type { LoadedSpec, LocatedFinding, Problem, ProblemCode, SchemaIssue, Position } from "./types";
