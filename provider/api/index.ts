// Public face of the DSM/VMM client. Handlers import from here only.

export { createClient, capabilitiesFromCatalogue, SIM_APIS } from "./client";
export type { ApiInfoEntry, Capabilities, CapabilityLevel, GuestActions, VmmClient } from "./client";
export type { ClientOptions, LogLevel, Logger, RetryOptions } from "./options";
export { DsmError } from "./core/error";
export type { DsmErrorCategory, NetworkReason, RedactedRequest } from "./core/error";
export { describeCode, familyOf } from "./core/codes";
export type { CodeInfo, CodeFamily } from "./core/codes";
export { redactParams, scrub, REDACTED } from "./core/redact";
export type { Transport, TransportRequest, TransportResponse } from "./core/transport";
export { TransportError } from "./core/transport";
export { resetProcessState } from "./core/process-state";
export type {
  Guest,
  GuestDisk,
  GuestNic,
  GuestCreateInput,
  GuestPatch,
  DiskSpec,
  NicSpec,
  Autorun,
  DiskController,
  NicModel,
} from "./official/guest-model";
export type { ReadOptions } from "./official/guest";
export type { PowerOnOptions } from "./official/guest-action";
export type { Image, ImageType, ImageCreateInput } from "./official/guest-image";
export type { Network } from "./official/network";
export type { Storage } from "./official/storage";
export type { Host } from "./official/host";
export type { TaskState, WaitOptions } from "./official/task-info";
export type { Cluster, ClusterNetwork, ClusterCreateInput, ClusterPatch } from "./sim/cluster";
export type { ClusterHost, ClusterHostVolume, HostJoinInput, HostPatch } from "./sim/host-membership";
export { sameBox } from "./sim/host-membership";
export type { HaPair, HaInput } from "./sim/ha";
export type { DiskChanges } from "./sim/guest-disk";
export type { ImageOwner } from "./sim/guest-image";
