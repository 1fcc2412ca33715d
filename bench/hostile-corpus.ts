/**
 * Benchmark: `synovmm validate` on the hostile-spec corpus (test/unit/hostile/corpus.ts).
 * Each hand-written and generated file runs in its own child process through the real CLI entry
 * under /usr/bin/time, which reports its wall time and peak RSS; the property-based mutations run
 * in-process (one child would cost ~0.5 s of Node start-up each) with time per file and the
 * process's peak RSS. Prints count, max time and max peak RSS against the targets (1 s, 300 MB)
 * and writes bench/results/hostile-corpus.json. Run after a build: node dist/bench/hostile-corpus.js
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadSpecText } from "../provider/spec/index";
import { packageRoot } from "../provider/model/package-root";
import { handWrittenFiles, sampleHostileSpecs, writeGeneratedFiles } from "../test/unit/hostile/corpus";

const TIME = "/usr/bin/time";
const MUTATIONS = 500;
const TARGET_SECONDS = 1;
const TARGET_MB = 300;

interface Measure {
  file: string;
  exit: number;
  seconds: number;
  /** User + system CPU time: what the file costs, less sensitive than wall time to a busy machine. */
  cpuSeconds: number;
  peakMB: number;
}

function throughCli(file: string): Measure {
  const bin = join(packageRoot(), "bin", "synovmm.js");
  const run = spawnSync(TIME, ["-f", "%e %U %S %M", process.execPath, bin, "validate", file], {
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  const last = run.stderr.trim().split("\n").pop() ?? "";
  const [seconds, user, system, kb] = last.split(" ").map(Number);
  return {
    file: basename(file),
    exit: run.status ?? -1,
    seconds,
    cpuSeconds: user + system,
    peakMB: kb / 1024,
  };
}

function main(): void {
  if (!existsSync(TIME)) {
    console.error(`${TIME} is missing; install it with: apt-get install time`);
    process.exitCode = 2;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "synovmm-hostile-bench-"));
  try {
    const files = [...handWrittenFiles(), ...writeGeneratedFiles(dir)];
    const children = files.map(throughCli);
    for (const m of children)
      console.log(
        `  ${m.file.padEnd(28)} exit ${m.exit}  ${m.seconds.toFixed(2)} s (cpu ${m.cpuSeconds.toFixed(2)} s)  ${m.peakMB.toFixed(0)} MB`,
      );

    const specs = sampleHostileSpecs(MUTATIONS);
    let slowest = 0;
    for (const spec of specs) {
      const start = performance.now();
      loadSpecText(spec.text, "gen.yaml");
      slowest = Math.max(slowest, (performance.now() - start) / 1000);
    }
    const inProcessPeakMB = process.resourceUsage().maxRSS / 1024;

    const maxSeconds = Math.max(...children.map((m) => m.seconds));
    const maxCpu = Math.max(...children.map((m) => m.cpuSeconds));
    const maxMB = Math.max(...children.map((m) => m.peakMB));
    const badExit = children.filter((m) => m.exit !== 1 && m.exit !== 2);
    const result = {
      files: {
        count: children.length,
        maxSeconds,
        maxCpuSeconds: maxCpu,
        maxPeakMB: Math.round(maxMB),
        exitCodesOther: badExit.map((m) => m.file),
      },
      mutations: { count: specs.length, maxSeconds: slowest, processPeakMB: Math.round(inProcessPeakMB) },
      targets: { seconds: TARGET_SECONDS, peakMB: TARGET_MB },
    };
    console.log(
      `hostile files through the CLI: ${children.length} files, max time ${maxSeconds.toFixed(2)} s ` +
        `(${(maxSeconds / TARGET_SECONDS).toFixed(2)}× the 1 s target; max CPU ${maxCpu.toFixed(2)} s), max peak RSS ${maxMB.toFixed(0)} MB ` +
        `(${(maxMB / TARGET_MB).toFixed(2)}× the 300 MB target); exit codes other than 1/2: ${badExit.length}`,
    );
    console.log(
      `hostile mutations in-process: ${specs.length} specs, max time ${slowest.toFixed(3)} s, ` +
        `process peak RSS ${inProcessPeakMB.toFixed(0)} MB`,
    );
    const out = join(packageRoot(), "bench", "results");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "hostile-corpus.json"), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
