/**
 * Where a resource's cluster answers and with which credentials (architecture decision 6).
 *
 * Sources, first match wins: stack config `synovmm:clusters` (an object keyed by cluster name, for
 * several clusters in one stack), then `synovmm:endpoints` / `username` / `password` /
 * `caCertificate` / `insecureSkipTlsVerify`, then the `SYNOVMM_*` environment variables.
 * Config reaches the provider process through `configure`; it is kept in memory only, so the
 * password never lands in `__provider` or in state.
 */
import * as fs from "node:fs";

export interface ConnectionSettings {
  endpoints: string[];
  username: string;
  password: string;
  caCertificate?: string;
  insecureSkipTlsVerify: boolean;
  /** Deadline of one long operation (create task, image import), from synovmm:operationTimeout. */
  operationTimeoutMs: number;
  /** Where the settings came from, for messages (never the values themselves). */
  source: string;
}

type ConfigGetter = (key: string) => string | undefined;

const STORE = Symbol.for("synovmm.config");
type Store = { [STORE]?: ConfigGetter };

/** Called from the provider's `configure`: remember how to read stack config in this process. */
export function setConfigSource(get: ConfigGetter): void {
  (globalThis as Store)[STORE] = get;
}

function configValue(key: string): string | undefined {
  const get = (globalThis as Store)[STORE];
  const value = get?.(`synovmm:${key}`);
  return value === undefined || value === "" ? undefined : value;
}

interface PartialSettings {
  endpoints?: string[] | string;
  username?: string;
  password?: string;
  caCertificate?: string;
  insecureSkipTlsVerify?: boolean | string;
}

function parseEndpoints(value: string[] | string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(String);
  const text = value.trim();
  if (text.startsWith("[")) return (JSON.parse(text) as unknown[]).map(String);
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A PEM given inline, or a path to a PEM file. */
function readCa(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.includes("-----BEGIN")) return value;
  return fs.readFileSync(value, "utf8");
}

function truthy(value: boolean | string | undefined): boolean {
  return value === true || value === "true" || value === "1" || value === "yes";
}

function clusterOverride(cluster: string): PartialSettings | undefined {
  const raw = configValue("clusters");
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(
      "Stack config synovmm:clusters is not a JSON object. Fix: set it with " +
        "`pulumi config set --path 'synovmm:clusters.<cluster>.endpoints[0]' https://nas:5001` " +
        "and `pulumi config set --secret --path 'synovmm:clusters.<cluster>.password' …`.",
    );
  }
  const entry = (parsed as Record<string, PartialSettings | undefined>)[cluster];
  return entry;
}

/** Default deadline of one long operation: an image import on a busy NAS can take minutes. */
export const DEFAULT_OPERATION_TIMEOUT_MS = 600_000;

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `synovmm:operationTimeout` (or SYNOVMM_OPERATION_TIMEOUT): how long a create or import task may
 * run before the provider records the object and stops waiting. "90s", "30m", "1h"; a bare number
 * is seconds.
 */
export function operationTimeoutMs(): number {
  const fromConfig = configValue("operationTimeout");
  const raw = fromConfig ?? process.env.SYNOVMM_OPERATION_TIMEOUT;
  if (raw === undefined || raw.trim() === "") return DEFAULT_OPERATION_TIMEOUT_MS;
  const key = fromConfig !== undefined ? "synovmm:operationTimeout" : "SYNOVMM_OPERATION_TIMEOUT";
  const m = DURATION.exec(raw.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2] ?? "s"] : NaN;
  if (!Number.isFinite(ms) || ms < 1000 || ms > 86_400_000) {
    throw new Error(
      `${key} is "${raw}", not a duration between 1s and 24h. Fix: ` +
        "`pulumi config set synovmm:operationTimeout 30m` (units ms, s, m, h; a bare number is seconds).",
    );
  }
  return Math.round(ms);
}

/** The connection for one cluster, or an error that says which setting is missing and how to set it. */
export function connectionFor(cluster: string): ConnectionSettings {
  const override = clusterOverride(cluster);
  const env = process.env;
  const pick = <K extends keyof PartialSettings>(key: K, configKey: string, envKey: string) =>
    override?.[key] ?? (configValue(configKey) as PartialSettings[K]) ?? (env[envKey] as PartialSettings[K]);

  const endpoints = parseEndpoints(pick("endpoints", "endpoints", "SYNOVMM_ENDPOINTS"));
  const username = pick("username", "username", "SYNOVMM_USERNAME") as string | undefined;
  const password = pick("password", "password", "SYNOVMM_PASSWORD") as string | undefined;
  const missing: string[] = [];
  if (endpoints === undefined || endpoints.length === 0) missing.push("endpoints");
  if (username === undefined) missing.push("username");
  if (password === undefined) missing.push("password");
  if (missing.length > 0) {
    throw new Error(
      `No ${missing.join(", ")} to reach cluster "${cluster}". Fix: ` +
        missing
          .map((m) =>
            m === "password"
              ? "`pulumi config set --secret synovmm:password <password>`"
              : `\`pulumi config set synovmm:${m} <value>\``,
          )
          .join(", ") +
        ` (or the environment variables SYNOVMM_${missing.map((m) => m.toUpperCase()).join("/SYNOVMM_")}; ` +
        `for several clusters in one stack, synovmm:clusters.${cluster}.<setting>).`,
    );
  }
  return {
    endpoints: endpoints as string[],
    username: username as string,
    password: password as string,
    caCertificate: readCa(
      pick("caCertificate", "caCertificate", "SYNOVMM_CA_CERTIFICATE") as string | undefined,
    ),
    insecureSkipTlsVerify: truthy(
      pick("insecureSkipTlsVerify", "insecureSkipTlsVerify", "SYNOVMM_INSECURE_SKIP_TLS_VERIFY"),
    ),
    operationTimeoutMs: operationTimeoutMs(),
    source: override
      ? `synovmm:clusters.${cluster}`
      : configValue("endpoints")
        ? "stack config synovmm:*"
        : "SYNOVMM_* environment",
  };
}
