/**
 * One doctor run: the provider's transport (same TLS options) wrapped in a recorder, the endpoint
 * pass, the cluster pass on the endpoints that answered, the table, and the recording if asked.
 */
import { createClient, scrub } from "../../api";
import type { LogLevel } from "../../api";
import { createAxiosTransport } from "../../api/core/axios-transport";
import { INFO_API, parseApiInfo, type ApiInfoMap } from "../../api/core/discovery";
import type { ConnectionSettings } from "../../live/connection";
import { clusterChecks } from "./cluster-checks";
import { probeEndpoints } from "./endpoints";
import { Recorder } from "./record";
import { formatTable, summarize, type Row } from "./table";

/** The first SYNO.API.Info answer the recorder saw: versions per API, which the client keeps to itself. */
function catalogueFrom(recorder: Recorder): ApiInfoMap | undefined {
  for (const e of recorder.exchanges()) {
    const body = e.body as { success?: boolean; data?: unknown } | undefined;
    if (e.api !== INFO_API || body?.success !== true) continue;
    try {
      return parseApiInfo(body.data);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export async function diagnose(
  settings: ConnectionSettings,
  options: { cluster: string; record?: string },
): Promise<number> {
  const axios = createAxiosTransport({
    caCertificate: settings.caCertificate,
    insecureSkipTlsVerify: settings.insecureSkipTlsVerify,
  });
  const recorder = new Recorder(axios.send);
  const notes = new Set<string>();
  const log = (level: LogLevel, message: string) => {
    if (level === "warn" || level === "error") notes.add(scrub(message));
  };
  const rows: Row[] = [];
  try {
    const probe = await probeEndpoints(settings, recorder.send);
    rows.push(...probe.rows);
    if (probe.answering.length === 0) {
      rows.push({
        check: "cluster",
        where: "cluster",
        verdict: "skip",
        detail: "not checked: no endpoint could be used (see the rows above)",
      });
    } else {
      const client = createClient({
        endpoints: probe.answering,
        username: settings.username,
        password: settings.password,
        transport: recorder.send,
        retry: { attempts: 2 },
        logger: log,
      });
      try {
        rows.push(...(await clusterChecks(client, () => catalogueFrom(recorder))));
      } finally {
        await client.close();
      }
    }
  } finally {
    axios.close();
  }

  const endpoints = settings.endpoints.length;
  console.log(
    `synovmm doctor: cluster "${options.cluster}", ${endpoints} endpoint${endpoints === 1 ? "" : "s"} from ${settings.source}, user ${settings.username}\n`,
  );
  console.log(formatTable(rows));
  console.log(`\n${summarize(rows)}`);
  // Retry, failover and TLS notices are in the rows above; only what the rows do not say is shown.
  const extra = [...notes].filter((n) => !/did not answer|attempt \d+ of|insecureSkipTlsVerify/.test(n));
  if (extra.length > 0) console.log(`\nNotes:\n${extra.map((n) => `  - ${n}`).join("\n")}`);
  if (options.record !== undefined) {
    try {
      recorder.write(options.record);
      console.log(
        `\nRecorded ${recorder.exchanges().length} requests and answers to ${options.record} (secrets redacted).`,
      );
    } catch (err) {
      console.error(
        `synovmm doctor: cannot write --record file ${options.record}: ${(err as Error).message}`,
      );
      return 2;
    }
  }
  return rows.some((r) => r.verdict === "FAIL") ? 1 : 0;
}
