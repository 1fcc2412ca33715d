/**
 * One soak run, drawn from its seed: the starting cluster, the spec changes, the command each
 * change is applied with, and the faults that hit while it runs. Pure data (JSON in and out), so a
 * failing run prints its plan and `--replay` runs exactly that plan again, shrunk or not.
 */
import { Rng, seedState } from "../../simulator/core/rng";

export type Flavour = "sim" | "real";
export type Command = "up" | "refresh" | "preview";

/** One declared VM, in the soak's own small vocabulary (rendered to the spec format by spec.ts). */
export interface PlannedVm {
  name: string;
  /** Index into the run's hosts: where its storage (and so its disks) lives. */
  host: number;
  cpu: number;
  memoryMiB: number;
  /** Cloned from this image of the spec, or a blank boot disk when absent. */
  image?: string;
  dataDiskGiB?: number;
  power: "running" | "stopped";
  description?: string;
}

export interface Declared {
  images: string[];
  vms: PlannedVm[];
}

/** Faults that are rules of the simulator's fault API: armed when the command starts. */
export type RuleFault =
  | { kind: "dsm-code"; code: 100 | 106 | 119 | 500; api: string; method?: string; maxCount: number }
  | { kind: "drop-request"; api: string; method?: string; maxCount: number }
  | { kind: "drop-answer"; api: string; method: string; maxCount: number }
  | { kind: "task-poll-error"; maxCount: number }
  | { kind: "slow-answer"; api: string; ms: number };

/** Faults that happen at a moment: `atMs` after the command starts. */
export type TimedFault =
  | { kind: "host-down"; box: number; atMs: number; forMs: number }
  | { kind: "quorum-lost"; boxes: number[]; atMs: number; forMs: number }
  /** `atWrite`: from `atMs` on, wait (up to 3 s) for a write the NAS is still answering, then kill. */
  | { kind: "sigkill"; atMs: number; atWrite: boolean };

export type Fault = RuleFault | TimedFault;
export type FaultKind = Fault["kind"] | "slow-task";
export const FAULT_KINDS: readonly FaultKind[] = [
  "dsm-code",
  "drop-request",
  "drop-answer",
  "task-poll-error",
  "slow-answer",
  "slow-task",
  "host-down",
  "quorum-lost",
  "sigkill",
];

export interface Step {
  declared: Declared;
  command: Command;
  faults: Fault[];
}

export interface Plan {
  seed: number;
  flavour: Flavour;
  /** Boxes of the simulator, all members of the starting cluster. */
  hosts: number;
  /** How long the simulator's create and clone tasks run: long ones keep writes in flight. */
  taskDurationMs: number;
  /** Guests made in VMM by someone else before the run: never the stack's, never touched. */
  strangers: string[];
  /** The first `up`, without faults: the cluster the run starts from. */
  start: Declared;
  steps: Step[];
}

const GUEST = "SYNO.Virtualization.API.Guest";
const ACTION = "SYNO.Virtualization.API.Guest.Action";
const IMAGE = "SYNO.Virtualization.API.Guest.Image";
/** The official calls a run makes, with the methods each is made with: where faults can land. */
const TARGETS: readonly { api: string; methods: readonly string[] }[] = [
  { api: GUEST, methods: ["list", "get", "create", "set", "delete"] },
  { api: GUEST, methods: ["list", "get", "create", "set"] },
  { api: ACTION, methods: ["poweron", "poweroff"] },
  { api: IMAGE, methods: ["list", "create", "delete"] },
];
const WRITES: readonly { api: string; method: string }[] = [
  { api: GUEST, method: "create" },
  { api: GUEST, method: "set" },
  { api: GUEST, method: "delete" },
  { api: ACTION, method: "poweron" },
  { api: ACTION, method: "poweroff" },
  { api: IMAGE, method: "create" },
  { api: IMAGE, method: "delete" },
];

export const LIMITS = { maxVms: 10, images: ["img-a", "img-b"] } as const;

