// The seam between the client and the wire. The client only ever POSTs a form to a URL and reads back
// a status and a body; everything else (TLS, agents, axios) stays behind this interface so unit tests
// can inject a fake and the retry logic never sees an axios object (whose config holds the password).

import type { NetworkReason } from "./error";

export interface TransportRequest {
  /** Full URL, e.g. https://127.0.10.1:5001/webapi/entry.cgi. Never carries secrets. */
  readonly url: string;
  /** Form fields sent as application/x-www-form-urlencoded (keeps passwd and _sid out of URLs). */
  readonly form: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

export interface TransportResponse {
  readonly status: number;
  /** Raw body text; the client parses the DSM JSON envelope itself. */
  readonly body: string;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * A failure below HTTP. `sent` is false only when the request certainly never reached the server
 * (connection refused, name not resolved, TLS handshake failed): only then may a write be re-sent
 * without checking first.
 */
export class TransportError extends Error {
  override readonly name = "TransportError";
  constructor(
    readonly reason: NetworkReason,
    readonly sent: boolean,
    message: string,
  ) {
    super(message);
  }
}
