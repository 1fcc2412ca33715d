/**
 * The parsed document → the rules' ClusterModel. Tolerant on purpose: it runs even when the
 * schema found problems, so every list keeps its items (finding paths must match the file's
 * indexes) and a missing or malformed value becomes an empty default rather than an exception.
 */
import type { ClusterModel, HostModel, ImageModel, VmModel } from "../rules/model";
import { tryParseSize } from "../model/units";
import { VM_DEFAULTS } from "../model/defaults";

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const optStr = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const int = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const mib = (v: unknown): number => (typeof v === "string" ? (tryParseSize(v) ?? 0) : 0);
/** One of `words`, else the default (the schema has already reported a wrong value). */
const oneOf = <T extends string>(v: unknown, words: readonly T[], fallback: T): T =>
  words.find((w) => w === v) ?? fallback;

function host(raw: unknown): HostModel {
  const h = obj(raw);
  const capacity = h.capacity === undefined ? undefined : obj(h.capacity);
  return {
    name: str(h.name),
    address: str(h.address),
    endpoint: optStr(h.endpoint),
    volumes: list(h.volumes).map((v) => ({ path: str(obj(v).path), filesystem: str(obj(v).filesystem) })),
    sha: h.sha === true,
    capacity: capacity && { cpu: int(capacity.cpu), memoryMiB: mib(capacity.memory) },
  };
}

function image(raw: unknown): ImageModel {
  const m = obj(raw);
  return {
    name: str(m.name),
    type: str(m.type),
    path: str(m.path),
    storage: list(m.storage).map((s) => str(s)),
  };
}

function vm(raw: unknown): VmModel {
  const v = obj(raw);
  const ha = v.highAvailability === undefined ? undefined : obj(v.highAvailability);
  return {
    name: str(v.name),
    image: str(v.image),
    cpu: int(v.cpu),
    memoryMiB: mib(v.memory),
    storage: str(v.storage),
    disks: list(v.disks).map((d) => ({ sizeMiB: mib(obj(d).size) })),
    nics: list(v.nics).map((n) => ({ network: str(obj(n).network), mac: optStr(obj(n).mac) })),
    host: optStr(v.host),
    power: oneOf(v.power, ["running", "stopped"], VM_DEFAULTS.power),
    autorun: oneOf(v.autorun, ["off", "last", "on"], VM_DEFAULTS.autorun),
    allowRestart: typeof v.allowRestart === "boolean" ? v.allowRestart : VM_DEFAULTS.allowRestart,
    highAvailability: ha && { active: str(ha.active), passive: str(ha.passive) },
  };
}

export function toModel(document: unknown): ClusterModel {
  const root = obj(document);
  const spec = obj(root.spec);
  const net = spec.clusterNetwork === undefined ? undefined : obj(spec.clusterNetwork);
  const range = obj(net?.reservedRange);
  return {
    name: str(obj(root.metadata).name),
    clusterNetwork: net && {
      subnet: str(net.subnet),
      reservedRange: { from: str(range.from), to: str(range.to) },
    },
    domain: optStr(spec.domain),
    hosts: list(spec.hosts).map(host),
    networks: list(spec.networks).map((n) => ({ name: str(obj(n).name) })),
    images: list(spec.images).map(image),
    virtualMachines: list(spec.virtualMachines).map(vm),
  };
}
