/**
 * Shared pieces of the provider's e2e scenarios: a simulator, a spec file written for its
 * endpoints, a stack running `fromSpec` on it with the connection in stack config (password as a
 * secret), and readers of the simulator's own state, so tests assert what VMM would show.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import {
  startSimulator,
  type SimulatorHandle,
  type SimulatorOptions,
  type SnapshotGuest,
} from "../../../simulator";
import { simulatorSpecYaml, type ClusterSpec } from "../../../examples/demo/spec";
import { fromSpec } from "../../../provider/program/from-spec";
import { makeSandbox, projectStack, PULUMI_ROOT, Recorder, type Sandbox } from "./pulumi";
import { workDirFor } from "./installed-package";

export type { ClusterSpec, HostSpec, VmSpec } from "../../../examples/demo/spec";

export class Scenario {
  sim!: SimulatorHandle;
  sandbox!: Sandbox;
  workDir!: string;
  stack!: Stack;
  specFile!: string;
  adopt = false;

  static async start(name: string, options: SimulatorOptions): Promise<Scenario> {
    const s = new Scenario();
    s.sim = await startSimulator({ taskDurationMs: 50, ...options });
    try {
      s.sandbox = makeSandbox(`synovmm-e2e-${name}-`);
      s.specFile = path.join(s.sandbox.dir, "cluster.yaml");
      const workDir = workDirFor(s.sandbox.dir, "work");
      s.workDir = workDir;
      s.stack = await projectStack(
        s.sandbox,
        workDir,
        `synovmm-${name}`,
        async () => {
          await fromSpec(s.specFile, { adopt: s.adopt });
        },
        {
          "synovmm:endpoints": { value: JSON.stringify(s.sim.endpoints) },
          "synovmm:username": { value: s.sim.username },
          "synovmm:password": { value: s.sim.password, secret: true },
        },
      );
    } catch (err) {
      // E.g. no Pulumi CLI: a listening simulator would keep the process (a bench, a test run) alive.
      await s.sim.close();
      s.sandbox?.remove();
      throw err;
    }
    return s;
  }

  writeSpec(spec: ClusterSpec): void {
    fs.writeFileSync(this.specFile, simulatorSpecYaml(this.sim.endpoints, spec));
  }

  async preview(): Promise<{ summary: Record<string, number>; rec: Recorder }> {
    const rec = new Recorder();
    const r = await this.stack.preview({ onEvent: rec.onEvent, onOutput: rec.onOutput, diff: true });
    return { summary: r.changeSummary as Record<string, number>, rec };
  }

  /** The preview's failure text (CLI output + error), or undefined when it succeeded. */
  async previewFailure(): Promise<string | undefined> {
    const rec = new Recorder();
    try {
      await this.stack.preview({ onEvent: rec.onEvent, onOutput: rec.onOutput });
      return undefined;
    } catch (e) {
      return `${rec.text()}\n${(e as Error).message}`;
    }
  }

  async up(): Promise<{ changes: Record<string, number>; rec: Recorder }> {
    const rec = new Recorder();
    try {
      const r = await this.stack.up({ onEvent: rec.onEvent, onOutput: rec.onOutput });
      return { changes: (r.summary.resourceChanges ?? {}) as Record<string, number>, rec };
    } catch (e) {
      throw new Error(`pulumi up failed:\n${rec.text()}\n${(e as Error).message}`, { cause: e });
    }
  }

  /** `pulumi stack export` exactly as a user runs it (the Automation API's export shows secrets). */
  exportAsUserSees(): string {
    return execFileSync(
      path.join(PULUMI_ROOT, "bin", "pulumi"),
      ["stack", "export", "--stack", "test", "--non-interactive"],
      {
        cwd: this.workDir,
        env: { ...process.env, ...this.sandbox.envVars, PULUMI_HOME: this.sandbox.pulumiHome },
        encoding: "utf8",
      },
    );
  }

  /** Every state file of the stack's file backend, as stored on disk. */
  stateFilesOnDisk(): string {
    return this.sandbox.stateFiles();
  }

  guest(name: string): SnapshotGuest {
    const g = this.sim.control.snapshot().guests.find((x) => x.name === name);
    if (g === undefined) throw new Error(`simulator has no guest ${name}`);
    return g;
  }

  hostName(hostId: string | null): string | null {
    return this.sim.control.snapshot().hosts.find((h) => h.hostId === hostId)?.hostName ?? null;
  }

  /** True when the guest's power history shows it not running at some point after `since`. */
  wasStoppedSince(name: string, since: string): boolean {
    return this.guest(name).powerHistory.some((e) => e.at >= since && e.status !== "running");
  }

  async close(): Promise<void> {
    await this.sim.close();
    this.sandbox.remove();
  }
}
