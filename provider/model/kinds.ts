/**
 * The one name of each resource kind, as users and Pulumi see it (`synovmm:index:VirtualMachine`)
 * and as messages say it ("Unable to create VirtualMachine …"). Every layer that speaks of a kind
 * imports it from here (there used to be a second, lower-case set in the spec layer).
 */
export type ResourceKind = "Cluster" | "Host" | "Image" | "VirtualMachine" | "HAPair";

/** Kinds whose inputs have a JSON Schema of their own in schemas/ (a Cluster is the spec file's top level). */
export type InputSchemaKind = Exclude<ResourceKind, "Cluster">;
