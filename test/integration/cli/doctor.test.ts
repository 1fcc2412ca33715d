// `synovmm doctor` as a user runs it: the built CLI in a child process, configured through the
// provider's SYNOVMM_* variables, against the simulator over real HTTP(S). Each case checks the
// table, the exit code, that no stack trace, node_modules path or secret is printed, and from the
// simulator's request log that only read methods were sent.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { startSimulator } from "../../../simulator";
import type { SimulatorHandle, SimulatorOptions } from "../../../simulator/types";

const BIN = join(__dirname, "..", "..", "..", "..", "bin", "synovmm.js");
const JOINED = { name: "lab", subnet: "10.10.0.0/24", reservedFrom: "10.10.0.10", reservedTo: "10.10.0.50" };
/** Methods that change nothing (login/logout open and close doctor's own session). */
const READ_METHODS = new Set(["query", "login", "logout", "list", "get"]);

interface Run {
  code: number | null;
  out: string;
}

/** Runs `synovmm doctor` with only the given SYNOVMM_* settings (none inherited from this process). */
function doctor(env: Record<string, string>, args: string[] = []): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("SYNOVMM_") && k !== "PATH"),
  );
  base.PATH = env.PATH ?? process.env.PATH ?? "";
  const child = spawn(process.execPath, [BIN, "doctor", ...args], {
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, out })));
}

function settings(sim: SimulatorHandle, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SYNOVMM_ENDPOINTS: sim.endpoints.join(","),
    SYNOVMM_USERNAME: sim.username,
    SYNOVMM_PASSWORD: sim.password,
    ...extra,
  };
}

/** What a user must never read, whatever the outcome. */
function expectClean(run: Run, password: string): void {
  expect(run.out).not.to.include("    at ");
  expect(run.out).not.to.include("node_modules");
  expect(run.out).not.to.include(password);
}

function expectOnlyReads(sim: SimulatorHandle): void {
  const log = sim.control.requestLog();
  expect(log.length).to.be.greaterThan(0);
  for (const entry of log) {
    expect(READ_METHODS.has(entry.method), `${entry.api} ${entry.method}`).to.equal(true);
    expect(entry.mutated, `${entry.api} ${entry.method} changed the world`).to.equal(false);
  }
}

function rowOf(out: string, check: string): string {
  return out.split("\n").find((line) => line.startsWith(`${check} `)) ?? "";
}

