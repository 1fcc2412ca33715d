/**
 * Builds and runs test/go-synology/ (a small Go program on go-synology v0.1.11, a real client of
 * real NASes) against a running simulator. The binary is cached under .e2e/ by a digest of the
 * program's sources, so a second run does not rebuild. `go` comes from PATH; without it the caller
 * decides (fail in CI, skip locally).
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { PACKAGE_ROOT } from "./pulumi";

export const PROGRAM_DIR = path.join(PACKAGE_ROOT, "test", "go-synology");

/** The `go` command, or undefined when none is on PATH. */
export function goCommand(): string | undefined {
  const r = spawnSync("go", ["version"], { encoding: "utf8" });
  return r.status === 0 ? "go" : undefined;
}

/** Builds the probe (module proxy allowed: GOFLAGS=-mod=mod) and returns the binary's path. */
export function buildProbe(go: string): string {
  const digest = createHash("sha256");
  for (const f of ["main.go", "go.mod", "go.sum"]) digest.update(readFileSync(path.join(PROGRAM_DIR, f)));
  const dir = path.join(PACKAGE_ROOT, ".e2e", `go-synology-${digest.digest("hex").slice(0, 16)}`);
  const bin = path.join(dir, "go-synology-probe");
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  execFileSync(go, ["build", "-o", bin, "."], {
    cwd: PROGRAM_DIR,
    env: { ...process.env, GOFLAGS: "-mod=mod" },
    stdio: ["ignore", "inherit", "inherit"],
    timeout: 300_000,
  });
  return bin;
}

/** One JSON line of the probe: a step and what go-synology decoded. */
export interface ProbeStep {
  step: string;
  ok: boolean;
  code: number;
  error?: string;
  data?: Record<string, unknown>;
}

/**
 * Runs the probe asynchronously: the simulator answering it lives in this same process, so a
 * synchronous run would block the very server it calls.
 */
export async function runProbe(
  bin: string,
  args: { box1: string; box2: string; user: string; password: string },
): Promise<Map<string, ProbeStep>> {
  const { stdout: out } = await promisify(execFile)(
    bin,
    ["-box1", args.box1, "-box2", args.box2, "-user", args.user, "-password", args.password],
    { encoding: "utf8", timeout: 120_000 },
  );
  const steps = out
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as ProbeStep);
  return new Map(steps.map((s) => [s.step, s]));
}
