import { expect } from "chai";
import { main, helpText } from "../../../provider/cli/main";

/** Captures console output of one CLI run, so tests assert what a user would read. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  try {
    const code = await main(argv);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

describe("synovmm command line", () => {
  it("prints every command in --help and exits 0", async () => {
    const r = await run(["--help"]);
    expect(r.code).to.equal(0);
    expect(r.out).to.equal(helpText());
    expect(r.out).to.include("validate").and.to.include("sim");
  });

  it("names an unknown command and exits 2 (unusable input)", async () => {
    const r = await run(["frobnicate"]);
    expect(r.code).to.equal(2);
    expect(r.err).to.include("unknown command 'frobnicate'");
  });

  it("shows one command's usage with --help", async () => {
    const r = await run(["validate", "--help"]);
    expect(r.code).to.equal(0);
    expect(r.out).to.include("Usage: synovmm validate");
  });

  it("documents doctor in --help: settings, --record and exit codes", async () => {
    expect((await run(["--help"])).out).to.include("doctor");
    const r = await run(["doctor", "--help"]);
    expect(r.code).to.equal(0);
    expect(r.out).to.include("Usage: synovmm doctor").and.to.include("--record FILE");
    expect(r.out).to.include("SYNOVMM_ENDPOINTS").and.to.include("Exit codes: 0");
  });

  it("exits 2 on a doctor usage error and names the argument", async () => {
    const r = await run(["doctor", "--record"]);
    expect(r.code).to.equal(2);
    expect(r.err).to.include("--record needs a value");
    expect((await run(["doctor", "--frob"])).err).to.include('unknown argument "--frob"');
  });

  it("documents recover in --help: --stack, --adopt-image, --apply and exit codes; exits 2 on a usage error", async () => {
    expect((await run(["--help"])).out).to.include("recover");
    const r = await run(["recover", "--help"]);
    expect(r.code).to.equal(0);
    expect(r.out).to.include(
      "Usage: synovmm recover [--stack NAME] [--cluster NAME] [--adopt-image NAME[,NAME...]] [--apply]",
    );
    expect(r.out).to.include("Exit codes: 0");
    const bad = await run(["recover", "--frob"]);
    expect(bad.code).to.equal(2);
    // recover writes its own stderr (not console): the code is what this test can see.
    expect((await run(["recover", "--adopt-image", "img-b,"])).code).to.equal(2);
  });
});
