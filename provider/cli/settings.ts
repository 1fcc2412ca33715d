/**
 * The connection settings of a command that reads a live cluster (`doctor`, `import`): exactly the
 * provider's (live/connection.ts), from `--stack`'s `synovmm:*` config when given, else and for
 * what it lacks the `SYNOVMM_*` environment. One way to connect for every command.
 */
import type { ConnectionSettings } from "../live/connection";

/** The settings for `cluster`; throws an Error whose message says which setting and how to fix it. */
export function settingsFor(options: { cluster: string; stack?: string }): ConnectionSettings {
  const { connectionFor, hostEndpointsFor } =
    require("../live/connection") as typeof import("../live/connection");
  if (options.stack !== undefined) {
    const { useStackConfig } = require("./doctor/stack-config") as typeof import("./doctor/stack-config");
    useStackConfig(options.stack);
  }
  const settings = connectionFor(options.cluster);
  // A host endpoint map `pulumi up` would refuse is a settings error here too, before anything is dialled.
  hostEndpointsFor(options.cluster);
  return settings;
}
