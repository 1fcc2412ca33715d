/**
 * Doctor's first pass: each endpoint on its own, reachable or not, and whether its TLS is verified.
 * One SYNO.API.Info query per endpoint straight through the transport: no session (a managed-level
 * capability check would log in on every host), no retry, so a dead host costs one attempt.
 */
import { TransportError } from "../../api";
import type { Transport } from "../../api";
import { networkDetail, networkHint } from "../../api/core/caller";
import { INFO_API, parseApiInfo } from "../../api/core/discovery";
import { hostOf, normalizeEndpoint } from "../../api/core/endpoint";
import { parseEnvelope } from "../../api/core/envelope";
import { ShapeError } from "../../api/core/shape";
import type { ConnectionSettings } from "../../live/connection";
import type { Row } from "./table";

export interface EndpointProbe {
  readonly rows: Row[];
  /** Origins that answered SYNO.API.Info, in the configured order. */
  readonly answering: string[];
}

/** A probe is one request; a host that has not answered in 10 s is reported, not waited for. */
const PROBE_TIMEOUT_MS = 10_000;
/** The client's own test for plain HTTP it does not warn about (createClient). */
const LOOPBACK = /^http:\/\/(127\.|localhost|\[::1\])/;

/** Why the connection to an answering endpoint is (or is not) protected. */
function tlsRow(origin: string, settings: ConnectionSettings): Row {
  const where = hostOf(origin);
  if (origin.startsWith("http:") && LOOPBACK.test(origin)) {
    return {
      check: "tls",
      where,
      verdict: "ok",
      detail: "plain http on loopback: nothing crosses the network",
    };
  }
  if (origin.startsWith("http:")) {
    return {
      check: "tls",
      where,
      verdict: "warn",
      detail:
        "plain http: the password and session id cross the network unencrypted. Fix: use https://<host>:5001",
    };
  }
  if (settings.insecureSkipTlsVerify) {
    return {
      check: "tls",
      where,
      verdict: "warn",
      detail:
        "not verified: insecureSkipTlsVerify is on, so anyone on the path can read the password. " +
        "Fix: pass the DSM certificate or its CA as caCertificate (SYNOVMM_CA_CERTIFICATE) and turn it off",
    };
  }
  return {
    check: "tls",
    where,
    verdict: "ok",
    detail: settings.caCertificate
      ? "verified against the configured caCertificate"
      : "verified against the system's trusted CAs",
  };
}

/** One SYNO.API.Info query without a session: query.cgi, then entry.cgi as the client does. */
async function queryCatalogue(origin: string, transport: Transport): Promise<number> {
  const form = { api: INFO_API, version: "1", method: "query", query: "all" };
  let response = await transport({ url: `${origin}/webapi/query.cgi`, form, timeoutMs: PROBE_TIMEOUT_MS });
  if (response.status !== 200) {
    response = await transport({ url: `${origin}/webapi/entry.cgi`, form, timeoutMs: PROBE_TIMEOUT_MS });
  }
  if (response.status !== 200) {
    throw new Error(
      `HTTP status ${response.status} instead of DSM's JSON. Fix: check that the endpoint points at DSM (port 5001 for HTTPS, 5000 for HTTP)`,
    );
  }
  const envelope = parseEnvelope(response.body);
  if (!envelope.ok) throw new Error(`SYNO.API.Info answered DSM error ${envelope.code}`);
  return parseApiInfo(envelope.data).size;
}

function unusable(origin: string, err: unknown): string {
  if (err instanceof TransportError)
    return `${err.message} — ${networkDetail(err, origin)}. Fix: ${networkHint(err)}`;
  if (err instanceof ShapeError) {
    return `the answer is not DSM's (${err.message}). Fix: check that the endpoint points at DSM, not another web server`;
  }
  return (err as Error).message;
}

/** Each endpoint once, in the configured order; no login, so a wrong password costs nothing here. */
export async function probeEndpoints(
  settings: ConnectionSettings,
  transport: Transport,
): Promise<EndpointProbe> {
  const rows: Row[] = [];
  const answering: string[] = [];
  for (const raw of settings.endpoints) {
    let origin: string;
    try {
      origin = normalizeEndpoint(raw);
    } catch (err) {
      rows.push({ check: "endpoint", where: raw, verdict: "FAIL", detail: (err as Error).message });
      continue;
    }
    const where = hostOf(origin);
    try {
      const count = await queryCatalogue(origin, transport);
      rows.push({ check: "endpoint", where, verdict: "ok", detail: `DSM answered: ${count} APIs listed` });
      rows.push(tlsRow(origin, settings));
      answering.push(origin);
    } catch (err) {
      if (err instanceof TransportError && err.reason === "tls") {
        rows.push({ check: "endpoint", where, verdict: "ok", detail: "reachable: a TLS server answers" });
        rows.push({
          check: "tls",
          where,
          verdict: "FAIL",
          detail:
            `the certificate is not trusted (${err.message}). Fix: export the DSM certificate ` +
            "(Control Panel > Security > Certificate) and pass it, or its CA, as SYNOVMM_CA_CERTIFICATE " +
            "or synovmm:caCertificate (PEM text or file)",
        });
      } else {
        rows.push({ check: "endpoint", where, verdict: "FAIL", detail: unusable(origin, err) });
      }
    }
  }
  return { rows, answering };
}
