/** The commands' argv through node:util parseArgs (ADR 015): our one-line messages on top. */
import { expect } from "chai";
import { readArgv } from "../../../provider/cli/argv";

const FLAGS = { format: { type: "string" }, strict: { type: "boolean" } } as const;
const unknown = (arg: string) => `unknown option "${arg}"`;

describe("cli argv", () => {
  it("reads --x value, --x=value, booleans, '-' and files after '--'", () => {
    expect(
      readArgv(["--format=json", "a.yaml", "-", "--strict", "--", "--odd.yaml"], FLAGS, true, unknown),
    ).to.deep.equal({
      values: { format: "json", strict: true },
      positionals: ["a.yaml", "-", "--odd.yaml"],
    });
    expect(readArgv(["--format", "github", "b.yaml"], FLAGS, true, unknown)).to.deep.include({
      positionals: ["b.yaml"],
    });
  });

  it("says what is wrong in one line: unknown flag, missing or empty value, stray argument", () => {
    expect(readArgv(["--bogus"], FLAGS, true, unknown)).to.equal('unknown option "--bogus"');
    expect(readArgv(["a.yaml", "--format"], FLAGS, true, unknown)).to.equal("--format needs a value");
    expect(readArgv(["--format="], FLAGS, true, unknown)).to.equal("--format needs a value");
    expect(readArgv(["stray"], FLAGS, false, (a) => `unknown argument "${a}"`)).to.equal(
      'unknown argument "stray"',
    );
  });
});
