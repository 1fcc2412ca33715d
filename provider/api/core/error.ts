// The one error class of the client, after octokit's RequestError: it says what failed (API and
// method), where (endpoint), why (DSM code and its meaning for that API family, or the network
// reason) and how to fix it, and carries the request with its secrets redacted.

import { describeCode } from "./codes";
import { redactParams, scrub } from "./redact";

/**
 * - `dsm`: DSM answered with an error code.
 * - `network`: no usable answer (refused, reset, timeout, TLS, HTTP status, unreadable body).
 * - `unsupported`: the cluster does not offer this API (official-only capability level).
 * - `outcome-unknown`: a write may or may not have been applied and could not be re-checked.
 * - `task`: a long-running task failed or vanished.
 * - `timeout`: a task did not finish before its deadline.
 * - `closed`: the client was used after close().
 * - `protocol`: DSM's answer did not have the expected shape.
 */
export type DsmErrorCategory =
  "dsm" | "network" | "unsupported" | "outcome-unknown" | "task" | "timeout" | "closed" | "protocol";

/** Network failure reasons; `sent` tells whether the request may have reached the server. */
export type NetworkReason =
  "refused" | "unreachable" | "dns" | "reset" | "timeout" | "tls" | "http" | "other";

export interface RedactedRequest {
  readonly api: string;
  readonly method: string;
  readonly version?: number;
  readonly url?: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface DsmErrorInit {
  readonly category: DsmErrorCategory;
  readonly api: string;
  readonly method: string;
  /** Origin the call went to, e.g. https://127.0.10.1:5001. */
  readonly endpoint: string;
  readonly code?: number;
  readonly meaning: string;
  readonly detail?: string;
  readonly hint: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly version?: number;
  readonly url?: string;
  readonly networkReason?: NetworkReason;
  /** For network errors: false only when the request certainly never reached the server. */
  readonly requestSent?: boolean;
  /** For task errors: the task id. */
  readonly taskId?: string;
}

export class DsmError extends Error {
  override readonly name = "DsmError";
  readonly category: DsmErrorCategory;
  readonly api: string;
  readonly method: string;
  readonly endpoint: string;
  readonly code: number | undefined;
  readonly meaning: string;
  readonly detail: string | undefined;
  readonly hint: string;
  readonly request: RedactedRequest;
  readonly networkReason: NetworkReason | undefined;
  readonly requestSent: boolean | undefined;
  readonly taskId: string | undefined;

  constructor(init: DsmErrorInit) {
    super("");
    this.category = init.category;
    this.api = init.api;
    this.method = init.method;
    this.endpoint = init.endpoint;
    this.code = init.code;
    this.meaning = scrub(init.meaning);
    this.detail = init.detail === undefined ? undefined : scrub(init.detail);
    this.hint = scrub(init.hint);
    this.networkReason = init.networkReason;
    this.requestSent = init.requestSent;
    this.taskId = init.taskId;
    this.request = {
      api: init.api,
      method: init.method,
      version: init.version,
      url: init.url === undefined ? undefined : scrub(init.url),
      params: redactParams(init.params ?? {}),
    };
    this.message = this.toString();
  }

  /** Host (and port when not the default) of the endpoint, as people name their NAS. */
  get where(): string {
    try {
      return new URL(this.endpoint).host;
    } catch {
      return this.endpoint;
    }
  }

  override toString(): string {
    const code = this.code === undefined ? "" : `${this.code} `;
    const detail = this.detail ? ` — ${this.detail}` : "";
    return scrub(
      `DSM call ${this.api} ${this.method} failed on ${this.where}: ${code}${this.meaning}${detail}. Fix: ${this.hint}`,
    );
  }

  /** True when DSM answered with one of these codes. */
  is(...codes: number[]): boolean {
    return this.category === "dsm" && this.code !== undefined && codes.includes(this.code);
  }
}

/** Builds the error for a DSM error code, with meaning and hint from the family's table. */
export function dsmCodeError(args: {
  api: string;
  method: string;
  endpoint: string;
  code: number;
  subject?: string;
  params?: Readonly<Record<string, unknown>>;
  version?: number;
  url?: string;
  /** Explanations DSM sent along (`error.errors[].reason`). */
  reasons?: readonly string[];
}): DsmError {
  const info = describeCode(args.api, args.code);
  const fromTable = info.detail && args.subject ? info.detail(args.subject) : undefined;
  const parts = [fromTable, ...(args.reasons ?? [])].filter((x): x is string => !!x);
  return new DsmError({
    category: "dsm",
    api: args.api,
    method: args.method,
    endpoint: args.endpoint,
    code: args.code,
    meaning: info.meaning,
    detail: parts.length ? parts.join("; ") : undefined,
    hint: info.hint,
    params: args.params,
    version: args.version,
    url: args.url,
  });
}

/** A copy of an error with another detail/hint/category; keeps everything else. */
export function withChanges(
  err: DsmError,
  changes: Partial<Pick<DsmErrorInit, "category" | "detail" | "hint" | "meaning">>,
): DsmError {
  return new DsmError({
    category: changes.category ?? err.category,
    api: err.api,
    method: err.method,
    endpoint: err.endpoint,
    code: err.code,
    meaning: changes.meaning ?? err.meaning,
    detail: changes.detail ?? err.detail,
    hint: changes.hint ?? err.hint,
    params: err.request.params,
    version: err.request.version,
    url: err.request.url,
    networkReason: err.networkReason,
    requestSent: err.requestSent,
    taskId: err.taskId,
  });
}
