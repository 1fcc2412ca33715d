/**
 * The GitOps template (examples/gitops) as a team uses it: copied into a fresh git repository,
 * its packages installed from the packed tarball, one stack per cluster configured with the
 * README's commands, and the pipeline run by executing the `run:` steps of its workflow file, in
 * order, stopping at the first failure the way GitHub Actions does.
 */
import { execFileSync, spawn } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { installedProject } from "./installed-package";
import { makeSandbox, PACKAGE_ROOT, PULUMI_ROOT, type Sandbox } from "./pulumi";

export const TEMPLATE_DIR = path.join(PACKAGE_ROOT, "examples", "gitops");
const WORKFLOW = path.join(".github", "workflows", "synovmm.yml");

export interface Result {
  code: number;
  /** stdout and stderr, interleaved as printed. */
  output: string;
  stdout: string;
}

export interface StepResult extends Result {
  command: string;
}

export interface JobResult {
  ok: boolean;
  steps: StepResult[];
  /** What the job appended to $GITHUB_STEP_SUMMARY. */
  summary: string;
  /** Every step's output, for assertions and failure messages. */
  output: string;
}

/** The connection a stack needs; a running simulator satisfies it. */
export interface ClusterConnection {
  endpoints: readonly string[];
  username: string;
  password: string;
}

/**
 * node_modules of the template's package.json with pulumi-synology-vmm taken from the packed
 * tarball; installed once per tarball and template package.json, then linked into each repository.
 */