describe("synovmm doctor (CLI against the simulator)", function () {
  this.timeout(60_000);
  let sim: SimulatorHandle | undefined;
  const start = async (options: SimulatorOptions) => (sim = await startSimulator(options));
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it("managed simulator: every check ok, exit 0, only reads, --record holds no secret", async () => {
    const s = await start({ hosts: 3, cluster: { ...JOINED, joined: 3 } });
    const file = join(mkdtempSync(join(tmpdir(), "synovmm-doctor-")), "recording.json");
    const run = await doctor(settings(s), ["--record", file]);
    expectClean(run, s.password);
    expect(run.code, run.out).to.equal(0);
    expect(run.out).to.match(/Healthy: \d+ ok/);
    expect(rowOf(run.out, "capability")).to.match(/ok\s+managed — /);
    expect(rowOf(run.out, "quorum")).to.include("3 of 3 hosts online; quorum needs 2 (R2)");
    expect(rowOf(run.out, "storages")).to.include("Btrfs (R9)");
    expect(rowOf(run.out, "vmm version")).to.include("VMM 2.7.0 on 3 host(s)");
    expectOnlyReads(s);
    const recorded = readFileSync(file, "utf8");
    expect(recorded).not.to.include(s.password);
    expect(recorded).to.include('"_sid": "[REDACTED]"');
  });

  it("realistic simulator (--dsm real): official-only, says why, sends nothing to an internal API", async () => {
    const s = await start({ hosts: 3, dsm: "real" });
    const run = await doctor(settings(s));
    expectClean(run, s.password);
    expect(run.code, run.out).to.equal(0);
    expect(rowOf(run.out, "capability")).to.include("official-only — ").and.to.include("Why: real DSM");
    expect(rowOf(run.out, "dsm version")).to.include("DSM 7 or later (SYNO.API.Auth v1-7)");
    expect(rowOf(run.out, "vmm version")).to.include("skip");
    expectOnlyReads(s);
    // Only SYNO.API.* (catalogue, login) and the official SYNO.Virtualization.API.* were asked.
    const internal = s.control
      .requestLog()
      .filter((e) => !e.api.startsWith("SYNO.API.") && !e.api.startsWith("SYNO.Virtualization.API."));
    expect(internal.map((e) => `${e.api} ${e.method}`)).to.deep.equal([]);
  });

  it("wrong password: the DSM code, its meaning and the fix, one login only, exit 1", async () => {
    const s = await start({ hosts: 3, cluster: { ...JOINED, joined: 3 } });
    const run = await doctor(settings(s, { SYNOVMM_PASSWORD: "not-the-password" }));
    expectClean(run, "not-the-password");
    expect(run.code, run.out).to.equal(1);
    expect(rowOf(run.out, "login")).to.match(
      /FAIL\s+DSM refused the login: 400 no such account or wrong password/,
    );
    expect(rowOf(run.out, "login")).to.include("Fix: check the user name and password");
    const logins = s.control.requestLog().filter((e) => e.method === "login");
    expect(logins).to.have.length(1);
    expectOnlyReads(s);
  });

  it("a dead endpoint: its own FAIL row, the others still checked, exit 1", async () => {
    const s = await start({ hosts: 3, cluster: { ...JOINED, joined: 3 } });
    const port = new URL(s.endpoints[0]).port;
    const dead = `http://127.0.10.200:${port}`;
    const run = await doctor(settings(s, { SYNOVMM_ENDPOINTS: [dead, ...s.endpoints].join(",") }));
    expectClean(run, s.password);
    expect(run.code, run.out).to.equal(1);
    expect(rowOf(run.out, "endpoint")).to.match(/127\.0\.10\.200:\d+\s+FAIL\s+ECONNREFUSED.*nothing listens/);
    expect(rowOf(run.out, "endpoint")).to.include("Fix: check that the host is powered on");
    expect(rowOf(run.out, "quorum")).to.include("ok");

    const alone = await doctor(settings(s, { SYNOVMM_ENDPOINTS: dead }));
    expectClean(alone, s.password);
    expect(alone.code, alone.out).to.equal(1);
    expect(rowOf(alone.out, "cluster")).to.include("not checked: no endpoint could be used");
  });

  it("an untrusted certificate: FAIL with the fix, exit 1; with the CA configured: verified, exit 0", async () => {
    const s = await start({ hosts: 3, tls: true, cluster: { ...JOINED, joined: 3 } });
    const untrusted = await doctor(settings(s));
    expectClean(untrusted, s.password);
    expect(untrusted.code, untrusted.out).to.equal(1);
    expect(rowOf(untrusted.out, "tls")).to.match(/FAIL\s+the certificate is not trusted/);
    expect(rowOf(untrusted.out, "tls")).to.include("SYNOVMM_CA_CERTIFICATE");
    expect(s.control.requestLog().filter((e) => e.method === "login")).to.have.length(0);

    const trusted = await doctor(settings(s, { SYNOVMM_CA_CERTIFICATE: s.caFile as string }));
    expectClean(trusted, s.password);
    expect(trusted.code, trusted.out).to.equal(0);
    expect(rowOf(trusted.out, "tls")).to.include("verified against the configured caCertificate");
  });

  it("two of three hosts down: the down endpoint fails, quorum (R2) fails with the fix, exit 1", async () => {
    const s = await start({ hosts: 3, cluster: { ...JOINED, joined: 3 } });
    await s.control.hostDown(2, "unreachable");
    await s.control.hostDown(3, "malfunction");
    const run = await doctor(settings(s));
    expectClean(run, s.password);
    expect(run.code, run.out).to.equal(1);
    expect(run.out).to.match(/127\.0\.10\.2:\d+\s+FAIL\s+ECONNREFUSED/);
    expect(rowOf(run.out, "quorum")).to.match(/FAIL\s+Only 1 of 3 cluster hosts are online/);
    expect(rowOf(run.out, "quorum"))
      .to.include("quorum needs 2 (R2)")
      .and.to.include("Fix: Bring 1 of these hosts");
    expectOnlyReads(s);
  });

  it("no settings at all: says which are missing and how to set them, exit 2", async () => {
    const run = await doctor({});
    expectClean(run, "synovmm-sim");
    expect(run.code).to.equal(2);
    expect(run.out).to.include("No endpoints, username, password").and.to.include("SYNOVMM_ENDPOINTS");
  });

  it("an unusable synovmm:hostEndpoints map is a settings error, exit 2", async () => {
    const run = await doctor({
      SYNOVMM_ENDPOINTS: "https://127.0.0.1:5001",
      SYNOVMM_USERNAME: "admin",
      SYNOVMM_PASSWORD: "synovmm-sim",
      SYNOVMM_HOST_ENDPOINTS: '{"nas-a":"nas-a.lan"}',
    });
    expectClean(run, "synovmm-sim");
    expect(run.code).to.equal(2);
    expect(run.out).to.match(/SYNOVMM_HOST_ENDPOINTS has an unusable endpoint for host "nas-a" .* Fix: /);
  });

  it("--stack reads the settings the provider would: stack config, then synovmm:clusters.<cluster>", async () => {
    const s = await start({ hosts: 3, cluster: { ...JOINED, joined: 3 } });
    // A stand-in for the pulumi CLI: prints what `pulumi config --json --show-secrets` prints.
    const bin = mkdtempSync(join(tmpdir(), "synovmm-doctor-pulumi-"));
    const config = {
      "synovmm:endpoints": { value: JSON.stringify(s.endpoints), secret: false },
      "synovmm:username": { value: s.username, secret: false },
      "synovmm:password": { value: s.password, secret: true },
      "synovmm:clusters": {
        value: JSON.stringify({ prod: { password: "prod-wrong-password" } }),
        secret: true,
      },
    };
    const script = join(bin, "pulumi");
    writeFileSync(
      script,
      `#!${process.execPath}\nprocess.stdout.write(${JSON.stringify(JSON.stringify(config))});\n`,
    );
    chmodSync(script, 0o755);
    const PATH = `${bin}:${process.env.PATH ?? ""}`;

    const run = await doctor({ PATH }, ["--stack", "dev"]);
    expectClean(run, s.password);
    expect(run.code, run.out).to.equal(0);
    expect(run.out).to.include("3 endpoints from stack config synovmm:*");

    const prod = await doctor({ PATH }, ["--stack", "dev", "--cluster", "prod"]);
    expectClean(prod, "prod-wrong-password");
    expect(prod.code, prod.out).to.equal(1);
    expect(prod.out).to.include("from synovmm:clusters.prod");
    expect(rowOf(prod.out, "login")).to.include("400 no such account or wrong password");

    const noCli = await doctor({ PATH: "/nonexistent" }, ["--stack", "dev"]);
    expect(noCli.code).to.equal(2);
    expect(noCli.out).to.include("--stack needs the pulumi CLI, which is not on PATH");
  });
});
