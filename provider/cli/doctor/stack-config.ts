/**
 * `synovmm doctor --stack NAME`: the stack's config as `pulumi config` shows it, handed to the
 * provider's own reader (handlers/connection.ts setConfigSource), so doctor sees exactly the
 * endpoints, credentials and TLS settings `pulumi up` would use. Secrets are read into memory only.
 */
import { execFileSync } from "node:child_process";
import { scrub } from "../../api";
import { setConfigSource } from "../../live/connection";

interface ConfigEntry {
  readonly value?: unknown;
}

function runPulumiConfig(stack: string): string {
  try {
    return execFileSync("pulumi", ["config", "--json", "--show-secrets", "--stack", stack], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") {
      throw new Error(
        "--stack needs the pulumi CLI, which is not on PATH. Fix: install it (npm run setup:pulumi in this " +
          "repository) or set the SYNOVMM_* environment variables instead of --stack",
        { cause: err },
      );
    }
    const why = scrub((e.stderr ?? "").trim().split("\n")[0] || "it failed");
    throw new Error(
      `\`pulumi config --stack ${stack}\` failed: ${why}. Fix: run doctor in the Pulumi project's folder ` +
        "and name an existing stack (pulumi stack ls)",
      { cause: err },
    );
  }
}

/** Makes `connectionFor` read this stack's `synovmm:*` config; throws a readable Error. */
export function useStackConfig(stack: string): void {
  let entries: Record<string, ConfigEntry>;
  try {
    entries = JSON.parse(runPulumiConfig(stack)) as Record<string, ConfigEntry>;
  } catch (err) {
    if (err instanceof SyntaxError)
      throw new Error(`\`pulumi config --json --stack ${stack}\` did not print JSON`, { cause: err });
    throw err;
  }
  setConfigSource((key) => {
    const value = entries[key]?.value;
    return typeof value === "string" ? value : value === undefined ? undefined : JSON.stringify(value);
  });
}
