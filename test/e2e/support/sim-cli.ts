/**
 * `synovmm sim` as a user starts it: the bin script in a child process, its first stdout line
 * read as JSON (endpoints, credentials, control URL and the stack `config` to set), the world read
 * back through the control API, SIGTERM to stop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { createInterface } from "node:readline";
import type { WorldSnapshot } from "../../../simulator";
import { PACKAGE_ROOT } from "./pulumi";

export interface SimFirstLine {
  endpoints: string[];
  username: string;
  password: string;
  control: string;
  config: Record<string, string>;
  secretConfig: string[];
}

export interface RunningSim {
  info: SimFirstLine;
  snapshot(): Promise<WorldSnapshot>;
  stop(): Promise<number | null>;
}

export async function startSimCli(args: string[]): Promise<RunningSim> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(PACKAGE_ROOT, "bin", "synovmm.js"), "sim", ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) =>
      reject(new Error(`synovmm sim ${args.join(" ")} exited with ${code}:\n${stderr}`)),
    );
  });
  // Keep draining stdout so the request log never blocks the simulator.
  child.stdout?.resume();
  const info = JSON.parse(first) as SimFirstLine;
  return {
    info,
    async snapshot() {
      const response = await fetch(`${info.control}/state`);
      return (await response.json()) as WorldSnapshot;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}
