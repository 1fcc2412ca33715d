/**
 * Benchmark: requests per second of `SYNO.Virtualization.API.Guest list` against a simulator with
 * 200 guests running in a separate child process (`synovmm sim`), driven from this process with
 * bounded concurrency for a bounded time. Writes bench/results/simulator-guest-list.json.
 * Goal: ≥ 1,000 req/s, so the simulator is never the bottleneck of a test.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { createInterface } from "node:readline";

const GUESTS = 200;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const MAX_REQUESTS = 200_000;
const ROOT = join(__dirname, "..", "..");

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: string, body: string, type: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent, headers: { "content-type": type, "content-length": Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks).toString()));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, "bin", "synovmm.js"),
      "sim",
      "--hosts",
      "3",
      "--cluster-joined",
      "3",
      "--quiet",
      "--seed",
      "bench",
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  try {
    const first = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once("line", resolve);
      child.once("exit", (code) =>
        reject(new Error(`synovmm sim exited with ${code} before printing its endpoints`)),
      );
    });
    const info = JSON.parse(first) as {
      endpoints: string[];
      username: string;
      password: string;
      control: string;
    };
    // 200 guests spread over the 3 hosts' storages (LUN limit 128 per host); every 10th one running.
    for (let i = 0; i < GUESTS; i++) {
      const k = (i % 3) + 1;
      const guest = { name: `vm-${i}`, storage: `syno-${k} - VM Storage 1`, host: k, running: i % 10 === 0 };
      const reply = await post(`${info.control}/guests`, JSON.stringify(guest), "application/json");
      if (!reply.includes('"id"')) throw new Error(`creating guest ${i} failed: ${reply}`);
    }
    const ep = info.endpoints[0];
    const login = JSON.parse(
      await post(
        `${ep}/webapi/entry.cgi`,
        new URLSearchParams({
          api: "SYNO.API.Auth",
          version: "6",
          method: "login",
          account: info.username,
          passwd: info.password,
          format: "sid",
        }).toString(),
        "application/x-www-form-urlencoded",
      ),
    ) as { data: { sid: string } };
    const body = new URLSearchParams({
      api: "SYNO.Virtualization.API.Guest",
      version: "1",
      method: "list",
      _sid: login.data.sid,
    }).toString();
    const check = JSON.parse(
      await post(`${ep}/webapi/entry.cgi`, body, "application/x-www-form-urlencoded"),
    ) as { data: { guests: unknown[] } };
    if (check.data.guests.length !== GUESTS)
      throw new Error(`expected ${GUESTS} guests, got ${check.data.guests.length}`);

    let done = 0;
    let failed = 0;
    const started = Date.now();
    const deadline = started + DURATION_MS;
    const worker = async () => {
      while (Date.now() < deadline && done + failed < MAX_REQUESTS) {
        const text = await post(`${ep}/webapi/entry.cgi`, body, "application/x-www-form-urlencoded");
        if (text.startsWith('{"success":true')) done++;
        else failed++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    const result = {
      benchmark: "simulator-guest-list",
      api: "SYNO.Virtualization.API.Guest list",
      guests: GUESTS,
      concurrency: CONCURRENCY,
      durationSeconds: Number(seconds.toFixed(2)),
      requests: done,
      failed,
      requestsPerSecond: Math.round(done / seconds),
      goal: 1000,
      node: process.version,
      date: new Date().toISOString(),
    };
    console.log(
      `Guest.list with ${GUESTS} guests: ${result.requestsPerSecond} req/s (${done} requests, ${failed} failed, concurrency ${CONCURRENCY}, ${result.durationSeconds} s; goal ≥ 1,000)`,
    );
    const dir = join(ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "simulator-guest-list.json"), JSON.stringify(result, null, 2) + "\n");
    if (failed > 0) process.exitCode = 1;
  } finally {
    agent.destroy();
    child.kill("SIGTERM");
  }
}

main().catch((e: Error) => {
  console.error(`bench/simulator-guest-list: ${e.message}`);
  process.exitCode = 1;
});
