/**
 * Doctor's first pass: each endpoint on its own, reachable or not, and whether its TLS is verified.
 * One SYNO.API.Info query per endpoint, no login, no retry: a dead host answers once, quickly.
 */
import { createClient, DsmError } from "../../api";
import type { Logger, Transport } from "../../api";
import { hostOf, normalizeEndpoint } from "../../api/core/endpoint";
import type { ConnectionSettings } from "../../handlers/connection";
import type { Row } from "./table";

export interface EndpointProbe {
  readonly rows: Row[];
  /** Origins that answered SYNO.API.Info, in the configured order. */
  readonly answering: string[];
}

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

function failureDetail(err: unknown): string {
  if (!(err instanceof DsmError)) return String(err);
  // One attempt by design: the retry count the client appends says nothing here.
  const detail = (err.detail ?? "").replace(/; gave up after \d+ attempts?$/, "");
  return `${err.meaning}${detail ? ` — ${detail}` : ""}. Fix: ${err.hint}`;
}

export async function probeEndpoints(
  settings: ConnectionSettings,
  transport: Transport,
  log: Logger,
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
    const client = createClient({
      endpoints: [origin],
      username: settings.username,
      password: settings.password,
      transport,
      retry: { attempts: 1 },
      logger: log,
    });
    try {
      const { apis } = await client.capabilities();
      rows.push({
        check: "endpoint",
        where,
        verdict: "ok",
        detail: `DSM answered: ${apis.length} APIs listed`,
      });
      rows.push(tlsRow(origin, settings));
      answering.push(origin);
    } catch (err) {
      if (err instanceof DsmError && err.networkReason === "tls") {
        rows.push({ check: "endpoint", where, verdict: "ok", detail: "reachable: a TLS server answers" });
        rows.push({
          check: "tls",
          where,
          verdict: "FAIL",
          detail:
            `the certificate is not trusted (${err.meaning}). Fix: export the DSM certificate ` +
            "(Control Panel > Security > Certificate) and pass it, or its CA, as SYNOVMM_CA_CERTIFICATE " +
            "or synovmm:caCertificate (PEM text or file)",
        });
      } else {
        rows.push({ check: "endpoint", where, verdict: "FAIL", detail: failureDetail(err) });
      }
    } finally {
      await client.close();
    }
  }
  return { rows, answering };
}
