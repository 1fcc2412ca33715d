import { providerProcess } from "./process";

/**
 * `SYNOVMM_DEBUG=1`: the provider prints its client's debug lines (each login, discovery, retries)
 * to stdout, which the engine shows, each with the provider process's id. A user can then match
 * the NAS's connection log line for line ("which process logged in, and how often"), and the e2e
 * tests count logins per process from the same lines. Off by default: a run's output stays short.
 * The lines carry no secret: the client scrubs passwords and session ids from its messages.
 */
export function debugEnabled(): boolean {
  const raw = process.env.SYNOVMM_DEBUG?.trim().toLowerCase();
  return raw !== undefined && ["1", "true", "yes"].includes(raw);
}

/**
 * One debug line, tagged with this process's id (the engine may start several per command) and
 * its number in the process: the CLI prints a line twice (as it happens and under Diagnostics), and
 * the number tells a repeat of one line from a second, identical event (a second login).
 */
export function debugLine(message: string): string {
  const serial = ++providerProcess().debugSerial;
  return `synovmm debug [pid ${process.pid} #${serial}]: ${message}`;
}
