/**
 * Fault rules and per-method delays, applied in the service layer before a method runs (as in
 * vcsim), so a faulted call never changes the world. Probabilities draw from a seeded generator.
 */
import { Rng, seedState } from "../core/rng";
import type { DelayRule, FaultInfo, FaultRule } from "../types";

export interface FaultDecision {
  delayMs: number;
  drop: boolean;
  dropAnswer: boolean;
  code: number | null;
}

export class Faults {
  private rules: FaultInfo[] = [];
  private delays: DelayRule[] = [];
  private counter = 0;
  private rng: Rng;

  constructor(private readonly seed: string | number) {
    this.rng = new Rng(seedState(`${seed}/faults`));
  }

  add(rule: FaultRule): string {
    if (rule.probability !== undefined && (rule.probability < 0 || rule.probability > 1)) {
      throw new Error(`fault probability ${rule.probability} must be between 0 and 1`);
    }
    if (
      rule.code === undefined &&
      rule.delayMs === undefined &&
      rule.drop !== true &&
      rule.dropAnswer !== true
    ) {
      throw new Error("a fault rule needs code, delayMs, drop: true or dropAnswer: true");
    }
    const id = `fault-${++this.counter}`;
    this.rules.push({ ...rule, id, hits: 0 });
    return id;
  }

  remove(id: string): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  list(): FaultInfo[] {
    return this.rules.map((r) => ({ ...r }));
  }

  setDelay(rule: DelayRule): void {
    this.delays = this.delays.filter((d) => !(d.api === rule.api && d.method === rule.method));
    this.delays.push({ ...rule });
  }

  clearDelays(): void {
    this.delays = [];
  }

  clear(): void {
    this.rules = [];
    this.rng = new Rng(seedState(`${this.seed}/faults`));
  }

  /** `boxMatches` tells whether a rule's `box` names the box the request reached. */
  decide(api: string, method: string, boxMatches: (ref: FaultRule["box"]) => boolean): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, drop: false, dropAnswer: false, code: null };
    for (const d of this.delays) {
      if (d.api === api && (d.method === undefined || d.method === method)) decision.delayMs += d.ms;
    }
    for (const r of this.rules) {
      if (r.api !== undefined && r.api !== api) continue;
      if (r.method !== undefined && r.method !== method) continue;
      if (r.box !== undefined && !boxMatches(r.box)) continue;
      if (r.maxCount !== undefined && r.hits >= r.maxCount) continue;
      if (this.rng.float() >= (r.probability ?? 1)) continue;
      r.hits++;
      decision.delayMs += r.delayMs ?? 0;
      if (r.drop === true) decision.drop = true;
      if (r.dropAnswer === true) decision.dropAnswer = true;
      if (r.code !== undefined && decision.code === null) decision.code = r.code;
    }
    return decision;
  }
}
