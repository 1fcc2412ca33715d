// TLS with the generated self-signed certificate, and the `synovmm sim` CLI (first JSON line,
// --state survives a restart, SIGTERM closes cleanly).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { expect } from "chai";
import { startSimulator } from "../../../simulator";
import { GUEST, LAB, call, expectOk, login, raw } from "./helpers";

const BIN = join(__dirname, "..", "..", "..", "..", "bin", "synovmm.js");

interface Running {
  child: ChildProcess;
  info: { endpoints: string[]; username: string; password: string; control: string; caFile?: string };
}

async function runCli(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [BIN, "sim", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`synovmm sim exited with ${code}`)));
  });
  return { child, info: JSON.parse(first) as Running["info"] };
}

function stop(r: Running): Promise<number | null> {
  return new Promise((resolve) => {
    r.child.once("exit", (code) => resolve(code));
    r.child.kill("SIGTERM");
  });
}

describe("simulator: TLS", () => {
  it("serves HTTPS with a certificate that verifies against caFile for every box address", async () => {
    const sim = await startSimulator({
      hosts: 2,
      tls: true,
      cluster: { ...LAB, joined: 2 },
    });
    try {
      expect(sim.endpoints[0]).to.match(/^https:\/\/127\.0\.10\.1:\d+$/);
      expect(sim.caFile).to.be.a("string");
      const ca = readFileSync(sim.caFile as string, "utf8");
      expect(ca).to.match(/^-----BEGIN CERTIFICATE-----/);
      for (const ep of sim.endpoints) {
        const sid = await login(ep, sim, ca);
        expectOk(await call(ep, { api: GUEST, version: 1, method: "list", _sid: sid }, { ca }));
      }
      expect((await raw(`${sim.controlUrl}/state`, { ca })).status).to.equal(200);
      let error = "";
      await raw(`${sim.endpoints[0]}/webapi/query.cgi`).catch(
        (e: NodeJS.ErrnoException) => (error = e.code ?? e.message),
      );
      expect(error).to.match(/SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/);
    } finally {
      await sim.close();
    }
  });
});

describe("synovmm sim (CLI)", function () {
  this.timeout(30000);

  it("prints one JSON line first, serves the cluster, keeps --state across a restart, stops on SIGTERM", async () => {
    const state = join(mkdtempSync(join(tmpdir(), "synovmm-sim-test-")), "world.json");
    const first = await runCli(["--hosts", "3", "--cluster-joined", "3", "--state", state, "--seed", "cli"]);
    let guestId: string;
    try {
      expect(first.info.endpoints).to.have.length(3);
      expect(first.info).to.include({ username: "admin" });
      expect(first.info.control).to.match(/\/sim$/);
      const created = JSON.parse(
        (
          await raw(`${first.info.control}/guests`, {
            method: "POST",
            body: JSON.stringify({ name: "kept", host: 2, running: true }),
          })
        ).text,
      ) as { id: string };
      guestId = created.id;
    } finally {
      expect(await stop(first)).to.equal(0);
    }
    expect(existsSync(state)).to.equal(true);
    const second = await runCli(["--hosts", "3", "--state", state, "--quiet"]);
    try {
      const ep = second.info.endpoints[2];
      const sid = await login(ep, second.info);
      const g = expectOk(
        await call(ep, { api: GUEST, version: 1, method: "get", guest_name: "kept", _sid: sid }),
      );
      expect(g).to.include({ guest_id: guestId, status: "running" });
      const placed = expectOk(
        await call(ep, { api: "SYNO.SynoVmmSim.Host", version: 1, method: "placement", _sid: sid }),
      ).placements as { guest_id: string; host_name: string }[];
      expect(placed.find((p) => p.guest_id === guestId)?.host_name).to.equal("syno-2");
    } finally {
      expect(await stop(second)).to.equal(0);
    }
  });

  it("--tls prints caFile; --official-only hides internal APIs; bad flags exit 2 with usage", async () => {
    const r = await runCli(["--hosts", "1", "--tls", "--official-only", "--quiet"]);
    try {
      expect(r.info.caFile).to.be.a("string");
      const ca = readFileSync(r.info.caFile as string, "utf8");
      const info = expectOk(
        await call(
          r.info.endpoints[0],
          { api: "SYNO.API.Info", version: 1, method: "query", query: "SYNO.SynoVmmSim.Cluster" },
          { ca },
        ),
      );
      expect(info).to.deep.equal({});
    } finally {
      await stop(r);
    }
    const bad = spawn(process.execPath, [BIN, "sim", "--hosts", "99"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    bad.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => bad.once("exit", resolve));
    expect(code).to.equal(2);
    expect(err).to.match(/--hosts needs an integer from 1 to 16/);
    expect(err).to.match(/Usage: synovmm sim/);
  });
});
