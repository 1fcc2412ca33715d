/**
 * Benchmark: `synovmm validate` work (YAML with positions + schema + rules) on a generated
 * 7-host / 1,000-VM spec. Prints the time per run and writes bench/results/validate-large.json.
 * Run after a build: node dist/bench/validate-large.js
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../provider/model/package-root";
import { loadSpecText } from "../provider/spec/index";

const HOSTS = 7;
const VMS = 1000;
const RUNS = 10;

function generate(): string {
  const out = [
    "apiVersion: synovmm/v1",
    "kind: Cluster",
    "metadata:",
    "  name: bench",
    "spec:",
    "  clusterNetwork:",
    "    subnet: 10.20.0.0/24",
    "    reservedRange: { from: 10.20.0.10, to: 10.20.0.40 }",
    "  domain: corp.example.com",
    "  hosts:",
  ];
  for (let h = 0; h < HOSTS; h++) {
    out.push(
      `    - name: nas-${h}`,
      `      address: 10.20.0.${11 + h}`,
      "      volumes:",
      "        - { path: /volume1, filesystem: btrfs }",
    );
    out.push("      capacity: { cpu: 512, memory: 4TiB }");
  }
  out.push("  networks:", "    - name: vm-lan", "    - name: dmz", "  images:");
  out.push(
    "    - name: ubuntu",
    "      type: iso",
    "      path: /images/ubuntu.iso",
    "      storage: [nas-0:/volume1, nas-1:/volume1]",
  );
  out.push("  virtualMachines:");
  for (let i = 0; i < VMS; i++) {
    const h = i % HOSTS;
    out.push(
      `    - name: vm-${i}`,
      "      image: ubuntu",
      `      cpu: ${1 + (i % 4)}`,
      `      memory: ${1 + (i % 8)}GiB`,
      `      storage: nas-${h}:/volume1`,
      `      disks: [{ size: ${20 + (i % 50)}GiB }]`,
      "      nics: [{ network: vm-lan }, { network: dmz }]",
    );
    if (i % 5 === 0)
      out.push(
        "      highAvailability:",
        `        active: nas-${h}`,
        `        passive: nas-${(h + 1) % HOSTS}`,
      );
    else out.push(`      host: nas-${h}`);
  }
  return `${out.join("\n")}\n`;
}

function main(): void {
  const text = generate();
  const first = process.hrtime.bigint();
  const warm = loadSpecText(text, "bench.yaml"); // includes compiling the schemas once
  const firstMs = Number(process.hrtime.bigint() - first) / 1e6;
  const errors = [...warm.problems, ...warm.findings.filter((f) => f.severity === "error")];
  if (errors.length > 0)
    throw new Error(`generated spec is not valid: ${JSON.stringify(errors.slice(0, 3))}`);
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    loadSpecText(text, "bench.yaml");
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const result = {
    benchmark: "validate-large",
    hosts: HOSTS,
    virtualMachines: VMS,
    specBytes: text.length,
    specLines: text.split("\n").length - 1,
    firstRunMs: Math.round(firstMs * 10) / 10,
    runs: RUNS,
    medianMs: Math.round(times[Math.floor(RUNS / 2)] * 10) / 10,
    minMs: Math.round(times[0] * 10) / 10,
    maxMs: Math.round(times[RUNS - 1] * 10) / 10,
    warnings: warm.findings.length,
    node: process.version,
    date: new Date().toISOString(),
  };
  console.log(
    `validate-large: ${HOSTS} hosts / ${VMS} VMs (${result.specLines} lines): median ${result.medianMs} ms per run ` +
      `(min ${result.minMs}, max ${result.maxMs}; first run incl. schema compile ${result.firstRunMs} ms)`,
  );
  const dir = join(packageRoot(), "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "validate-large.json"), `${JSON.stringify(result, null, 2)}\n`);
}

main();
