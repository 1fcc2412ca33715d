/**
 * What every end-to-end test needs to drive the real `pulumi` CLI through the Automation API:
 * the CLI built by scripts/ensure-pulumi.sh, a throwaway file:// backend and PULUMI_HOME, and an
 * environment that never reaches for the network.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../../provider/model/package-root";
import { LocalWorkspace, PulumiCommand, Stack, PulumiFn, EngineEvent } from "@pulumi/pulumi/automation";

export const PACKAGE_ROOT = packageRoot(__dirname);
export const PULUMI_ROOT = process.env.SYNOVMM_PULUMI_ROOT ?? path.join(PACKAGE_ROOT, ".tools", "pulumi");

/**
 * The CLI, or a failure that says how to get it. Never a skip: an e2e test that silently does not
 * run would let CI pass without the real CLI ever being exercised.
 */
export async function pulumiCommand(): Promise<PulumiCommand> {
  const bin = path.join(PULUMI_ROOT, "bin", "pulumi");
  if (!fs.existsSync(bin)) {
    throw new Error(
      `e2e tests need the Pulumi CLI at ${bin}, which is missing. Fix: run 'npm run setup:pulumi' ` +
        `(it links a recent enough 'pulumi' from PATH or builds the pinned version with Go).`,
    );
  }
  return PulumiCommand.get({ root: PULUMI_ROOT });
}

export interface Sandbox {
  dir: string;
  envVars: Record<string, string>;
  pulumiHome: string;
  /** Every file of the stack's file backend (state, backups, history), as stored on disk. */
  stateFiles(): string;
  remove(): void;
}

function filesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(root, e.name)) : [path.join(root, e.name)]));
}

/** A fresh backend directory and PULUMI_HOME under the OS temp dir. */
export function makeSandbox(prefix = "synovmm-e2e-"): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const state = path.join(dir, "state");
  const pulumiHome = path.join(dir, "home");
  fs.mkdirSync(state);
  fs.mkdirSync(pulumiHome);
  return {
    dir,
    pulumiHome,
    envVars: {
      PULUMI_BACKEND_URL: `file://${state}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
    },
    stateFiles: () =>
      filesUnder(state)
        .map((f) => fs.readFileSync(f, "utf8"))
        .join("\n"),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** An inline-program stack in the sandbox. The provider process starts in the package root. */
export async function inlineStack(sandbox: Sandbox, projectName: string, program: PulumiFn): Promise<Stack> {
  return LocalWorkspace.createOrSelectStack(
    { stackName: "test", projectName, program },
    { pulumiCommand: await pulumiCommand(), envVars: sandbox.envVars, pulumiHome: sandbox.pulumiHome },
  );
}

/**
 * A stack whose provider process runs in `workDir` (see installed-package.ts), with stack config.
 * Config values marked secret are encrypted in state by the engine.
 */
export async function projectStack(
  sandbox: Sandbox,
  workDir: string,
  projectName: string,
  program: PulumiFn,
  config: Record<string, { value: string; secret?: boolean }> = {},
): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "test", projectName, program },
    {
      workDir,
      projectSettings: { name: projectName, runtime: "nodejs" },
      pulumiCommand: await pulumiCommand(),
      envVars: sandbox.envVars,
      pulumiHome: sandbox.pulumiHome,
    },
  );
  if (Object.keys(config).length > 0) await stack.setAllConfig(config);
  return stack;
}

/** Collects engine events and CLI output of one operation, for assertions and for failure messages. */
export class Recorder {
  readonly events: EngineEvent[] = [];
  readonly output: string[] = [];
  readonly onEvent = (e: EngineEvent): void => {
    this.events.push(e);
  };
  readonly onOutput = (s: string): void => {
    this.output.push(s);
  };

  /** `[urn suffix, op]` of each resource step the engine announced. */
  steps(): Array<[string, string]> {
    return this.events.flatMap((e) =>
      e.resourcePreEvent
        ? [[e.resourcePreEvent.metadata.urn.split("::").pop() ?? "", e.resourcePreEvent.metadata.op]]
        : [],
    ) as Array<[string, string]>;
  }

  text(): string {
    return this.output.join("");
  }
}
