/**
 * Benchmark: bytes of the `__provider` Pulumi serializes into the state of every resource, per kind
 * (architecture decision 7; the unit test test/unit/resources/serialization.test.ts holds the
 * 4 KiB limit). The sha256 shows whether a code change altered what existing stacks carry.
 * Prints a table and writes bench/results/provider-size.json. Run after a build:
 * node dist/bench/provider-size.js
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { providerFor } from "../provider/resources/provider-shim";
import type { ResourceKind } from "../provider/resources/types";

const KINDS: readonly ResourceKind[] = ["Cluster", "Host", "Image", "VirtualMachine", "HAPair"];
const LIMIT_BYTES = 4096;
const ROOT = join(__dirname, "..", "..");

interface Row {
  kind: ResourceKind;
  bytes: number;
  sha256: string;
  containsSecrets: boolean;
}

async function measure(kind: ResourceKind): Promise<Row> {
  const provider = providerFor(kind);
  const s = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return {
    kind,
    bytes: Buffer.byteLength(s.text, "utf8"),
    sha256: createHash("sha256").update(s.text).digest("hex").slice(0, 16),
    containsSecrets: s.containsSecrets,
  };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const kind of KINDS) rows.push(await measure(kind));
  console.log(`Serialized __provider per resource kind (limit ${LIMIT_BYTES} bytes):`);
  console.log(`${"kind".padEnd(16)}${"bytes".padStart(7)}  sha256 (16)       secrets`);
  for (const r of rows) {
    console.log(`${r.kind.padEnd(16)}${String(r.bytes).padStart(7)}  ${r.sha256}  ${r.containsSecrets}`);
  }
  const result = {
    benchmark: "provider-size",
    limitBytes: LIMIT_BYTES,
    kinds: rows,
    maxBytes: Math.max(...rows.map((r) => r.bytes)),
    node: process.version,
    date: new Date().toISOString(),
  };
  const dir = join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "provider-size.json"), JSON.stringify(result, null, 2) + "\n");
  const over = rows.filter((r) => r.bytes >= LIMIT_BYTES || r.containsSecrets);
  if (over.length > 0) {
    console.error(
      `bench/provider-size: ${over.map((r) => r.kind).join(", ")} exceed ${LIMIT_BYTES} bytes or captured a secret; look for what provider-shim.ts now closes over`,
    );
    process.exitCode = 1;
  }
}

main().catch((e: Error) => {
  console.error(`bench/provider-size: ${e.message}`);
  process.exitCode = 1;
});