/** A small seeded chooser over the simulator's generator (the same sfc32). */
class Draw {
  private readonly rng: Rng;
  constructor(seed: number) {
    this.rng = new Rng(seedState(`soak/${seed}`));
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rng.float() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.rng.float() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
}

const MEMORY_MIB = [512, 1024, 2048, 4096] as const;

function newVm(d: Draw, name: string, hosts: number, images: readonly string[]): PlannedVm {
  const vm: PlannedVm = {
    name,
    host: d.int(0, hosts - 1),
    cpu: d.int(1, 4),
    memoryMiB: d.pick(MEMORY_MIB),
    power: d.chance(0.6) ? "running" : "stopped",
  };
  if (images.length > 0 && d.chance(0.7)) vm.image = d.pick(images);
  if (d.chance(0.3)) vm.dataDiskGiB = d.int(1, 4) * 4;
  if (d.chance(0.3)) vm.description = `soak vm ${name}`;
  return vm;
}

/**
 * A simulated box has 8 CPU threads and 16 GiB (simulator/model/bootstrap.ts). A plan that asks for
 * more running on one host is a wrong spec, refused by VMM (902) — not a fault — so the draw keeps
 * the running VMs of each storage host within 6 threads and 12 GiB.
 */
export function fits(declared: Declared, hosts: number): boolean {
  for (let h = 0; h < hosts; h++) {
    const running = declared.vms.filter((v) => v.host === h && v.power === "running");
    if (running.reduce((n, v) => n + v.cpu, 0) > 6) return false;
    if (running.reduce((n, v) => n + v.memoryMiB, 0) > 12 * 1024) return false;
  }
  return true;
}

/** One spec change that fits the hosts, or none when a few draws find none. */
function change(d: Draw, from: Declared, hosts: number, nextName: () => string): Declared {
  for (let attempt = 0; attempt < 5; attempt++) {
    const next = drawChange(d, from, hosts, nextName);
    if (fits(next, hosts)) return next;
  }
  return from;
}

/** One spec change: add, remove, resize, power, describe a VM; add or remove an image. */
function drawChange(d: Draw, from: Declared, hosts: number, nextName: () => string): Declared {
  const vms = from.vms.map((v) => ({ ...v }));
  const images = [...from.images];
  const roll = d.int(0, 9);
  const used = new Set(vms.flatMap((v) => (v.image === undefined ? [] : [v.image])));
  if (roll <= 2 && vms.length < LIMITS.maxVms) {
    for (let n = d.int(1, 3); n > 0 && vms.length < LIMITS.maxVms; n--)
      vms.push(newVm(d, nextName(), hosts, images));
  } else if (roll === 3 && vms.length > 0) {
    vms.splice(d.int(0, vms.length - 1), 1);
  } else if (roll <= 5 && vms.length > 0) {
    const vm = d.pick(vms);
    vm.cpu = d.int(1, 4);
    vm.memoryMiB = d.pick(MEMORY_MIB);
  } else if (roll === 6 && vms.length > 0) {
    const vm = d.pick(vms);
    vm.power = vm.power === "running" ? "stopped" : "running";
  } else if (roll === 7 && vms.length > 0) {
    const vm = d.pick(vms);
    vm.description = `soak vm ${vm.name}, edited ${d.int(1, 999)}`;
  } else {
    const absent = LIMITS.images.filter((i) => !images.includes(i));
    const removable = images.filter((i) => !used.has(i));
    if (absent.length > 0 && (removable.length === 0 || d.chance(0.6))) images.push(d.pick(absent));
    else if (removable.length > 0) images.splice(images.indexOf(d.pick(removable)), 1);
  }
  return { images, vms };
}

function ruleFault(d: Draw): RuleFault {
  const target = d.pick(TARGETS);
  switch (d.int(0, 4)) {
    case 0:
      return {
        kind: "dsm-code",
        code: d.pick([100, 106, 119, 500] as const),
        api: target.api,
        method: d.pick(target.methods),
        maxCount: d.int(1, 3),
      };
    case 1:
      return { kind: "drop-request", api: target.api, method: d.pick(target.methods), maxCount: d.int(1, 3) };
    case 2: {
      const w = d.pick(WRITES);
      return { kind: "drop-answer", api: w.api, method: w.method, maxCount: 1 };
    }
    case 3:
      return { kind: "task-poll-error", maxCount: d.int(1, 4) };
    default:
      return { kind: "slow-answer", api: target.api, ms: d.int(200, 1500) };
  }
}

function timedFault(d: Draw, hosts: number): TimedFault {
  const atMs = d.int(300, 6000);
  const roll = d.int(0, 2);
  // Quorum is lost when 2 of 3 members go down (R2); a real NAS answers the official API then too.
  if (roll === 0 && hosts >= 3) return { kind: "quorum-lost", boxes: [2, 3], atMs, forMs: d.int(500, 4000) };
  if (roll <= 1) return { kind: "host-down", box: d.int(1, hosts), atMs, forMs: d.int(500, 4000) };
  return { kind: "sigkill", atMs, atWrite: d.chance(0.5) };
}

export function drawPlan(seed: number, flavour: Flavour): Plan {
  const d = new Draw(seed);
  const hosts = d.int(1, 3);
  let counter = 0;
  const nextName = () => `vm-${String(++counter).padStart(2, "0")}`;
  const startImages = LIMITS.images.slice(0, d.int(0, 2));
  const start: Declared = { images: startImages, vms: [] };
  for (let n = d.int(0, 4); n > 0; n--) {
    const vm = newVm(d, nextName(), hosts, startImages);
    if (fits({ ...start, vms: [...start.vms, vm] }, hosts)) start.vms.push(vm);
  }
  const strangers = Array.from({ length: d.int(0, 2) }, (_, i) => `stranger-${i + 1}`);
  const steps: Step[] = [];
  let declared = start;
  for (let n = d.int(3, 8); n > 0; n--) {
    declared = change(d, declared, hosts, nextName);
    const command: Command = d.chance(0.7) ? "up" : d.chance(0.5) ? "refresh" : "preview";
    const faults: Fault[] = [];
    for (let f = d.int(0, 2); f > 0; f--) faults.push(ruleFault(d));
    if (d.chance(0.45)) faults.push(timedFault(d, hosts));
    steps.push({ declared, command, faults });
  }
  return {
    seed,
    flavour,
    hosts,
    taskDurationMs: d.chance(0.3) ? d.int(1500, 4000) : 50,
    strangers,
    start,
    steps,
  };
}

/** The plan with one fault left out: what the shrinker tries. */
export function withoutFault(plan: Plan, step: number, fault: number): Plan {
  return {
    ...plan,
    steps: plan.steps.map((s, i) =>
      i === step ? { ...s, faults: s.faults.filter((_, j) => j !== fault) } : s,
    ),
  };
}
