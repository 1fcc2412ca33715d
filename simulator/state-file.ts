/** `--state FILE`: the world saved after every change (coalesced) and restored at start. */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { wireWorld } from "./model/bootstrap";
import type { WorldState } from "./model/state";
import type { World, WorldSettings } from "./model/world";

export function loadState(file: string, settings: WorldSettings): World | null {
  if (!existsSync(file)) return null;
  let state: WorldState;
  try {
    state = JSON.parse(readFileSync(file, "utf8")) as WorldState;
  } catch (e) {
    throw new Error(
      `synovmm sim: state file ${file} is not valid JSON (${(e as Error).message}); fix or delete it to start fresh`,
      { cause: e },
    );
  }
  if (state.format !== 1 || !Array.isArray(state.boxes)) {
    throw new Error(
      `synovmm sim: state file ${file} is not a simulator state (format 1); delete it to start fresh`,
    );
  }
  return wireWorld(state, settings);
}

export class StateSaver {
  private pending: WorldState | null = null;

  constructor(private readonly file: string) {}

  /** Saves on the next turn of the event loop, once for a burst of changes. */
  schedule(state: WorldState): void {
    const first = this.pending === null;
    this.pending = state;
    if (first) setImmediate(() => this.flush(this.pending));
  }

  flush(state: WorldState | null): void {
    this.pending = null;
    if (state === null) return;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, this.file);
  }
}
