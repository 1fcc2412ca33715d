/**
 * The string formats the schemas name. ajv-formats is not a dependency, and these are stricter
 * than generic formats anyway (sizes in binary units only, IPv4 without leading zeros).
 */
import { parseCidr, parseIpv4 } from "../rules/ipv4";
import { parseStorageRef } from "../rules/storage-ref";
import { suggestSize, tryParseSize } from "./units";

export interface FormatSpec {
  validate: (value: string) => boolean;
  /** The sentence for a value that fails, and how to fix it. */
  explain: (value: string) => { message: string; fix: string };
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
  size: {
    validate: (v) => tryParseSize(v) !== undefined,
    explain: (v) => {
      const suggestion = suggestSize(v);
      return {
        message: `"${v}" is not a size VMM understands.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
        fix: "Write a positive whole number of MiB in binary units: MiB, GiB or TiB (e.g. 512MiB, 4GiB); decimal units like GB are not accepted.",
      };
    },
  },
  "storage-ref": {
    validate: (v) => parseStorageRef(v) !== undefined,
    explain: (v) => ({
      message: `"${v}" is not a storage reference.`,
      fix: "Write <host>:<volume>, e.g. nas-a:/volume1.",
    }),
  },
  endpoint: {
    validate: (v) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(v),
    explain: (v) => ({
      message: `"${v}" is not an endpoint URL.`,
      fix: "Write http(s)://<host name or address>[:port], e.g. https://nas-a.lan:5001.",
    }),
  },
  mac: {
    validate: (v) => /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/.test(v),
    explain: (v) => ({
      message: `"${v}" is not a MAC address.`,
      fix: "Write six hex pairs separated by ':', e.g. 02:11:32:aa:bb:cc, or leave mac out to let VMM assign one.",
    }),
  },
};
