import { expect } from "chai";
import { loadSpecBytes, loadSpecText } from "../../../provider/spec/index";
import { MAX_SPEC_BYTES } from "../../../provider/spec/decode";
import { MAX_LISTED_PROBLEMS } from "../../../provider/spec/load";
import { MAX_ALIAS_EXPANSION, MAX_SPEC_VALUES } from "../../../provider/spec/yaml-source";

const head = ["apiVersion: synovmm/v1", "kind: Cluster"];

describe("spec loader on hostile input", () => {
  it("refuses a duplicate key written through an alias, at the alias", () => {
    const loaded = loadSpecText(
      [...head, "metadata:", "  &k name: prod", "  *k : evil", "spec: {}"].join("\n"),
      "a.yaml",
    );
    const dup = loaded.problems.find((p) => p.code === "DUPLICATE_KEY");
    expect(dup).to.include({ line: 5, col: 3, path: "metadata.name" });
    expect(dup?.message).to.contain('Key "name" appears twice in metadata (first at line 4)');
  });

  it("refuses an alias bomb before expanding it, at the alias that crosses the limit", () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    const names = "abcdefghi";
    for (let i = 1; i < names.length; i++)
      lines.push(
        `${names[i]}: &${names[i]} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(", ")}]`,
      );
    const loaded = loadSpecText(lines.join("\n"), "bomb.yaml");
    expect(loaded.unusable).to.equal(true);
    expect(loaded.problems[0].code).to.equal("SYNTAX");
    expect(loaded.problems[0].message).to.contain(MAX_ALIAS_EXPANSION.toLocaleString("en"));
    expect(loaded.problems[0].line).to.be.within(2, 9);
  });

  it("keeps a modest reuse of anchors", () => {
    const loaded = loadSpecText([...head, "metadata: &m { name: lab }", "x: *m"].join("\n"), "ok.yaml");
    expect(loaded.unusable).to.equal(false);
  });

  it("refuses UTF-16 with a byte-order mark, NUL bytes and bytes that are not UTF-8, each with a position", () => {
    const bom = loadSpecBytes(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a: 1\n", "utf16le")]),
      "b.yaml",
    );
    expect(bom.problems[0]).to.include({ code: "FILE", line: 1, col: 1 });
    expect(bom.problems[0].message).to.contain("UTF-16");
    const nul = loadSpecBytes(Buffer.from("a: 1\nbc: \u0000\n"), "n.yaml");
    expect(nul.problems[0]).to.include({ code: "FILE", line: 2, col: 5 });
    const bad = loadSpecBytes(
      Buffer.concat([Buffer.from("a: 1\nb: é"), Buffer.from([0xc3, 0x28])]),
      "u.yaml",
    );
    expect(bad.problems[0]).to.include({ code: "FILE", line: 2, col: 5 });
    expect(bad.problems[0].message).to.contain("not UTF-8");
  });

  it("refuses a file over the size cap without parsing it", () => {
    const loaded = loadSpecBytes(Buffer.alloc(MAX_SPEC_BYTES + 1, "a"), "big.yaml");
    expect(loaded.unusable).to.equal(true);
    expect(loaded.problems[0]).to.include({ code: "FILE", line: 1, col: 1 });
    expect(loaded.problems[0].message).to.contain("8 MiB");
  });

  it("shows an absurdly long value by its start and length", () => {
    const name = "a".repeat(25_000);
    const loaded = loadSpecText([...head, `metadata: { name: ${name} }`, "spec: {}"].join("\n"), "l.yaml");
    const problem = loaded.problems.find((p) => p.path === "metadata.name");
    expect(problem?.message).to.contain("(25,000 characters)");
    expect(problem?.message.length).to.be.below(400);
  });

  it("refuses a file with more values than any cluster spec, where the limit is crossed", () => {
    const keys = Array.from({ length: MAX_SPEC_VALUES / 2 + 10 }, (_, i) => `k${i}: ${i}`);
    const loaded = loadSpecText(keys.join("\n"), "many.yaml");
    expect(loaded.unusable).to.equal(true);
    expect(loaded.problems[0]).to.include({ code: "SYNTAX", line: MAX_SPEC_VALUES / 2 }); // the value of k74999
  });

  it("lists at most the first problems and says how many more there are", () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}: ${i}`);
    const loaded = loadSpecText(
      [...head, "metadata: { name: x }", "spec: { hosts: [] }", ...keys].join("\n"),
      "k.yaml",
    );
    expect(loaded.problems).to.have.length(MAX_LISTED_PROBLEMS + 1);
    expect(loaded.problems[MAX_LISTED_PROBLEMS].message).to.match(
      /^801 more problem\(s\) from here on are not listed/,
    );
  });
});
