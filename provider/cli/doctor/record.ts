/**
 * `synovmm doctor --record FILE`: every request doctor sends and every answer it reads, in one JSON
 * file a user can attach to a bug report, and the replay of such a file through the client (the
 * contract test feeds recorded answers back in to prove the client still parses them).
 *
 * Secrets never reach the file: request parameters go through the client's `redactParams` (by
 * name: passwd, _sid, SynoToken…), and every string of an answer through `scrub` (by value: the
 * password and every session id this process has seen) after secret-named keys (`sid`) are blanked.
 */
import * as fs from "node:fs";
import { REDACTED, TransportError, redactParams, scrub } from "../../api";
import type { Transport, TransportRequest, TransportResponse } from "../../api";

export const RECORDING_FORMAT = "synovmm-doctor-recording";

/** One request and what came back: a DSM answer (status and body) or a failure below HTTP. */
export interface Exchange {
  readonly api: string;
  readonly method: string;
  readonly version: string;
  readonly url: string;
  readonly params: Readonly<Record<string, string>>;
  readonly status?: number;
  /** The answer, parsed when it is JSON (redacted), else its text (scrubbed). */
  readonly body?: unknown;
  /** Why no answer came (TransportError reason and message). */
  readonly failure?: { readonly reason: string; readonly message: string };
}

export interface Recording {
  readonly format: typeof RECORDING_FORMAT;
  readonly version: 1;
  readonly recordedAt: string;
  readonly exchanges: readonly Exchange[];
}

function isSecretName(key: string): boolean {
  return redactParams({ [key]: "" })[key] === REDACTED;
}

/**
 * A deep copy with the values of secret-named keys blanked and known secret values scrubbed from
 * every string. Only plain values are blanked: an object under such a name is an API catalogue
 * entry (`SYNO.API.OTP`, `SYNO.Core.OTP`), not a secret, and is walked like any other.
 */
export function redactAnswer(value: unknown): unknown {
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) return value.map(redactAnswer);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        isSecretName(k) && (typeof v !== "object" || v === null) ? REDACTED : redactAnswer(v),
      ]),
    );
  }
  return value;
}

function answerOf(body: string): unknown {
  try {
    return redactAnswer(JSON.parse(body));
  } catch {
    return scrub(body);
  }
}

/** Wraps a transport; keeps every exchange in memory, redacted as it happens. */
export class Recorder {
  private readonly list: Exchange[] = [];

  constructor(private readonly inner: Transport) {}

  readonly send: Transport = async (request: TransportRequest): Promise<TransportResponse> => {
    const { api = "", method = "", version = "" } = request.form;
    const base = { api, method, version, url: scrub(request.url) };
    try {
      const response = await this.inner(request);
      // Redact after the call: a login answer's sid becomes a known secret only once the client has it.
      this.list.push({
        ...base,
        params: redactParams(request.form),
        status: response.status,
        body: response.body,
      });
      return response;
    } catch (err) {
      const failure =
        err instanceof TransportError
          ? { reason: err.reason, message: scrub(err.message) }
          : { reason: "other", message: scrub(String(err)) };
      this.list.push({ ...base, params: redactParams(request.form), failure });
      throw err;
    }
  };

  /** Every exchange so far, with secrets removed (session ids registered since are scrubbed too). */
  exchanges(): Exchange[] {
    return this.list.map((e) => ({
      ...e,
      ...(typeof e.body === "string" ? { body: answerOf(e.body) } : {}),
    }));
  }

  recording(): Recording {
    return {
      format: RECORDING_FORMAT,
      version: 1,
      recordedAt: new Date().toISOString(),
      exchanges: this.exchanges(),
    };
  }

  write(file: string): void {
    fs.writeFileSync(file, `${JSON.stringify(this.recording(), null, 2)}\n`, { mode: 0o600 });
  }
}

/** Reads a recording file; throws a readable Error when it is not one. */
export function readRecording(file: string): Recording {
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Recording>;
  if (parsed.format !== RECORDING_FORMAT || !Array.isArray(parsed.exchanges)) {
    throw new Error(`${file} is not a synovmm doctor recording (format "${RECORDING_FORMAT}")`);
  }
  return parsed as Recording;
}

/**
 * A transport that answers from a recording: the recorded answers to each API and method, in
 * order, the last one repeating. A call that was never recorded answers DSM code 103.
 */
export function replayTransport(recording: Recording): Transport {
  const queues = new Map<string, Exchange[]>();
  for (const e of recording.exchanges) {
    const key = `${e.api} ${e.method}`;
    queues.set(key, [...(queues.get(key) ?? []), e]);
  }
  return async (request) => {
    const queue = queues.get(`${request.form.api} ${request.form.method}`) ?? [];
    const next = queue.length > 1 ? (queue.shift() as Exchange) : queue[0];
    if (next === undefined) return { status: 200, body: '{"success":false,"error":{"code":103}}' };
    if (next.failure) throw new TransportError("other", true, next.failure.message);
    const body = typeof next.body === "string" ? next.body : JSON.stringify(next.body);
    return { status: next.status ?? 200, body };
  };
}
