// The real transport: axios over node's http/https agents. TLS is verified by default; a PEM CA
// certificate can be trusted (DSM ships self-signed certificates); verification can be switched off
// only explicitly, and the caller warns about it.

import http from "node:http";
import https from "node:https";
import axios, { AxiosError } from "axios";
import { Transport, TransportError, TransportResponse } from "./transport";
import type { NetworkReason } from "./error";

export interface AxiosTransportOptions {
  readonly caCertificate?: string;
  readonly insecureSkipTlsVerify?: boolean;
}

export interface ClosableTransport {
  readonly send: Transport;
  close(): void;
}

const NOT_SENT: Record<string, NetworkReason> = {
  ECONNREFUSED: "refused",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EADDRNOTAVAIL: "unreachable",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
};

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_NOT_YET_VALID",
  "EPROTO",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);

/** Maps an axios/node failure to a TransportError that carries no request data. */
export function toTransportError(err: unknown, timeoutMs: number): TransportError {
  const rawCode = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  const code = typeof rawCode === "string" ? rawCode : "";
  const causeRaw =
    err instanceof AxiosError && err.cause ? (err.cause as unknown as { code?: unknown }).code : undefined;
  const causeCode = typeof causeRaw === "string" ? causeRaw : "";
  const c = NOT_SENT[code] ? code : NOT_SENT[causeCode] ? causeCode : code || causeCode;
  if (NOT_SENT[c]) return new TransportError(NOT_SENT[c], false, `${c}: no connection could be made`);
  if (TLS_CODES.has(c) || TLS_CODES.has(causeCode)) {
    return new TransportError("tls", false, `TLS verification failed (${c || causeCode})`);
  }
  if (c === "ECONNABORTED" || c === "ETIMEDOUT" || c === "ERR_CANCELED") {
    return new TransportError("timeout", true, `no answer within ${timeoutMs} ms`);
  }
  if (c === "ECONNRESET" || c === "EPIPE" || c === "ERR_BAD_RESPONSE") {
    return new TransportError("reset", true, `connection dropped before the answer (${c})`);
  }
  // "socket hang up" has no code in some node versions: the server closed without answering.
  const message = err instanceof Error ? err.message : String(err);
  if (/socket hang up|ECONNRESET/i.test(message)) {
    return new TransportError("reset", true, "connection dropped before the answer (socket hang up)");
  }
  return new TransportError("other", true, `${c || "network error"}: ${message.slice(0, 200)}`);
}

export function createAxiosTransport(options: AxiosTransportOptions): ClosableTransport {
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({
    keepAlive: true,
    ca: options.caCertificate,
    rejectUnauthorized: options.insecureSkipTlsVerify !== true,
  });
  const instance = axios.create({
    httpAgent,
    httpsAgent,
    maxRedirects: 0,
    proxy: false,
    responseType: "text",
    // Keep the body as text: the client parses DSM's envelope and reports a readable protocol error.
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });

  const send: Transport = async (request) => {
    try {
      const response = await instance.post<string>(
        request.url,
        new URLSearchParams({ ...request.form }).toString(),
        {
          timeout: request.timeoutMs,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        },
      );
      const body = typeof response.data === "string" ? response.data : JSON.stringify(response.data);
      const result: TransportResponse = { status: response.status, body };
      return result;
    } catch (err) {
      throw toTransportError(err, request.timeoutMs);
    }
  };

  return {
    send,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
