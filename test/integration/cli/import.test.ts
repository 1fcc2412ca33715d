// `synovmm import` as a user runs it: the built CLI in a child process against the simulator over
// real HTTP(S), at both flavours. The file it writes validates, says what no read gave, leaves
// another stack's VM commented out; the request log shows reads only, in a handful of requests.
// Each bad input gives one clear line, its exit code, no stack trace, and never a written file.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import type { SimulatorHandle } from "../../../simulator";
import {
  OTHER_STACK,
  UI_VMS,
  httpRequests,
  makeUiCluster,
  runSynovmm,
  simEnv,
  startClusterSimulator,
  writesIn,
  type CliResult,
} from "../../e2e/support/ui-made-cluster";

/** What a user must never read, whatever the outcome. */
function expectClean(run: CliResult, password: string): void {
  expect(run.output).not.to.include("    at ");
  expect(run.output).not.to.include("node_modules");
  expect(run.output).not.to.include(password);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "synovmm-import-"));
}

/** The lines of the VM block named `name` (up to the next list item). */
function vmBlock(text: string, name: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^\s+(# )?- name: /.test(l) && l.endsWith(`- name: ${name}`));
  const rest = lines.slice(start + 1);
  const end = rest.findIndex(
    (l) => /^\s+(# )?- name: /.test(l) || /^ {2}\S/.test(l) || l.startsWith("    # Not"),
  );
  return [lines[start], ...rest.slice(0, end < 0 ? undefined : end)].join("\n");
}

describe("synovmm import (CLI against the simulator)", function () {
  this.timeout(60_000);
  let sim: SimulatorHandle | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  for (const dsm of ["sim", "real"] as const) {
    it(`--dsm ${dsm}: a file that validates, reads only, in a handful of requests`, async () => {
      const s = (sim = await startClusterSimulator(dsm));
      await makeUiCluster(s, dsm);
      s.control.clearLog();
      const file = join(tempDir(), "cluster.yaml");
      const run = await runSynovmm(["import", "--out", file], { env: simEnv(s) });
      expect(run.code, run.output).to.equal(0);
      expectClean(run, s.password);
      const log = s.control.requestLog();
      expect(writesIn(log)).to.deep.equal([]);
      const requests = httpRequests(log).length;
      expect(requests).to.be.at.most(12);
      expect(run.stderr).to.match(new RegExp(`in ${requests} HTTP requests`));

      const validate = await runSynovmm(["validate", file]);
      expect(validate.code, validate.output).to.equal(0);

      const text = readFileSync(file, "utf8");
      expect(text.split("\n")[0]).to.match(/^# Imported by synovmm import from http:\/\/127\.0\.10\.1:\d+/);
      expect(text).to.contain(`capability level ${dsm === "sim" ? "managed" : "official-only"}`);
      const db = vmBlock(text, UI_VMS.db);
      expect(db).to.contain("disks: [{ size: 40GiB }, { size: 100GiB }] # controller sata: kept as it is");
      expect(db).to.contain("power: running");
      expect(db).to.contain("autorun: on");
      expect(db).to.contain("host: syno-1");
      const legacy = vmBlock(text, UI_VMS.legacy);
      expect(legacy).to.contain('description: "old app: keep"');
      expect(legacy).to.match(
        /nics: \[\{ network: Default VM Network, mac: [0-9a-f:]{17} \}\] # model e1000/,
      );
      expect(legacy).to.contain("# controller ide");
      expect(legacy).to.contain("power: stopped");
      expect(vmBlock(text, UI_VMS.web)).to.contain(
        "# image: VMM does not say which image a disk was cloned from. Filling it in is recorded, never a new VM",
      );
      // Another stack's VM: commented out, naming its owner; the mark never reaches a description.
      expect(text).to.contain(
        `# Not taken over: the Pulumi stack ${OTHER_STACK} manages it (one owner per VM).`,
      );
      expect(text).to.contain(`    # - name: ${UI_VMS.other}`);
      expect(text).not.to.contain("[synovmm stack");
      if (dsm === "real") {
        expect(text).to.contain("# address: not readable through Synology's official API");
        expect(text).to.contain("# clusterNetwork: not readable through Synology's official API");
        expect(text).to.contain("- { path: /volume1 } # filesystem: not readable");
        expect(text).to.contain("name: cluster # the cluster's own name is not readable");
      } else {
        expect(text).to.contain("subnet: 10.10.0.0/24");
        expect(text).to.contain("address: 10.10.0.10");
        expect(vmBlock(text, UI_VMS.web)).to.contain("highAvailability: { active: syno-1, passive: syno-2 }");
      }
    });
  }

  it("stdout without --out; the summary and the progress line go to stderr", async () => {
    const s = (sim = await startClusterSimulator("real", 1));
    const run = await runSynovmm(["import"], { env: simEnv(s) });
    expect(run.code, run.output).to.equal(0);
    expect(run.stdout).to.match(/^# Imported by synovmm import/);
    expect(run.stderr).to.contain("synovmm import: reading the cluster at");
    expect(run.stderr).to.contain("synovmm import: wrote standard output: 1 host(s)");
  });

  describe("bad input: one clear message, its exit code, no stack trace, nothing written", () => {
    it("unreachable endpoint: exit 1, says which endpoint and how to fix", async () => {
      const dir = tempDir();
      const file = join(dir, "cluster.yaml");
      const run = await runSynovmm(["import", "--out", file], {
        env: {
          SYNOVMM_ENDPOINTS: "http://127.0.0.1:9",
          SYNOVMM_USERNAME: "admin",
          SYNOVMM_PASSWORD: "pw-x1",
        },
      });
      expect(run.code, run.output).to.equal(1);
      expectClean(run, "pw-x1");
      expect(run.stderr).to.contain("synovmm import: could not read the cluster:");
      expect(run.stderr).to.contain("127.0.0.1:9");
      expect(run.stderr).to.contain("Fix:");
      expect(readdirSync(dir)).to.deep.equal([]);
    });

    it("wrong password: exit 1, DSM's refusal in words, the password never shown", async () => {
      const s = (sim = await startClusterSimulator("real", 1));
      const dir = tempDir();
      const run = await runSynovmm(["import", "--out", join(dir, "cluster.yaml")], {
        env: simEnv(s, { SYNOVMM_PASSWORD: "not-the-password" }),
      });
      expect(run.code, run.output).to.equal(1);
      expectClean(run, "not-the-password");
      expect(run.stderr).to.match(/could not read the cluster: .*SYNO\.API\.Auth/);
      expect(run.stderr).to.contain("Fix:");
      expect(readdirSync(dir)).to.deep.equal([]);
      expect(writesIn(s.control.requestLog())).to.deep.equal([]);
    });

    it("untrusted certificate: exit 1, says how to trust it", async () => {
      const s = (sim = await startClusterSimulator("real", 1, { tls: true }));
      const dir = tempDir();
      const run = await runSynovmm(["import", "--out", join(dir, "cluster.yaml")], { env: simEnv(s) });
      expect(run.code, run.output).to.equal(1);
      expectClean(run, s.password);
      expect(run.stderr).to.match(/certificate/i);
      expect(run.stderr).to.contain("Fix:");
      expect(readdirSync(dir)).to.deep.equal([]);
    });

    it("--out in a folder that does not exist: exit 2 before anything is read", async () => {
      const s = (sim = await startClusterSimulator("real", 1));
      const file = join(tempDir(), "missing", "cluster.yaml");
      const run = await runSynovmm(["import", "--out", file], { env: simEnv(s) });
      expect(run.code, run.output).to.equal(2);
      expectClean(run, s.password);
      expect(run.stderr).to.contain("does not exist. Fix: create it first");
      expect(s.control.requestLog()).to.deep.equal([]);
    });

    it("--out an existing file: exit 2 and the file untouched; --force replaces it whole", async () => {
      const s = (sim = await startClusterSimulator("real", 1));
      const dir = tempDir();
      const file = join(dir, "cluster.yaml");
      writeFileSync(file, "my own spec\n");
      const refused = await runSynovmm(["import", "--out", file], { env: simEnv(s) });
      expect(refused.code, refused.output).to.equal(2);
      expectClean(refused, s.password);
      expect(refused.stderr).to.contain("already exists and import does not overwrite it. Fix: pass --force");
      expect(readFileSync(file, "utf8")).to.equal("my own spec\n");
      const forced = await runSynovmm(["import", "--out", file, "--force"], { env: simEnv(s) });
      expect(forced.code, forced.output).to.equal(0);
      expect(readFileSync(file, "utf8")).to.match(/^# Imported by synovmm import/);
      expect(readdirSync(dir), "no temp file left beside it").to.deep.equal(["cluster.yaml"]);
    });

    it("an unknown option or no settings at all: exit 2 with the fix", async () => {
      const unknown = await runSynovmm(["import", "--outt", "x.yaml"]);
      expect(unknown.code).to.equal(2);
      expect(unknown.stderr).to.contain('unknown argument "--outt"');
      const none = await runSynovmm(["import"], { env: {} });
      expect(none.code).to.equal(2);
      expect(none.stderr).to.contain("No endpoints, username, password");
      expectClean(none, "synovmm-sim");
    });
  });
});
