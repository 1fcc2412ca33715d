/**
 * The one mapping from resource inputs to what the rules judge. The spec loader maps
 * a whole file with it (spec/to-model.ts), and each handler's `check` maps what it can see: its
 * own inputs and, for the rest, what the live cluster says. Nothing is invented: a part a caller
 * does not know is left empty.
 */
import { withVmDefaults, type VmDefaulted as Defaulted } from "../model/defaults";
import type { HAPairInputs, HostInputs, VirtualMachineInputs } from "../model/inputs";
import type { ClusterModel, HaPairModel, HostModel, ImageModel, NetworkModel, VmModel } from "./model";

/** A host's fields the rules read, `sha` optional as in the inputs. */
export type HostParts = Omit<HostModel, "sha"> & Pick<HostInputs, "sha">;
/** A VM's fields the rules read, the defaulted ones optional as in the inputs. */
export type VmParts = Omit<VmModel, Defaulted> & Partial<Pick<VirtualMachineInputs, Defaulted>>;
/** An HA pair; `vmIndex` where the spec file says it (else found by the VM's name). */
export type HaPairParts = Pick<HAPairInputs, "vm" | "active" | "passive"> & { vmIndex?: number };

export interface ClusterParts {
  name: string;
  clusterNetwork?: ClusterModel["clusterNetwork"];
  domain?: string;
  hosts?: readonly HostParts[];
  networks?: readonly NetworkModel[];
  images?: readonly ImageModel[];
  virtualMachines?: readonly VmParts[];
  haPairs?: readonly HaPairParts[];
}

export function hostModel(h: HostParts): HostModel {
  return {
    name: h.name,
    address: h.address,
    ...(h.endpoint === undefined ? {} : { endpoint: h.endpoint }),
    volumes: h.volumes,
    sha: h.sha ?? false,
    ...(h.capacity === undefined ? {} : { capacity: h.capacity }),
  };
}

export function vmModel(parts: VmParts): VmModel {
  const v = withVmDefaults(parts);
  return {
    name: v.name,
    ...(v.image === undefined ? {} : { image: v.image }),
    cpu: v.cpu,
    memory: v.memory,
    storage: v.storage,
    nics: v.nics,
    ...(v.host === undefined ? {} : { host: v.host }),
    power: v.power,
    autorun: v.autorun,
    allowRestart: v.allowRestart,
  };
}

export function imageModel(i: ImageModel): ImageModel {
  return { name: i.name, type: i.type, storage: i.storage };
}

export function clusterModel(parts: ClusterParts): ClusterModel {
  const vms = parts.virtualMachines ?? [];
  const indexOf = (vm: string): number =>
    Math.max(
      0,
      vms.findIndex((v) => v.name === vm),
    );
  return {
    name: parts.name,
    ...(parts.clusterNetwork === undefined ? {} : { clusterNetwork: parts.clusterNetwork }),
    ...(parts.domain === undefined ? {} : { domain: parts.domain }),
    hosts: (parts.hosts ?? []).map(hostModel),
    networks: (parts.networks ?? []).map((n) => ({ name: n.name })),
    images: (parts.images ?? []).map(imageModel),
    virtualMachines: vms.map(vmModel),
    haPairs: (parts.haPairs ?? []).map((p): HaPairModel => ({
      vm: p.vm,
      active: p.active,
      passive: p.passive,
      vmIndex: p.vmIndex ?? indexOf(p.vm),
    })),
  };
}
