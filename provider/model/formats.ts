/**
 * The string formats the schemas name. ajv-formats is not a dependency, and these are stricter
 * than generic formats anyway (sizes in binary units only and bounded, IPv4 without leading
 * zeros, endpoints with a real port and host name, unicast MACs, normalised absolute paths).
 */
import { parseCidr, parseIpv4 } from "../net/ipv4";
import { parseStorageRef } from "./storage-ref";
import { explainVolumePath, volumePathProblem } from "./volume-path";
import {
  describeLimit,
  MAX_HOSTNAME_LENGTH,
  MAX_LABEL_LENGTH,
  MAX_PATH_LENGTH,
  MAX_PORT,
  MIN_PORT,
  sizeLimits,
} from "./limits";
import { formatSize, suggestSize, tryParseSize } from "../units/size";

export interface FormatSpec {
  validate: (value: string) => boolean;
  /** The sentence for a value that fails, and how to fix it. */
  explain: (value: string) => { message: string; fix: string };
}

function sizeFormat(kind: keyof typeof sizeLimits): FormatSpec {
  const max = sizeLimits[kind].mib;
  return {
    validate: (v) => {
      const mib = tryParseSize(v);
      return mib !== undefined && mib <= max;
    },
    explain: (v) => {
      const mib = tryParseSize(v);
      if (mib !== undefined)
        return {
          message: `"${v}" is more than the largest ${kind} size synovmm accepts, ${describeLimit(kind)}.`,
          fix: `Write a size up to ${formatSize(max)}; check the unit (MiB, GiB, TiB) and the digits.`,
        };
      const suggestion = suggestSize(v);
      return {
        message: `"${v}" is not a size VMM understands.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
        fix: "Write a positive whole number of MiB in binary units: MiB, GiB or TiB (e.g. 512MiB, 4GiB); decimal units like GB are not accepted.",
      };
    },
  };
}

const ENDPOINT = /^(https?):\/\/([^/:?#]*)(?::(\d*))?\/?$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** Why an endpoint URL is unusable, or undefined when it is fine. */
export function endpointProblem(value: string): string | undefined {
  const match = ENDPOINT.exec(value);
  if (match === null) return "it is not http(s)://<host>[:port]";
  const [, , host, port] = match;
  if (host === "") return "it names no host";
  if (parseIpv4(host) === undefined) {
    if (host.length > MAX_HOSTNAME_LENGTH)
      return `its host name is ${host.length} characters; DNS allows at most ${MAX_HOSTNAME_LENGTH} (RFC 1035)`;
    // A fully qualified name may end with the root's dot (nas-a.lan.).
    const labels = (host.endsWith(".") ? host.slice(0, -1) : host).split(".");
    const bad = labels.find((l) => !LABEL.test(l) || l.length > MAX_LABEL_LENGTH);
    if (bad !== undefined)
      return bad.length > MAX_LABEL_LENGTH
        ? `a label of its host name is ${bad.length} characters; DNS allows at most ${MAX_LABEL_LENGTH} (RFC 1035)`
        : `its host name has the label "${bad}": labels are letters, digits and inner '-' (RFC 1035)`;
    if (/^[\d.]+$/.test(host)) return `its host "${host}" is neither an IPv4 address nor a DNS name`;
  }
  if (port !== undefined) {
    const n = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
    if (!(n >= MIN_PORT && n <= MAX_PORT)) return `its port "${port}" is not from ${MIN_PORT} to ${MAX_PORT}`;
  }
  return undefined;
}

/** Why a path on the NAS is unusable, or undefined when it is absolute and normalised. */
export function pathProblem(value: string): string | undefined {
  if (value.trim() === "") return "it is blank";
  if (!value.startsWith("/")) return "it is relative; paths on the NAS start with '/'";
  if (value.length > MAX_PATH_LENGTH)
    return `it is ${value.length} characters; Linux (DSM) allows ${MAX_PATH_LENGTH} (PATH_MAX)`;
  const segments = value.slice(1).split("/");
  if (segments.includes("..")) return "it contains '..'";
  if (segments.includes(".")) return "it contains '.' as a folder";
  if (value !== "/" && segments.includes("")) return "it has an empty folder ('//' or a trailing '/')";
  const control = (code: number): boolean => code < 0x20 || code === 0x7f;
  if ([...value].some((c) => control(c.charCodeAt(0)))) return "it contains a control character";
  return undefined;
}

/** Why a MAC address cannot be a NIC's, or undefined when it is a unicast address. */
export function macProblem(value: string): string | undefined {
  if (!/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/.test(value)) return "it is not six hex pairs separated by ':'";
  const octets = value.split(":").map((h) => parseInt(h, 16));
  if (octets.every((o) => o === 0)) return "it is all zeros, which no NIC may use";
  // IEEE 802: the lowest bit of the first octet set marks a group (multicast/broadcast) address.
  if ((octets[0] & 1) === 1)
    return "it is a multicast (group) address; a NIC needs a unicast one (first octet even)";
  return undefined;
}

export const formats: Record<string, FormatSpec> = {
  ipv4: {
    validate: (v) => parseIpv4(v) !== undefined,
    explain: (v) => ({
      message: `"${v}" is not an IPv4 address.`,
      fix: "Write four numbers from 0 to 255 separated by dots, e.g. 10.20.0.11.",
    }),
  },
  "ipv4-cidr": {
    validate: (v) => parseCidr(v) !== undefined,
    explain: (v) => ({
      message: `"${v}" is not an IPv4 subnet in CIDR notation.`,
      fix: `Write the network address and prefix length, e.g. 10.20.0.0/24${parseIpv4(v) !== undefined ? ` (add "/24" or the right prefix)` : ""}.`,
    }),
  },
  "memory-size": sizeFormat("memory"),
  "disk-size": sizeFormat("disk"),
  "storage-ref": {
    validate: (v) => {
      const ref = parseStorageRef(v);
      return ref !== undefined && volumePathProblem(ref.volume) === undefined;
    },
    explain: (v) => {
      const ref = parseStorageRef(v);
      if (ref === undefined)
        return {
          message: `"${v}" is not a storage reference.`,
          fix: "Write <host>:<volume>, e.g. nas-a:/volume1.",
        };
      const volume = explainVolumePath(ref.volume);
      return {
        message: `storage "${v}" names no volume: ${volume.message}`,
        fix: `Write <host>:/volumeN with N ≥ 1, the volume as DSM Storage Manager shows it, e.g. ${ref.host}:/volume1.`,
      };
    },
  },
  "volume-path": {
    validate: (v) => volumePathProblem(v) === undefined,
    explain: explainVolumePath,
  },
  endpoint: {
    validate: (v) => endpointProblem(v) === undefined,
    explain: (v) => ({
      message: `"${v}" is not a usable endpoint URL: ${endpointProblem(v) ?? "it is malformed"}.`,
      fix: `Write http(s)://<host name or address>[:port] with a port from ${MIN_PORT} to ${MAX_PORT}, e.g. https://nas-a.lan:5001.`,
    }),
  },
  mac: {
    validate: (v) => macProblem(v) === undefined,
    explain: (v) => ({
      message: `"${v}" is not a NIC's MAC address: ${macProblem(v) ?? "it is malformed"}.`,
      fix: "Write a unicast MAC, six hex pairs separated by ':' with an even first octet, e.g. 02:11:32:aa:bb:cc, or leave mac out to let VMM assign one.",
    }),
  },
  "nas-path": {
    validate: (v) => pathProblem(v) === undefined,
    explain: (v) => ({
      message: `"${v}" is not a usable path on the NAS: ${pathProblem(v) ?? "it is malformed"}.`,
      fix: "Write an absolute, normalised path without '.' or '..' folders, e.g. /volume1 or /images/ubuntu-24.04.iso.",
    }),
  },
};

/**
 * The format checks alone, by name: what ajv calls. Precompiled validators
 * (schemas-precompiled.ts) reach them as `require("./formats").formatValidators`.
 */
export const formatValidators: Readonly<Record<string, (value: string) => boolean>> = Object.fromEntries(
  Object.entries(formats).map(([name, spec]) => [name, spec.validate]),
);
