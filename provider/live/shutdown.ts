/**
 * Logs out once when the engine ends the provider process (ADR 022). The engine stops a plugin
 * with SIGINT and kills it about five seconds later (measured with pulumi v3.248.0); the dynamic
 * provider SDK forwards no other end-of-run hook. So on SIGINT or SIGTERM every DSM session this
 * process opened is logged out (one logout per NAS), bounded by LOGOUT_BUDGET_MS so the command is
 * never held up by a NAS that does not answer, and then the process dies of the same signal, as
 * it would have without this handler. An engine that died without a signal (SIGKILL, the OOM
 * killer) ends the process the same way once its watch sees it gone (engine-watch.ts, ADR 026).
 */
import { closeLiveApis } from "./context";
import { engineAddress, watchEngine } from "./engine-watch";
import { providerProcess } from "./process";

/** Less than the engine's grace period: a slow logout must not end in SIGKILL or hold up the CLI. */
export const LOGOUT_BUDGET_MS = 1500;

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

/** Logs out of every NAS this process logged in to, for at most LOGOUT_BUDGET_MS, then `end()`. */
function logOutThen(end: () => void): void {
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, LOGOUT_BUDGET_MS).unref());
  void Promise.race([closeLiveApis().catch(() => undefined), deadline]).finally(end);
}

/**
 * Installs the handlers once per process (configure may be called more than once). `argv` tells
 * whether this is a dynamic provider started by an engine, and where that engine listens.
 */
export function logOutOnEngineShutdown(argv: readonly string[] = process.argv): void {
  const proc = providerProcess();
  if (proc.shutdownHooked) return;
  proc.shutdownHooked = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    // Only ours: with no handler left, the re-raised signal ends the process the default way.
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    logOutThen(() => process.kill(process.pid, signal));
  };
  for (const s of SIGNALS) process.once(s, onSignal);
  const engine = engineAddress(argv);
  // Nobody reads this process's output any more: it ends without a word, as a crash would.
  if (engine !== undefined) watchEngine({ address: engine, onGone: () => logOutThen(() => process.exit(1)) });
}
