/**
 * The parsed spec document → the inputs of its resources, the one mapping of the spec to the
 * model's vocabulary: `fromSpec` declares these inputs, and the rules judge them
 * (to-model.ts). Tolerant on purpose: it also runs when the schema found problems, so every list
 * keeps its items (finding paths must match the file's indexes) and a missing or malformed value
 * becomes an empty one rather than an exception. On a file without schema problems it is exact.
 */
import type { VmDefaulted } from "../model/defaults";
import { AUTORUNS } from "../units/autorun";
import type { Autorun, ClusterInputs, HostInputs, ImageInputs, VirtualMachineInputs } from "../model/inputs";
import type { HaPairModel } from "../rules";

type Obj = Record<string, unknown>;
type Declared<T> = Omit<T, "cluster">;
/** A VM as a file declares it: the defaulted fields may be left out (model/defaults.ts). */
export type DeclaredVm = Omit<Declared<VirtualMachineInputs>, VmDefaulted> &
  Partial<Pick<VirtualMachineInputs, VmDefaulted>>;

/** A cluster file's resources, as declared (provider concerns such as `specHosts` are fromSpec's). */
export interface SpecInputs {
  /** A one-host lab may leave the cluster network out (R7 asks for it from two hosts on). */
  cluster: Omit<ClusterInputs, "adopt" | "clusterNetwork"> & Partial<Pick<ClusterInputs, "clusterNetwork">>;
  hosts: Declared<HostInputs>[];
  networks: { name: string }[];
  images: Declared<ImageInputs>[];
  /** Each VM as written; an HA VM's pair is in `haPairs`, at the same VM index. */
  virtualMachines: DeclaredVm[];
  haPairs: HaPairModel[];
}

const obj = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const int = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const oneOf = <T extends string>(v: unknown, words: readonly T[]): T | undefined =>
  words.find((w) => w === v);
const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);
const optStr = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Leaves out the keys whose value is undefined: absent in the file, absent in the inputs. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function host(raw: unknown): Declared<HostInputs> {
  const h = obj(raw);
  const capacity = h.capacity === undefined ? undefined : obj(h.capacity);
  return defined({
    name: str(h.name),
    address: str(h.address),
    endpoint: optStr(h.endpoint),
    volumes: list(h.volumes).map((v) => ({ path: str(obj(v).path), filesystem: str(obj(v).filesystem) })),
    sha: bool(h.sha),
    capacity: capacity && { cpu: int(capacity.cpu), memory: str(capacity.memory) },
    adopt: bool(h.adopt),
  });
}

function image(raw: unknown): Declared<ImageInputs> {
  const m = obj(raw);
  return defined({
    name: str(m.name),
    // A wrong type is the schema's to report; fromSpec never declares a file with schema problems.
    type: oneOf(m.type, ["iso", "disk", "vdsm"] as const) ?? "disk",
    path: str(m.path),
    storage: list(m.storage).map(str),
    adopt: bool(m.adopt),
  });
}

function vm(raw: unknown): DeclaredVm {
  const v = obj(raw);
  // Defaults are the resource's (model/defaults.ts): a field the file leaves out stays out.
  return defined({
    name: str(v.name),
    // No image: a blank boot disk (R12). A boot disk without size is the schema's to report.
    image: optStr(v.image),
    cpu: int(v.cpu),
    memory: str(v.memory),
    storage: str(v.storage),
    disks: list(v.disks).map((d) => defined({ size: optStr(obj(d).size) })),
    nics:
      v.nics === undefined
        ? undefined
        : list(v.nics).map((n) => defined({ network: str(obj(n).network), mac: optStr(obj(n).mac) })),
    host: optStr(v.host),
    power: oneOf(v.power, ["running", "stopped"] as const),
    autorun: oneOf<Autorun>(v.autorun, AUTORUNS),
    allowRestart: bool(v.allowRestart),
    description: optStr(v.description),
    adopt: bool(v.adopt),
  });
}

export function specInputs(document: unknown): SpecInputs {
  const root = obj(document);
  const spec = obj(root.spec);
  const net = spec.clusterNetwork === undefined ? undefined : obj(spec.clusterNetwork);
  const range = obj(net?.reservedRange);
  const vms = list(spec.virtualMachines);
  return {
    cluster: defined({
      cluster: str(obj(root.metadata).name),
      clusterNetwork: net && {
        subnet: str(net.subnet),
        reservedRange: { from: str(range.from), to: str(range.to) },
      },
      domain: optStr(spec.domain),
    }),
    hosts: list(spec.hosts).map(host),
    networks: list(spec.networks).map((n) => ({ name: str(obj(n).name) })),
    images: list(spec.images).map(image),
    virtualMachines: vms.map(vm),
    haPairs: vms.flatMap((raw, vmIndex) => {
      const v = obj(raw);
      if (v.highAvailability === undefined) return [];
      const ha = obj(v.highAvailability);
      return [{ vm: str(v.name), active: str(ha.active), passive: str(ha.passive), vmIndex }];
    }),
  };
}
