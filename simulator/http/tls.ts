/**
 * A self-signed certificate for `--tls`, made with node's crypto only (no openssl binary): an
 * EC P-256 key and an X.509 v3 certificate whose SAN lists every box address, so clients verify
 * it with the printed CA file and normal hostname checks.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bitString, bool, explicit, octets, oid, seq, set, time, tlv, uint, utf8 } from "./der";

const ECDSA_SHA256 = "1.2.840.10045.4.3.2";

export interface Certificate {
  keyPem: string;
  certPem: string;
  caFile: string;
}

function pem(label: string, der: Buffer): string {
  const b64 = der
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export function makeCertificate(ips: string[], dir?: string): Certificate {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const name = seq(set(seq(oid("2.5.4.3"), utf8("synovmm simulator"))));
  const now = Date.now();
  const san = seq(
    tlv(0x82, Buffer.from("localhost")),
    ...ips.map((ip) => tlv(0x87, Buffer.from(ip.split(".").map(Number)))),
  );
  const ski = createHash("sha1").update(spki).digest();
  const extensions = seq(
    seq(oid("2.5.29.19"), bool(true), octets(seq(bool(true)))),
    seq(oid("2.5.29.15"), bool(true), octets(tlv(0x03, Buffer.from([0x01, 0x86])))),
    seq(oid("2.5.29.17"), octets(san)),
    seq(oid("2.5.29.14"), octets(octets(ski))),
  );
  const tbs = seq(
    explicit(0, uint(Buffer.from([2]))),
    uint(randomBytes(16)),
    seq(oid(ECDSA_SHA256)),
    name,
    seq(time(new Date(now - 3_600_000)), time(new Date(now + 365 * 86_400_000))),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = sign("sha256", tbs, privateKey);
  const cert = seq(tbs, seq(oid(ECDSA_SHA256)), bitString(signature));
  const certPem = pem("CERTIFICATE", cert);
  const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const where = dir ?? mkdtempSync(join(tmpdir(), "synovmm-sim-"));
  const caFile = join(where, "synovmm-sim-ca.pem");
  writeFileSync(caFile, certPem);
  return { keyPem, certPem, caFile };
}
