/**
 * The one table of fields VMM cannot change in place (architecture decision 4). Everything not
 * listed here is updated in place: a running VM's host by live migration, an HA pair's hosts by
 * switchover, CPU/memory by a power cycle when allowed, disks by growing. README lists this table.
 */
import type { ResourceKind } from "../model/kinds";

export interface ReplaceRule {
  field: string;
  why: string;
}

export const REPLACE_ONLY: Record<ResourceKind, readonly ReplaceRule[]> = {
  Cluster: [],
  Host: [
    { field: "cluster", why: "a host leaves one cluster and joins another" },
    { field: "endpoint", why: "a different endpoint is a different NAS" },
    {
      field: "volumes",
      why: "VMM takes a host's volumes at join; changing them means leaving and joining again",
    },
  ],
  Image: [
    { field: "cluster", why: "images belong to one cluster" },
    { field: "name", why: "the official API cannot rename an image" },
    { field: "type", why: "an image's type is fixed at upload" },
    { field: "path", why: "a new file is a new image" },
    { field: "storage", why: "the official API cannot add or remove an image's storages" },
  ],
  VirtualMachine: [
    { field: "cluster", why: "a VM belongs to one cluster" },
    { field: "image", why: "the guest OS installs from the image at creation only (R12)" },
    { field: "storage", why: "VMM's API has no storage migration" },
    { field: "nics", why: "VMM's API cannot add, remove or rewire a VM's network interfaces" },
  ],
  HAPair: [
    { field: "cluster", why: "an HA pair belongs to one cluster" },
    { field: "vm", why: "HA protects one VM; another VM is another pair" },
  ],
};

export function replaceFields(kind: ResourceKind): string[] {
  return REPLACE_ONLY[kind].map((r) => r.field);
}
