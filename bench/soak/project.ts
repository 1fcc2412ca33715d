/**
 * The soak's Pulumi project: the e2e tests' project directory (the packed package installed, the
 * plain `pulumi` CLI, a file backend), with a JavaScript program so each command starts fast, and
 * CLI runs that can be killed — the CLI and every process under it, as a crash would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { killTree } from "../../test/e2e/support/process-tree";
import { cliEnv, PULUMI_BIN, ProjectDir, type CliRun } from "../../test/e2e/support/project";

const INDEX_JS = `const { fromSpec } = require("pulumi-synology-vmm");

// The cluster and its hosts exist before the soak starts: taken over. Images and VMs say
// adopt: false in the spec, so only what this stack created is ever taken over.
module.exports = fromSpec("cluster.yaml", { adopt: true }).then((c) => ({ vms: Object.keys(c.virtualMachines) }));
`;

export class SoakProject {
  private constructor(readonly project: ProjectDir) {}

  static create(specYaml: string): SoakProject {
    const project = ProjectDir.create("soak", specYaml);
    project.write(
      "Pulumi.yaml",
      "name: soak\nruntime:\n  name: nodejs\n  options:\n    typescript: false\ndescription: A soak run\n",
    );
    const pkg = JSON.parse(project.read("package.json")) as Record<string, unknown>;
    project.write("package.json", `${JSON.stringify({ ...pkg, main: "index.js" }, null, 2)}\n`);
    project.write("index.js", INDEX_JS);
    fs.rmSync(path.join(project.dir, "index.ts"));
    fs.rmSync(path.join(project.dir, "tsconfig.json"));
    return new SoakProject(project);
  }

  get dir(): string {
    return this.project.dir;
  }

  writeSpec(yaml: string): void {
    this.project.write("cluster.yaml", yaml);
  }

  /** `pulumi <args>`; `started` receives the CLI's process so a fault can kill it. */
  run(args: string[], started?: (child: ChildProcess) => void): Promise<CliRun> {
    return this.spawn(PULUMI_BIN, [...args, "--non-interactive", "--color=never"], started);
  }

  /** `npx synovmm <args>` in the project's folder, as the README has users run it. */
  synovmm(args: string[]): Promise<CliRun> {
    return this.spawn("npx", ["--no-install", "synovmm", ...args]);
  }

  private spawn(bin: string, fullArgs: string[], started?: (child: ChildProcess) => void): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(bin, fullArgs, {
        cwd: this.dir,
        env: cliEnv(this.project.sandbox),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
      child.on("error", reject);
      child.on("close", (code, signal) =>
        resolve({
          args: fullArgs,
          code: code ?? (signal === null ? -1 : 128 + 9),
          stdout,
          stderr,
          output: `${stdout}${stderr}`,
        }),
      );
      started?.(child);
    });
  }

  /** Every file of the stack's backend (state, backups, history), as stored on disk. */
  stateFiles(): string {
    return this.project.sandbox.stateFiles();
  }

  /**
   * Removes the empty storage sidecars (`<file>.attrs`) a SIGKILL can leave in the file backend and
   * returns their names. gocloud's fileblob writes the state atomically (temp file, rename) but
   * truncates and rewrites this small JSON file in place, so a kill at that moment leaves it empty
   * and every later command fails with "failed to load checkpoint: EOF"; a missing sidecar is read
   * as the default (README "When a run is interrupted").
   */
  removeEmptySidecars(): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) walk(file);
        else if (e.name.endsWith(".attrs") && fs.statSync(file).size === 0) {
          fs.rmSync(file);
          found.push(e.name);
        }
      }
    };
    walk(path.join(this.project.sandbox.dir, "state"));
    return found;
  }

  remove(): void {
    this.project.remove();
  }
}

/** SIGKILL to the CLI and everything under it at once, as a crash would: no cleanup, no lock released. */
export function killCli(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) killTree(child.pid);
}
