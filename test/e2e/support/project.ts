/**
 * A Pulumi project the way a user keeps one: a git repository with Pulumi.yaml,
 * a package.json depending on the packed tarball, a TypeScript index.ts calling
 * fromSpec("cluster.yaml"), the spec file and Pulumi.<stack>.yaml; driven by the plain `pulumi` CLI
 * as child processes (no Automation API), so the language host, ts-node and the CLI's own output
 * are what the test sees.
 *
 * The CLI runs asynchronously: the simulator lives in the test process and must keep answering
 * while a command runs.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { installedProject } from "./installed-package";
import { makeSandbox, PACKAGE_ROOT, PULUMI_ROOT, type Sandbox } from "./pulumi";

export const STACK = "dev";
export const PULUMI_BIN = path.join(PULUMI_ROOT, "bin", "pulumi");

/** What one CLI command did: its exit code and everything it printed (stdout then stderr). */
export interface CliRun {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
  /** stdout + stderr, what a person reads in the terminal. */
  output: string;
}

const INDEX_TS = `import { fromSpec } from "pulumi-synology-vmm";

export = fromSpec("cluster.yaml").then((c) => ({
  cluster: c.name,
  vms: Object.keys(c.virtualMachines),
}));
`;

/** What a user's tsconfig.json for a Pulumi TypeScript program looks like (strict, CommonJS). */
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "es2022",
    module: "node16",
    moduleResolution: "node16",
    esModuleInterop: true,
    skipLibCheck: true,
    types: [],
  },
  files: ["index.ts"],
};

function devVersion(name: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  return pkg.devDependencies[name];
}

let tsInstall: { tarball: string; nodeModules: string } | undefined;

/**
 * node_modules holding the packed package plus the TypeScript toolchain a Pulumi TypeScript
 * project brings (ts-node, typescript); installed once per tarball, from the npm cache.
 */
function typeScriptInstall(): { tarball: string; nodeModules: string } {
  if (tsInstall !== undefined) return tsInstall;
  const base = installedProject();
  const tarball = path.join(base, "pulumi-synology-vmm.tgz");
  const dir = `${base}-ts`;
  const nodeModules = path.join(dir, "node_modules");
  if (!fs.existsSync(path.join(nodeModules, "ts-node", "package.json"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(projectPackageJson(tarball), null, 2));
    execFileSync(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"],
      { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
    );
  }
  tsInstall = { tarball, nodeModules };
  return tsInstall;
}

function projectPackageJson(tarball: string): object {
  return {
    name: "my-vmm-cluster",
    private: true,
    main: "index.ts",
    dependencies: { "pulumi-synology-vmm": `file:${tarball}` },
    devDependencies: { typescript: devVersion("typescript"), "ts-node": devVersion("ts-node") },
  };
}

/** Environment of every CLI process: the CLI built by ensure-pulumi.sh first on PATH, nothing online. */
export function cliEnv(sandbox: Sandbox): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...sandbox.envVars,
    PULUMI_HOME: sandbox.pulumiHome,
    PATH: `${path.join(PULUMI_ROOT, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    NO_COLOR: "1",
  };
}

/** Runs `pulumi <args>` in `cwd` and resolves when it exits (never rejects on a non-zero code). */
export function runPulumi(
  cwd: string,
  env: NodeJS.ProcessEnv,
  args: string[],
  stdin?: string,
): Promise<CliRun> {
  const bin = PULUMI_BIN;
  if (!fs.existsSync(path.join(PULUMI_ROOT, "bin", "pulumi-language-nodejs"))) {
    throw new Error(
      `project e2e tests need pulumi-language-nodejs beside ${bin}. Fix: run 'npm run setup:pulumi' ` +
        `(scripts/ensure-pulumi.sh provides it from PATH, the machine cache or its source).`,
    );
  }
  const fullArgs = [...args, "--non-interactive", "--color=never"];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, fullArgs, { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ args: fullArgs, code: code ?? -1, stdout, stderr, output: `${stdout}${stderr}` }),
    );
    child.stdin.end(stdin ?? "");
  });
}

/** The failure text of a run that should have succeeded, for assertion messages. */
export function describeRun(run: CliRun): string {
  return `pulumi ${run.args.join(" ")} exited ${run.code}:\n${run.output}`;
}

export class ProjectDir {
  private constructor(
    readonly sandbox: Sandbox,
    readonly dir: string,
  ) {}

  /** A committed git repository with the project files; node_modules installed from the tarball. */
  static create(name: string, specYaml: string): ProjectDir {
    const sandbox = makeSandbox(`synovmm-project-${name}-`);
    const dir = path.join(sandbox.dir, "repo");
    fs.mkdirSync(dir);
    const install = typeScriptInstall();
    const project = new ProjectDir(sandbox, dir);
    project.write("Pulumi.yaml", `name: ${name}\nruntime: nodejs\ndescription: A Synology VMM cluster\n`);
    project.write("package.json", `${JSON.stringify(projectPackageJson(install.tarball), null, 2)}\n`);
    project.write("tsconfig.json", `${JSON.stringify(TSCONFIG, null, 2)}\n`);
    project.write("index.ts", INDEX_TS);
    project.write("cluster.yaml", specYaml);
    project.write(".gitignore", "node_modules/\n");
    fs.symlinkSync(install.nodeModules, path.join(dir, "node_modules"), "dir");
    project.git("init", "-q", "-b", "main");
    project.commit("A Synology VMM cluster as a Pulumi project");
    return project;
  }

  write(file: string, text: string): void {
    fs.writeFileSync(path.join(this.dir, file), text);
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), "utf8");
  }

  git(...args: string[]): string {
    return execFileSync(
      "git",
      [
        "-c",
        "user.name=synovmm e2e",
        "-c",
        "user.email=e2e@synovmm.invalid",
        "-c",
        "commit.gpgsign=false",
        ...args,
      ],
      { cwd: this.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
  }

  commit(message: string): void {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
  }

  pulumi(...args: string[]): Promise<CliRun> {
    return runPulumi(this.dir, cliEnv(this.sandbox), args);
  }

  /** Like pulumi(), but a non-zero exit fails with everything the CLI printed. */
  async pulumiOk(...args: string[]): Promise<CliRun> {
    const run = await this.pulumi(...args);
    if (run.code !== 0) throw new Error(describeRun(run));
    return run;
  }

  /** `stack init` plus the connection config, the password as a secret (what a user types). */
  async initStack(connection: {
    endpoints: readonly string[];
    username: string;
    password: string;
  }): Promise<void> {
    await this.pulumiOk("stack", "init", STACK);
    await this.pulumiOk("config", "set", "synovmm:endpoints", JSON.stringify(connection.endpoints));
    await this.pulumiOk("config", "set", "synovmm:username", connection.username);
    await this.pulumiOk("config", "set", "--secret", "synovmm:password", connection.password);
  }

  remove(): void {
    this.sandbox.remove();
  }
}

/** Lines of CLI output that betray a JavaScript stack trace or an installation path. */
export function leaks(output: string): string[] {
  return output.split("\n").filter((line) => line.includes("    at ") || line.includes("node_modules"));
}
