/**
 * Logs out once when the engine ends the provider process (ADR 022). The engine stops a plugin
 * with SIGINT and kills it about five seconds later (measured with pulumi v3.248.0); the dynamic
 * provider SDK forwards no other end-of-run hook. So on SIGINT or SIGTERM every DSM session this
 * process opened is logged out (one logout per NAS), bounded by LOGOUT_BUDGET_MS so the command is
 * never held up by a NAS that does not answer, and then the process dies of the same signal, as
 * it would have without this handler.
 */
import { closeLiveApis } from "./context";
import { providerProcess } from "./process";

/** Less than the engine's grace period: a slow logout must not end in SIGKILL or hold up the CLI. */
export const LOGOUT_BUDGET_MS = 1500;

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

/** Installs the handlers once per process (configure may be called more than once). */
export function logOutOnEngineShutdown(): void {
  const proc = providerProcess();
  if (proc.shutdownHooked) return;
  proc.shutdownHooked = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    // Only ours: with no handler left, the re-raised signal ends the process the default way.
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, LOGOUT_BUDGET_MS).unref());
    void Promise.race([closeLiveApis().catch(() => undefined), deadline]).finally(() =>
      process.kill(process.pid, signal),
    );
  };
  for (const s of SIGNALS) process.once(s, onSignal);
}
