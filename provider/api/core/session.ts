// DSM sessions, one per endpoint and account per process, shared by every concurrent caller: when
// Pulumi runs 16 creates at once, one login goes out and the other 15 wait on the same promise.
// A refused login (wrong password, blocked address, …) is remembered so it is never retried: a real
// NAS blocks the source address after repeated failures (Auth code 407). It is remembered for a
// while only (REFUSAL_MEMORY_MS), so a long-lived process sees an account re-enabled meanwhile.
// Transient login failures (code 100, busy, network) are not refusals: the caller retries them.

import { clientState } from "./process-state";
import { createHash } from "node:crypto";
import { DsmError } from "./error";
import { forgetSecret, registerSecret } from "./redact";

/** How long a refused login answers for the account without asking DSM again. */
export const REFUSAL_MEMORY_MS = 60_000;

export class SessionEntry {
  sid: string | undefined;
  pending: Promise<string> | undefined;
  refusal: DsmError | undefined;
  /** Until when (epoch ms) `refusal` is answered without a new login. */
  refusedUntil = 0;
  /** Clients currently using this session; the last one to close logs out. */
  readonly holders = new Set<object>();
  logins = 0;

  constructor(
    readonly origin: string,
    readonly username: string,
  ) {}

  /** The current session id, logging in through `login` when there is none (single flight). */
  async acquire(login: () => Promise<string>, isRefusal: (err: unknown) => boolean): Promise<string> {
    if (this.refusal && Date.now() < this.refusedUntil) throw this.refusal;
    this.refusal = undefined;
    if (this.sid) return this.sid;
    if (!this.pending) {
      const attempt = (async () => {
        try {
          this.logins++;
          const sid = await login();
          registerSecret(sid);
          this.sid = sid;
          return sid;
        } catch (err) {
          if (isRefusal(err) && err instanceof DsmError) {
            this.refusal = err;
            this.refusedUntil = Date.now() + REFUSAL_MEMORY_MS;
          }
          throw err;
        } finally {
          this.pending = undefined;
        }
      })();
      this.pending = attempt;
    }
    return this.pending;
  }

  /** Drops `sid` if it is still the current one; a newer sid from a concurrent re-login is kept. */
  invalidate(sid: string): void {
    if (this.sid === sid) this.sid = undefined;
  }

  forget(): void {
    forgetSecret(this.sid);
    this.sid = undefined;
  }
}

/** Sessions are per process, not per client object: kept in the process state. */
const sessions = (): Map<string, SessionEntry> => clientState().sessions;

/** The password is part of the key (hashed) so a corrected password gets a fresh entry, not the refusal. */
export function sessionFor(origin: string, username: string, password: string): SessionEntry {
  const digest = createHash("sha256").update(password).digest("hex");
  const key = `${origin}\n${username}\n${digest}`;
  let entry = sessions().get(key);
  if (!entry) {
    entry = new SessionEntry(origin, username);
    sessions().set(key, entry);
  }
  return entry;
}

export function dropSession(entry: SessionEntry): void {
  for (const [key, value] of sessions()) if (value === entry) sessions().delete(key);
}
