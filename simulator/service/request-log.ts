/** The request log: what each call asked, where, whether it changed anything — secrets redacted. */
import type { InFlightRequest, RequestLogEntry } from "../types";

const SECRET = new Set(["passwd", "password", "_sid", "synotoken", "device_id", "otp_code", "did"]);
const MAX_ENTRIES = 10_000;

export function redact(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) out[k] = SECRET.has(k.toLowerCase()) ? "***" : v;
  return out;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;
  /** Requests that arrived and have not been answered yet (an entry is logged when answered). */
  private readonly open = new Map<number, InFlightRequest>();
  private opened = 0;

  begin(request: InFlightRequest): number {
    const token = ++this.opened;
    this.open.set(token, request);
    return token;
  }

  end(token: number): void {
    this.open.delete(token);
  }

  inFlight(): InFlightRequest[] {
    return [...this.open.values()].map((r) => ({ ...r }));
  }

  add(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return full;
  }

  list(): RequestLogEntry[] {
    return this.entries.slice();
  }

  clear(): void {
    this.entries = [];
  }
}