function templateModules(): string {
  const tarball = path.join(installedProject(), "pulumi-synology-vmm.tgz");
  const manifest = JSON.parse(fs.readFileSync(path.join(TEMPLATE_DIR, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  manifest.dependencies["pulumi-synology-vmm"] = `file:${tarball}`;
  const text = JSON.stringify(manifest, null, 2);
  const digest = crypto.createHash("sha256").update(text).update(fs.readFileSync(tarball)).digest("hex");
  const dir = path.join(PACKAGE_ROOT, ".e2e", `gitops-${digest.slice(0, 16)}`);
  const marker = path.join(dir, "node_modules", ".bin", "synovmm");
  if (!fs.existsSync(marker)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), text);
    execFileSync(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"],
      { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
    );
  }
  return path.join(dir, "node_modules");
}

export interface WorkflowJob {
  "runs-on": string | string[];
  needs?: string | string[];
  env?: Record<string, string>;
  steps: { run?: string; uses?: string }[];
}

/** The template's workflow as GitHub reads it (YAML aliases resolved). */
export function workflowJobs(repoDir: string): Record<string, WorkflowJob> {
  return (
    load(fs.readFileSync(path.join(repoDir, WORKFLOW), "utf8")) as { jobs: Record<string, WorkflowJob> }
  ).jobs;
}

/** The `run:` commands of one job of the template's workflow that call its scripts, in order. */
export function workflowScripts(repoDir: string, job: string): string[] {
  const workflow = { jobs: workflowJobs(repoDir) };
  const steps = workflow.jobs[job]?.steps;
  if (steps === undefined) throw new Error(`${WORKFLOW} has no job "${job}"`);
  return steps.flatMap((s) => (s.run !== undefined && s.run.includes("scripts/") ? [s.run.trim()] : []));
}

export class GitopsRepo {
  readonly dir: string;
  readonly summaryFile: string;
  private constructor(
    readonly sandbox: Sandbox,
    readonly env: NodeJS.ProcessEnv,
  ) {
    this.dir = path.join(sandbox.dir, "repo");
    this.summaryFile = path.join(sandbox.dir, "step-summary.md");
  }

  /**
   * A copy of the template, as shipped, in a new git repository on branch main (not committed
   * yet). `backendUrl` defaults to a file:// backend in the sandbox.
   */
  static create(name: string, backendUrl?: string): GitopsRepo {
    const sandbox = makeSandbox(`synovmm-e2e-${name}-`);
    const bin = path.join(PULUMI_ROOT, "bin");
    for (const tool of ["pulumi", "pulumi-language-nodejs"]) {
      if (!fs.existsSync(path.join(bin, tool))) {
        sandbox.remove();
        throw new Error(
          `The GitOps e2e tests run the plain pulumi CLI on a project, which needs ${path.join(bin, tool)}. ` +
            `Fix: run 'npm run setup:pulumi'.`,
        );
      }
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...sandbox.envVars,
      ...(backendUrl === undefined ? {} : { PULUMI_BACKEND_URL: backendUrl }),
      PULUMI_HOME: sandbox.pulumiHome,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
      GITHUB_ACTIONS: "true",
    };
    // The sandbox's blanket confirmation skip would turn into an implicit --yes that the CLI
    // refuses next to --preview-only; the scripts say --yes where they mean it, as in real CI.
    delete env.PULUMI_SKIP_CONFIRMATIONS;
    const repo = new GitopsRepo(sandbox, env);
    fs.cpSync(TEMPLATE_DIR, repo.dir, {
      recursive: true,
      filter: (src) => path.basename(src) !== "node_modules",
    });
    fs.symlinkSync(templateModules(), path.join(repo.dir, "node_modules"), "dir");
    repo.git("init", "--quiet", "--initial-branch", "main");
    repo.git("config", "user.email", "e2e@synovmm.test");
    repo.git("config", "user.name", "synovmm e2e");
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  }

  /** Stages everything and commits (nothing to commit is fine). */
  commit(message: string): void {
    this.git("add", "--all");
    if (this.git("status", "--porcelain").trim() !== "") this.git("commit", "--quiet", "-m", message);
  }

  /** Runs a program in the repository; never throws on a non-zero exit. */
  run(program: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Result> {
    return new Promise((resolve, reject) => {
      const child = spawn(program, args, { cwd: this.dir, env: { ...this.env, ...extraEnv } });
      const chunks: string[] = [];
      const stdout: string[] = [];
      child.stdout.on("data", (d: Buffer) => {
        chunks.push(d.toString());
        stdout.push(d.toString());
      });
      child.stderr.on("data", (d: Buffer) => chunks.push(d.toString()));
      child.on("error", reject);
      child.on("close", (code) =>
        resolve({ code: code ?? 1, output: chunks.join(""), stdout: stdout.join("") }),
      );
    });
  }

  async pulumi(...args: string[]): Promise<Result> {
    return this.run("pulumi", [...args, "--non-interactive"]);
  }

  /** The command's stdout; a non-zero exit throws with everything it printed. */
  async pulumiOk(...args: string[]): Promise<string> {
    const r = await this.pulumi(...args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (exit ${r.code}):\n${r.output}`);
    return r.stdout;
  }

  writeFile(relative: string, text: string): void {
    fs.writeFileSync(path.join(this.dir, relative), text);
  }

  /**
   * A cluster's spec file and its stack, configured with the commands the template's README gives
   * a team: stack init, connection settings, the password as a secret (for `lab`, replacing the
   * template's placeholder in its Pulumi.lab.yaml).
   */
  async addCluster(stack: string, specYaml: string, connection: ClusterConnection): Promise<void> {
    this.writeFile(path.join("clusters", `${stack}.yaml`), specYaml);
    await this.pulumiOk("stack", "init", stack);
    await this.pulumiOk(
      "config",
      "set",
      "--stack",
      stack,
      "synovmm:endpoints",
      JSON.stringify(connection.endpoints),
    );
    await this.pulumiOk("config", "set", "--stack", stack, "synovmm:username", connection.username);
    await this.pulumiOk(
      "config",
      "set",
      "--stack",
      stack,
      "--secret",
      "synovmm:password",
      connection.password,
    );
  }

  /**
   * Runs the script steps of workflow jobs in order, each job after the one it `needs`; the first
   * failing step ends the run (a failed job skips the jobs that need it).
   */
  async runJob(...jobs: string[]): Promise<JobResult> {
    fs.writeFileSync(this.summaryFile, "");
    const steps: StepResult[] = [];
    const commands = jobs.flatMap((job) => workflowScripts(this.dir, job));
    for (const command of commands) {
      const r = await this.run("bash", ["-c", command], { GITHUB_STEP_SUMMARY: this.summaryFile });
      steps.push({ command, ...r });
      if (r.code !== 0) break;
    }
    return {
      ok: steps.every((s) => s.code === 0),
      steps,
      summary: fs.readFileSync(this.summaryFile, "utf8"),
      output: steps.map((s) => `$ ${s.command}\n${s.output}`).join("\n"),
    };
  }

  /** `pulumi stack export` of a stack, as JSON. */
  async exportStack(stack: string): Promise<{ deployment: { resources?: ExportedResource[] } }> {
    return JSON.parse(await this.pulumiOk("stack", "export", "--stack", stack)) as {
      deployment: { resources?: ExportedResource[] };
    };
  }

  remove(): void {
    this.sandbox.remove();
  }
}

export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  outputs?: Record<string, unknown>;
}
