/**
 * Runs every benchmark in bench/ one after the other, each as its own child process
 * (`node dist/bench/<name>.js`), so one benchmark's load (a simulator child, timers, memory) never
 * skews the next. Output goes straight through; a summary follows; exit code 1 if any failed.
 * `npm run bench` builds first. Names as arguments run only those: node dist/bench/run-all.js validate-large
 *
 * The list comes from the bench/*.ts sources, not from dist/: a deleted benchmark's stale .js
 * in dist/ must not keep running.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const SELF = basename(__filename, ".js");

interface Outcome {
  name: string;
  ok: boolean;
  seconds: number;
  why: string;
}

function benchmarks(only: readonly string[]): string[] {
  const all = readdirSync(join(ROOT, "bench"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => basename(f, ".ts"))
    .filter((name) => name !== SELF)
    .sort();
  const unknown = only.filter((n) => !all.includes(n));
  if (unknown.length > 0)
    throw new Error(`no benchmark named ${unknown.join(", ")} in bench/; known: ${all.join(", ")}`);
  return only.length > 0 ? all.filter((n) => only.includes(n)) : all;
}

function run(name: string): Promise<Outcome> {
  const script = join(__dirname, `${name}.js`);
  const started = Date.now();
  const done = (ok: boolean, why: string): Outcome => ({
    name,
    ok,
    seconds: (Date.now() - started) / 1000,
    why,
  });
  if (!existsSync(script))
    return Promise.resolve(done(false, `${script} is missing; build first (npm run build)`));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd: ROOT, stdio: "inherit" });
    child.once("error", (e) => resolve(done(false, `could not start: ${e.message}`)));
    child.once("exit", (code, signal) => {
      if (code === 0) resolve(done(true, "ok"));
      else resolve(done(false, signal !== null ? `killed by ${signal}` : `exit code ${code}`));
    });
  });
}

async function main(): Promise<void> {
  const names = benchmarks(process.argv.slice(2));
  const outcomes: Outcome[] = [];
  for (const name of names) {
    console.log(`\n=== bench/${name} ===`);
    outcomes.push(await run(name));
  }
  console.log("\n=== summary ===");
  for (const o of outcomes)
    console.log(
      `${o.ok ? "ok  " : "FAIL"}  ${o.name.padEnd(24)} ${o.seconds.toFixed(1).padStart(6)} s  ${o.why}`,
    );
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0) {
    console.error(
      `bench/run-all: ${failed.length} of ${outcomes.length} benchmark(s) failed: ${failed.map((o) => o.name).join(", ")}; rerun one alone with node dist/bench/<name>.js`,
    );
    process.exitCode = 1;
  }
}

main().catch((e: Error) => {
  console.error(`bench/run-all: ${e.message}`);
  process.exitCode = 1;
});
