/**
 * The connection settings of a command that reads a live cluster (`doctor`, `import`): exactly the
 * provider's (handlers/connection.ts), from `--stack`'s `synovmm:*` config when given, else and for
 * what it lacks the `SYNOVMM_*` environment. One way to connect for every command.
 */
import type { ConnectionSettings } from "../handlers/connection";

/** The settings for `cluster`; throws an Error whose message says which setting and how to fix it. */
export function settingsFor(options: { cluster: string; stack?: string }): ConnectionSettings {
  const { connectionFor } = require("../handlers/connection") as typeof import("../handlers/connection");
  if (options.stack !== undefined) {
    const { useStackConfig } = require("./doctor/stack-config") as typeof import("./doctor/stack-config");
    useStackConfig(options.stack);
  }
  return connectionFor(options.cluster);
}
