/**
 * The Pulumi face's input and output shapes are the model's plain ones (provider/model/), so
 * handlers, resources and fromSpec speak one vocabulary; re-exported here for the resource classes
 * and the public API.
 */
export * from "../model/inputs";
export type { ResourceKind } from "../model/kinds";
