/**
 * One import: read the live cluster through the provider's client and TLS settings, build and
 * render the spec, and prove it validates (`synovmm validate`'s own loader) before anyone sees it.
 * Counts the HTTP requests it sent, for the summary line and the read budget (bench/import-large).
 */
import { createClient, scrub } from "../../api";
import type { LogLevel, Transport } from "../../api";
import { createAxiosTransport } from "../../api/core/axios-transport";
import type { ConnectionSettings } from "../../live/connection";
import { loadSpecText } from "../../spec";
import { readCluster } from "./read-cluster";
import { renderSpec } from "./render";
import { importedSpec, type ImportOptions, type ImportedSpec } from "./spec-model";

export interface ImportResult {
  readonly text: string;
  readonly spec: ImportedSpec;
  readonly level: string;
  /** HTTP requests sent, the login and logout included. */
  readonly requests: number;
  /** Warnings of the client (TLS off, plain HTTP, failover), scrubbed. */
  readonly warnings: readonly string[];
}

/** The rendered file does not validate: a defect of import, reported instead of written. */
export class InvalidImport extends Error {}

export async function importCluster(
  settings: ConnectionSettings,
  options: ImportOptions,
  now: Date = new Date(),
): Promise<ImportResult> {
  const axios = createAxiosTransport({
    caCertificate: settings.caCertificate,
    insecureSkipTlsVerify: settings.insecureSkipTlsVerify,
  });
  let requests = 0;
  const counted: Transport = (request) => {
    requests += 1;
    return axios.send(request);
  };
  const warnings = new Set<string>();
  const client = createClient({
    endpoints: settings.endpoints,
    username: settings.username,
    password: settings.password,
    transport: counted,
    // One retry: an unreachable NAS is reported in seconds, not after a long back-off.
    retry: { attempts: 2 },
    logger: (level: LogLevel, message: string) => {
      if (level === "warn" || level === "error") warnings.add(scrub(message));
    },
  });
  let live;
  try {
    live = await readCluster(client);
  } finally {
    await client.close().catch(() => undefined);
    axios.close();
  }
  const spec = importedSpec(live, options);
  const text = renderSpec(spec, {
    endpoint: settings.endpoints.join(", "),
    username: settings.username,
    at: now,
    level: live.level,
    reason: live.reason,
  });
  const loaded = loadSpecText(text, "imported spec");
  const errors = [
    ...loaded.problems.map((p) => `${p.line}:${p.col}: ${p.message}`),
    ...loaded.findings
      .filter((f) => f.severity === "error")
      .map((f) => `${f.line}:${f.col}: ${f.rule}: ${f.message}`),
  ];
  if (errors.length > 0) {
    throw new InvalidImport(
      `the spec read from the cluster does not validate, so nothing was written:\n  ${errors.join("\n  ")}\n` +
        "This is a defect of synovmm import: please report it with these lines.",
    );
  }
  return { text, spec, level: live.level, requests, warnings: [...warnings] };
}
