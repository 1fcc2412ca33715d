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
import { endpointProblem } from "../model/formats";
import { providerProcess, type ConfigGetter } from "./process";

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

/** Called from the provider's `configure`: remember how to read stack config in this process. */
export function setConfigSource(get: ConfigGetter): void {
  providerProcess().config = get;
}

function configValue(key: string): string | undefined {
  const get = providerProcess().config;
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

/** Where a setting came from, as the user would write it: `synovmm:endpoints`, `SYNOVMM_ENDPOINTS`… */
interface Sourced<T> {
  value: T | undefined;
  key: string;
}

/** A config value the provider cannot use: names the key, why, and how to set it right. */
function badSetting(key: string, why: string, fix: string): Error {
  return new Error(`The setting ${key} ${why}. Fix: ${fix}`);
}

const ENDPOINTS_FIX =
  "give one or more DSM URLs, as a JSON list or separated by commas, e.g. " +
  "`pulumi config set synovmm:endpoints 'https://nas-a.lan:5001,https://nas-b.lan:5001'`.";

/**
 * Endpoints as a JSON list or a comma/space-separated list, each checked like a spec endpoint
 * (http(s), host name or IPv4, port 1–65535) before anything resolves or dials it.
 */
function parseEndpoints({ value, key }: Sourced<unknown>): string[] | undefined {
  if (value === undefined) return undefined;
  let list: unknown[];
  if (Array.isArray(value)) list = value;
  else if (typeof value === "string") {
    const text = value.trim();
    if (text.startsWith("[")) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (!Array.isArray(parsed)) throw new TypeError("not a list");
        list = parsed;
      } catch {
        throw badSetting(key, "starts with '[' but is not a JSON list of URLs", ENDPOINTS_FIX);
      }
    } else list = text.split(/[\s,]+/).filter((s) => s.length > 0);
  } else
    throw badSetting(
      key,
      `is ${typeof value === "object" ? "a mapping" : `a ${typeof value}`}, not a list of URLs`,
      ENDPOINTS_FIX,
    );
  const endpoints = list.map((item, i) => {
    const problem = typeof item === "string" ? endpointProblem(item) : "it is not a string";
    if (problem !== undefined)
      throw badSetting(
        key,
        `has an unusable endpoint (item ${i + 1}, ${JSON.stringify(item)}): ${problem}`,
        ENDPOINTS_FIX,
      );
    return item as string;
  });
  return endpoints;
}

/** A PEM given inline, or a path to a PEM file. */
function readCa({ value, key }: Sourced<unknown>): string | undefined {
  if (value === undefined) return undefined;
  const fix =
    "set it to the PEM text of the CA that signed the DSM certificates or to the path of a readable PEM file, " +
    `e.g. \`pulumi config set synovmm:caCertificate /etc/ssl/nas-ca.pem\` (or unset it to use the system CAs).`;
  if (typeof value !== "string") throw badSetting(key, "is not text", fix);
  if (value.includes("-----BEGIN")) return value;
  let text: string;
  try {
    text = fs.readFileSync(value, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "does not exist"
        : code === "EISDIR"
          ? "is a folder"
          : code === "EACCES"
            ? "is not readable by this user"
            : `cannot be read (${code ?? "unknown error"})`;
    throw badSetting(key, `names the file ${JSON.stringify(value)}, which ${why}`, fix);
  }
  if (!text.includes("-----BEGIN CERTIFICATE-----"))
    throw badSetting(key, `names the file ${JSON.stringify(value)}, which holds no PEM certificate`, fix);
  return text;
}

/** true/false, also 1/0 and yes/no; anything else is refused rather than read as false. */
function parseFlag({ value, key }: Sourced<unknown>): boolean {
  if (value === undefined || value === true || value === false) return value === true;
  const text = String(value).trim().toLowerCase();
  if (["true", "1", "yes"].includes(text)) return true;
  if (["false", "0", "no", ""].includes(text)) return false;
  throw badSetting(
    key,
    `is ${JSON.stringify(value)}, not true or false`,
    `set it to true or false, e.g. \`pulumi config set ${key.startsWith("SYNOVMM_") ? "synovmm:insecureSkipTlsVerify" : key} false\`.`,
  );
}

const CLUSTERS_FIX =
  "set it with `pulumi config set --path 'synovmm:clusters.<cluster>.endpoints[0]' https://nas:5001` " +
  "and `pulumi config set --secret --path 'synovmm:clusters.<cluster>.password' …`.";

function clusterOverride(cluster: string): PartialSettings | undefined {
  const raw = configValue("clusters");
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badSetting("synovmm:clusters", "is not a JSON object", CLUSTERS_FIX);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw badSetting("synovmm:clusters", "is not a JSON object keyed by cluster name", CLUSTERS_FIX);
  const entry: unknown = (parsed as Record<string, unknown>)[cluster];
  if (entry === undefined) return undefined;
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    throw badSetting(`synovmm:clusters.${cluster}`, "is not an object of settings", CLUSTERS_FIX);
  return entry as PartialSettings;
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
    throw badSetting(
      key,
      `is "${raw}", not a duration between 1s and 24h`,
      "`pulumi config set synovmm:operationTimeout 30m` (units ms, s, m, h; a bare number is seconds).",
    );
  }
  return Math.round(ms);
}

/** The connection for one cluster, or an error that says which setting is missing and how to set it. */
export function connectionFor(cluster: string): ConnectionSettings {
  const override = clusterOverride(cluster);
  const env = process.env;
  /** The value and the name of the key it came from, first match wins. */
  const sourced = (key: keyof PartialSettings, envKey: string): Sourced<unknown> => {
    if (override?.[key] !== undefined)
      return { value: override[key], key: `synovmm:clusters.${cluster}.${key}` };
    const configured = configValue(key);
    if (configured !== undefined) return { value: configured, key: `synovmm:${key}` };
    return { value: env[envKey] === "" ? undefined : env[envKey], key: envKey };
  };
  const pick = (key: keyof PartialSettings, envKey: string): PartialSettings[typeof key] =>
    sourced(key, envKey).value as PartialSettings[typeof key];

  const endpoints = parseEndpoints(sourced("endpoints", "SYNOVMM_ENDPOINTS"));
  const username = pick("username", "SYNOVMM_USERNAME") as string | undefined;
  const password = pick("password", "SYNOVMM_PASSWORD") as string | undefined;
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
    caCertificate: readCa(sourced("caCertificate", "SYNOVMM_CA_CERTIFICATE")),
    insecureSkipTlsVerify: parseFlag(sourced("insecureSkipTlsVerify", "SYNOVMM_INSECURE_SKIP_TLS_VERIFY")),
    operationTimeoutMs: operationTimeoutMs(),
    source: override
      ? `synovmm:clusters.${cluster}`
      : configValue("endpoints")
        ? "stack config synovmm:*"
        : "SYNOVMM_* environment",
  };
}
