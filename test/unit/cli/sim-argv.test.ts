/** `synovmm sim`'s argv through node:util parseArgs (ADR 015), with its own range and enum checks. */
import { expect } from "chai";
import { parseArgs } from "../../../simulator/cli";

const fails = (argv: string[]): string => {
  try {
    parseArgs(argv);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected ${argv.join(" ")} to be refused`);
};

describe("synovmm sim: arguments (ADR 015)", () => {
  it("reads every flag, in both --x value and --x=value forms", () => {
    const { options, quiet } = parseArgs([
      "--hosts=5",
      "--dsm",
      "real",
      "--tls",
      "--port",
      "0",
      "--seed=s1",
      "--cluster-joined",
      "3",
      "--no-pro",
      "--task-ms=20",
      "--state",
      "w.json",
      "--quiet",
    ]);
    expect(quiet).to.equal(true);
    expect(options).to.deep.include({
      hosts: 5,
      dsm: "real",
      tls: true,
      port: 0,
      seed: "s1",
      pro: false,
      taskDurationMs: 20,
      stateFile: "w.json",
    });
    expect(options.cluster?.joined).to.equal(3);
  });

  it("keeps the defaults and the old --official-only name", () => {
    expect(parseArgs([]).options).to.deep.equal({ hosts: 3 });
    expect(parseArgs(["--official-only"]).options.dsm).to.equal("real");
  });

  it("refuses with one line naming the flag", () => {
    expect(fails(["--bogus"])).to.equal("unknown option '--bogus'");
    expect(fails(["stray"])).to.equal("unknown option 'stray'");
    expect(fails(["--hosts"])).to.equal("--hosts needs a value");
    expect(fails(["--state="])).to.equal("--state needs a value");
    expect(fails(["--hosts", "17"])).to.equal("--hosts needs an integer from 1 to 16, got '17'");
    expect(fails(["--dsm", "nas"])).to.equal("--dsm needs sim or real, got 'nas'");
  });
});
