// Client options as the provider passes them, and their defaults.

import type { Transport } from "./core/transport";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = (level: LogLevel, message: string) => void;

export interface RetryOptions {
  /** Total tries of one call, the first included (1 = no retry). */
  readonly attempts: number;
  /** First back-off delay; doubles per retry, with jitter. */
  readonly baseDelayMs: number;
}

export interface ClientOptions {
  /** Addresses of hosts of one cluster ("nas1", "10.0.0.5:5001", "https://nas1:5001"); the next answers when one is unreachable. */
  readonly endpoints: readonly string[];
  readonly username: string;
  readonly password: string;
  /** PEM text of a CA (or the self-signed DSM certificate) to trust. */
  readonly caCertificate?: string;
  /** Turns TLS verification off; a warning is logged. Prefer caCertificate. */
  readonly insecureSkipTlsVerify?: boolean;
  /** Per-request timeout (default 30 000). */
  readonly timeoutMs?: number;
  /** Requests in flight per endpoint, shared by all clients of this process (default 4; last configured wins). */
  readonly maxInFlightPerEndpoint?: number;
  /** Default { attempts: 4, baseDelayMs: 250 }. */
  readonly retry?: Partial<RetryOptions>;
  /** Receives every log line, already scrubbed of secrets. Default: warnings and errors to stderr. */
  readonly logger?: Logger;
  /** Replaces the HTTP layer (unit tests). */
  readonly transport?: Transport;
  /** DSM session name sent at login (default "synovmm"). */
  readonly sessionName?: string;
  /** How long an unreachable endpoint is tried last (default 15 000). */
  readonly endpointCooldownMs?: number;
  /** Deadline of one long operation (a create or image import task) unless the call names its own (default 600 000). */
  readonly operationTimeoutMs?: number;
}

export interface ResolvedOptions {
  readonly endpoints: readonly string[];
  readonly username: string;
  readonly password: string;
  readonly timeoutMs: number;
  readonly maxInFlightPerEndpoint: number;
  readonly retry: RetryOptions;
  readonly sessionName: string;
  readonly endpointCooldownMs: number;
  readonly operationTimeoutMs: number;
}

export const DEFAULTS = {
  timeoutMs: 30_000,
  maxInFlightPerEndpoint: 4,
  retry: { attempts: 4, baseDelayMs: 250 },
  sessionName: "synovmm",
  endpointCooldownMs: 15_000,
  operationTimeoutMs: 600_000,
} as const;

export const defaultLogger: Logger = (level, message) => {
  if (level === "warn" || level === "error") process.stderr.write(`synovmm ${level}: ${message}\n`);
};
