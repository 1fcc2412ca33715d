/**
 * The demo's Pulumi side: the CLI from scripts/ensure-pulumi.sh, and a stack on a throwaway local
 * file backend under `<repo>/.demo/`, driven inline through the Automation API (the same way as
 * test/e2e/support/pulumi.ts, which explains why inline: no Node.js language host is needed).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";

/**
 * Runs scripts/ensure-pulumi.sh --cli-only (its progress goes to our stderr) and returns the CLI's
 * bin folder. The demo's program is inline, so the language host is not needed: the script only
 * says once that `pulumi up` on a project folder will need it.
 */
export function ensurePulumi(root: string): string {
  let out: string;
  try {
    out = execFileSync("bash", [path.join(root, "scripts", "ensure-pulumi.sh"), "--cli-only"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
  } catch (error) {
    const status = (error as { status?: number | null }).status;
    throw new Error(
      `scripts/ensure-pulumi.sh could not provide the Pulumi CLI (exit ${status ?? "?"}; its message is above)`,
      { cause: error },
    );
  }
  const binDir = out.trim().split("\n").pop() ?? "";
  if (!fs.existsSync(path.join(binDir, "pulumi"))) {
    throw new Error(`scripts/ensure-pulumi.sh printed "${binDir}", which holds no pulumi binary`);
  }
  return binDir;
}

export interface DemoStackOptions {
  /** `<repo>/.demo`: emptied first, so every run starts from nothing. */
  demoDir: string;
  binDir: string;
  program: PulumiFn;
  config: Record<string, { value: string; secret?: boolean }>;
}

/**
 * A fresh stack. Its work folder sits under the repository so that the provider process, which
 * loads the handlers by package name, finds `pulumi-synology-vmm` in `<repo>/node_modules` (the
 * link made by scripts/link-self.js).
 */
export async function demoStack(options: DemoStackOptions): Promise<Stack> {
  const { demoDir } = options;
  fs.rmSync(demoDir, { recursive: true, force: true });
  const state = path.join(demoDir, "state");
  const pulumiHome = path.join(demoDir, "home");
  const workDir = path.join(demoDir, "work");
  for (const dir of [state, pulumiHome, workDir]) fs.mkdirSync(dir, { recursive: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "demo", projectName: "synovmm-demo", program: options.program },
    {
      workDir,
      projectSettings: { name: "synovmm-demo", runtime: "nodejs" },
      pulumiCommand: await PulumiCommand.get({ root: path.dirname(options.binDir) }),
      pulumiHome,
      envVars: {
        PULUMI_BACKEND_URL: `file://${state}`,
        // Encrypts the stack's secrets (the password) in this throwaway backend; not a real secret.
        PULUMI_CONFIG_PASSPHRASE: "synovmm-demo",
        // No network: no update check, no plugin downloads.
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
      },
    },
  );
  await stack.setAllConfig(options.config);
  return stack;
}
