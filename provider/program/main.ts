// `main` of the root Pulumi.yaml: the stack outputs are what this module's export resolves to.
import { deploySpecFromConfig } from "./stack";

export = deploySpecFromConfig();
