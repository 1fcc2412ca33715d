/**
 * DSM sessions: sid per login, idle expiry (106), logout (119 afterwards), optional SynoToken,
 * and the per-address failed-login counter behind 407. A sid belongs to the box (NAS) that issued
 * it: every other box answers 119 for it, as a real NAS does for another NAS's sid (ADR 019; GOS
 * `IsSessionAlive` reads 119 as "not logged in here"). The failed-login counter stays per caller
 * address across the whole simulator [ours].
 */
import { createHash, randomBytes } from "node:crypto";
import { fail } from "../model/errors";

interface Session {
  sid: string;
  /** Address of the box that issued it: the only one that accepts it. */
  box: string;
  account: string;
  lastUsed: number;
  token: string | null;
  expired: boolean;
}

const BLOCK_MS = 60_000;

export class Sessions {
  private readonly bySid = new Map<string, Session>();
  private readonly failures = new Map<string, { count: number; blockedUntil: number }>();

  constructor(
    private readonly idleMs: number,
    private readonly maxFailures: number,
    private readonly now: () => number,
  ) {}

  login(
    account: string,
    ok: boolean,
    remote: string,
    withToken: boolean,
    box: string,
  ): { sid: string; token: string | null } {
    const f = this.failures.get(remote) ?? { count: 0, blockedUntil: 0 };
    if (f.blockedUntil > this.now()) {
      fail(
        407,
        "account",
        `address ${remote} is blocked after ${this.maxFailures} failed logins; wait ${Math.ceil((f.blockedUntil - this.now()) / 1000)} s or reset the simulator`,
      );
    }
    if (!ok) {
      f.count++;
      if (f.count >= this.maxFailures) f.blockedUntil = this.now() + BLOCK_MS;
      this.failures.set(remote, f);
      fail(400, "passwd", "no such account or wrong password");
    }
    this.failures.delete(remote);
    // Session ids are random, not seeded: they are secrets and never part of the world.
    const sid = randomBytes(24).toString("base64url");
    const token = withToken ? randomBytes(8).toString("hex") : null;
    this.bySid.set(sid, { sid, box, account, lastUsed: this.now(), token, expired: false });
    return { sid, token };
  }

  /** Validates a session for a call on `box`; 119 unknown / another box's / bad token, 106 idle too long. */
  use(sid: string | undefined, token: string | undefined, box: string): void {
    if (sid === undefined || sid === "")
      fail(119, "_sid", "no session: log in with SYNO.API.Auth login and pass _sid");
    const s = this.bySid.get(sid);
    if (s === undefined)
      fail(119, "_sid", "session id not found (logged out, or from another simulator run); log in again");
    if (s.box !== box)
      fail(
        119,
        "_sid",
        `session id not found on this NAS (${box}): it was issued by another one (${s.box}); log in to each NAS you call`,
      );
    if (s.expired || this.now() - s.lastUsed > this.idleMs) {
      s.expired = true;
      fail(106, "_sid", `session timed out after ${Math.round(this.idleMs / 1000)} s idle; log in again`);
    }
    if (s.token !== null && token !== s.token)
      fail(119, "SynoToken", "this session needs its SynoToken (header X-SYNO-TOKEN or param SynoToken)");
    s.lastUsed = this.now();
  }

  /** Ends a session issued by `box`; another box's sid is not this box's to end. */
  logout(sid: string | undefined, box: string): void {
    if (sid !== undefined && this.bySid.get(sid)?.box === box) this.bySid.delete(sid);
  }

  clear(): void {
    this.bySid.clear();
    this.failures.clear();
  }
}

/** Log-safe form of a sid. */
export function hashSid(sid: string | undefined): string | null {
  if (sid === undefined || sid === "") return null;
  return createHash("sha256").update(sid).digest("hex").slice(0, 12);
}
