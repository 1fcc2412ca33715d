export * from "./types";
export { Cluster, ClusterArgs } from "./cluster";
export { Host, HostArgs } from "./host";
export { Image, ImageArgs } from "./image";
export { VirtualMachine, VirtualMachineArgs } from "./virtual-machine";
export { HAPair, HAPairArgs } from "./ha-pair";
export { providerFor, HANDLERS_MODULE } from "./provider-shim";
