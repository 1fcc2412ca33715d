/**
 * A step's faults, put on the simulator while one CLI command runs: rules armed when it starts,
 * timed events (a host down, quorum lost, a SIGKILL) at their moment, everything lifted when it
 * ends. Records which kinds really fired and whether a SIGKILL hit a write in flight.
 */
import type { ChildProcess } from "node:child_process";
import type { FaultRule, SimulatorHandle } from "../../simulator";
import type { Fault, FaultKind, RuleFault, TimedFault } from "./plan";
import { killCli } from "./project";

const TASK_INFO = "SYNO.Virtualization.API.Task.Info";
/**
 * At the managed level the provider creates images through our private create (ADR 027): a fault
 * drawn for the official image create hits that one too, so a plan means the same at both levels.
 */
const IMAGE_CREATE = { api: "SYNO.Virtualization.API.Guest.Image", method: "create" };
const OWNED_IMAGE_CREATE = { api: "SYNO.SynoVmmSim.Guest.Image", method: "create" };
const WRITE_METHODS = /^(create|set|delete|poweron|poweroff|shutdown)$/;

export interface Firing {
  fired: Set<FaultKind>;
  killed: boolean;
  /** The SIGKILL came while a create, clone or other task was unfinished on the NAS. */
  killedInWrite: boolean;
}

function asRule(f: RuleFault): FaultRule | undefined {
  switch (f.kind) {
    case "dsm-code":
      return { api: f.api, method: f.method, code: f.code, maxCount: f.maxCount };
    case "drop-request":
      return { api: f.api, method: f.method, drop: true, maxCount: f.maxCount };
    case "drop-answer":
      return { api: f.api, method: f.method, dropAnswer: true, maxCount: f.maxCount };
    case "task-poll-error":
      return { api: TASK_INFO, method: "get", code: 100, maxCount: f.maxCount };
    case "slow-answer":
      return undefined;
  }
}

function isTimed(f: Fault): f is TimedFault {
  return f.kind === "host-down" || f.kind === "quorum-lost" || f.kind === "sigkill";
}

/** A write the NAS has not finished: a write request unanswered, a task still running, a guest still being made. */
function writeInFlight(sim: SimulatorHandle): boolean {
  if (sim.control.inFlight().some((r) => WRITE_METHODS.test(r.method))) return true;
  const world = sim.control.snapshot();
  return world.tasks.some((t) => !t.finished) || world.guests.some((g) => g.status === "creating");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FaultSchedule {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly rules = new Map<string, FaultKind>();
  private readonly down = new Set<number>();
  private child: ChildProcess | undefined;
  private killedAt: number | undefined;
  private readonly logStart: number;
  readonly firing: Firing = { fired: new Set(), killed: false, killedInWrite: false };

  constructor(
    private readonly sim: SimulatorHandle,
    private readonly faults: readonly Fault[],
  ) {
    this.logStart = Math.max(0, ...sim.control.requestLog().map((e) => e.seq));
  }

  /** Arms the rules; call `started` with the CLI process once it runs. */
  arm(): void {
    for (const f of this.faults) {
      if (isTimed(f)) continue;
      if (f.kind === "slow-answer") {
        this.sim.control.setDelay({ api: f.api, ms: f.ms });
        if (f.api === IMAGE_CREATE.api) this.sim.control.setDelay({ api: OWNED_IMAGE_CREATE.api, ms: f.ms });
        continue;
      }
      const rule = asRule(f);
      if (rule === undefined) continue;
      this.rules.set(this.sim.control.addFault(rule), f.kind);
      if (rule.api === IMAGE_CREATE.api && rule.method === IMAGE_CREATE.method)
        this.rules.set(this.sim.control.addFault({ ...rule, ...OWNED_IMAGE_CREATE }), f.kind);
    }
  }

  started(child: ChildProcess): void {
    this.child = child;
    for (const f of this.faults)
      if (isTimed(f)) this.timers.push(setTimeout(() => void this.fire(f), f.atMs));
  }

  private running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  private async fire(f: TimedFault): Promise<void> {
    if (!this.running()) return;
    if (f.kind === "sigkill") {
      // Aimed at a write: poll the simulator's unfinished writes until one shows; a command that
      // ends first is not killed (and the kind does not count as fired).
      while (f.atWrite && !writeInFlight(this.sim)) {
        await sleep(5);
        if (!this.running()) return;
      }
      this.firing.fired.add(f.kind);
      this.firing.killed = true;
      this.killedAt = Date.now();
      this.firing.killedInWrite = writeInFlight(this.sim);
      if (this.child !== undefined) killCli(this.child);
      return;
    }
    this.firing.fired.add(f.kind);
    const boxes = f.kind === "host-down" ? [f.box] : f.boxes;
    for (const box of boxes) {
      if (this.down.has(box)) continue;
      this.down.add(box);
      await this.sim.control.hostDown(box, "unreachable");
    }
    this.timers.push(setTimeout(() => void this.restore(boxes), f.forMs));
  }

  private async restore(boxes: readonly number[]): Promise<void> {
    for (const box of boxes) {
      if (!this.down.delete(box)) continue;
      await this.sim.control.hostUp(box);
    }
  }

  /** Lifts every fault (hosts back up) and returns what fired. */
  async lift(): Promise<Firing> {
    for (const t of this.timers) clearTimeout(t);
    for (const info of this.sim.control.listFaults()) {
      const kind = this.rules.get(info.id);
      if (kind !== undefined && info.hits > 0) this.firing.fired.add(kind);
    }
    this.sim.control.clearFaults();
    this.sim.control.clearDelays();
    await this.restore([...this.down]);
    const calls = this.sim.control.requestLog().filter((e) => e.seq > this.logStart);
    for (const f of this.faults)
      if (f.kind === "slow-answer" && calls.some((c) => c.api === f.api)) this.firing.fired.add(f.kind);
    // A write request the NAS was still answering when the CLI died counts too (the log has its span).
    const at = this.killedAt;
    if (at !== undefined)
      this.firing.killedInWrite ||= calls.some((c) => {
        const from = Date.parse(c.time);
        return WRITE_METHODS.test(c.method) && from <= at && at <= from + c.durationMs;
      });
    return this.firing;
  }
}
