/**
 * The parts of the Pulumi SDK this package uses, imported by submodule. Why not
 * `import * as pulumi from "@pulumi/pulumi"`: the SDK's index also loads its Automation API, which
 * pulls in npm's own libraries (arborist, pacote, sigstore: ~640 modules) and cost ~0.8 s of CPU
 * in every program run — a third of a failing `pulumi preview` (bench/spec-error-preview.ts).
 * The submodules are the same files the index re-exports, so values and types are identical.
 */
export * from "@pulumi/pulumi/config";
export * from "@pulumi/pulumi/errors";
export * from "@pulumi/pulumi/metadata";
export * from "@pulumi/pulumi/output";
export * from "@pulumi/pulumi/resource";
export * as dynamic from "@pulumi/pulumi/dynamic";
export * as log from "@pulumi/pulumi/log";
