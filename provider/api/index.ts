// Public face of the DSM/VMM client. Handlers import from here only.

export { createClient, capabilitiesFromCatalogue, MANAGED_APIS } from "./client";
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
} from "./virtualization/api/guest-model";
export type { ReadOptions } from "./virtualization/api/guest";
export type { PowerOnOptions } from "./virtualization/api/guest-action";
export type { Image, ImageType, ImageCreateInput } from "./virtualization/api/guest-image";
export type { Network } from "./virtualization/api/network";
export type { Storage } from "./virtualization/api/storage";
export type { Host } from "./virtualization/api/host";
export type { TaskState, WaitOptions } from "./virtualization/api/task-info";
export type { Cluster, ClusterNetwork, ClusterCreateInput, ClusterPatch } from "./virtualization/cluster";
export type { ClusterHost, ClusterHostVolume, HostJoinInput, HostPatch } from "./virtualization/host";
export { sameBox } from "./virtualization/host";
export type { HaPair, HaInput } from "./virtualization/ha";
export type { DiskChanges } from "./virtualization/guest-disk";
