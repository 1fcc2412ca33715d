/**
 * The design lives in the repository: every relative link of README.md,
 * simulator/API.md and docs/**\/*.md resolves to a file, and to a heading where it names an
 * anchor; every "decision N" / "ADR NNN" the code cites is recorded in docs/adr/.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { packageRoot } from "../../../provider/model/package-root";
import { adrFiles, citations, sourceFiles, unrecordedCitations } from "./decision-citations";
import { anchors, checkFiles, extractLinks, slug, type BrokenLink } from "./markdown-links";

const root = packageRoot();

function markdownUnder(rel: string): string[] {
  if (!existsSync(join(root, rel))) return [];
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownUnder(`${rel}/${e.name}`) : e.name.endsWith(".md") ? [`${rel}/${e.name}`] : [],
  );
}

const documents = ["README.md", "simulator/API.md", ...markdownUnder("docs")];

const describeBroken = (broken: BrokenLink[]): string =>
  broken.map((b) => `${b.file}:${b.line}: (${b.target}) ${b.why}`).join("\n");

describe("docs: links and decision records", () => {
  describe("the checker itself", () => {
    it("slugs headings as GitHub does", () => {
      expect(slug("The Pulumi CLI without internet")).to.equal("the-pulumi-cli-without-internet");
      expect(slug("`synovmm validate`")).to.equal("synovmm-validate");
      expect(slug("2.1 `SYNO.API.Info` v1, `query` [Synology]")).to.equal("21-synoapiinfo-v1-query-synology");
      expect(slug("HAPair — high availability (R4–R6)")).to.equal("hapair--high-availability-r4r6");
      expect(slug("snake_case stays")).to.equal("snake_case-stays");
    });

    it("numbers repeated headings and ignores headings inside code fences", () => {
      const found = anchors("# A\n## Status\n```\n# Not a heading\n```\n## Status\n");
      expect([...found]).to.deep.equal(["a", "status", "status-1"]);
    });

    it("finds inline links, reference definitions and document paths in code spans, not inside fences", () => {
      const md = [
        "See [the spec](docs/spec-format.md#hosts) and `docs/requirements.md`.",
        "`[not a link](nowhere.md)` and `provider/x.ts` are code.",
        "```",
        "[fenced](missing.md)",
        "```",
        "[ref]: ./adr/001-x.md",
      ].join("\n");
      expect(extractLinks(md).map((l) => `${l.line} ${l.kind} ${l.target}`)).to.deep.equal([
        "1 doc-path docs/requirements.md",
        "1 link docs/spec-format.md#hosts",
        "6 link ./adr/001-x.md",
      ]);
    });

    it("reports a missing file, a missing anchor, and accepts a good link", () => {
      const dir = mkdtempSync(join(tmpdir(), "synovmm-links-"));
      try {
        mkdirSync(join(dir, "docs"));
        writeFileSync(join(dir, "docs", "a.md"), "# Title\n\n## Kept heading\n");
        writeFileSync(
          join(dir, "README.md"),
          [
            "[good](docs/a.md#kept-heading) [self](#readme)",
            "[gone](docs/missing.md) [bad anchor](docs/a.md#nope) `docs/absent.md`",
            "# README",
          ].join("\n"),
        );
        const broken = checkFiles(dir, ["README.md"]);
        expect(broken.map((b) => `${b.line} ${b.target}: ${b.why}`)).to.deep.equal([
          "2 docs/absent.md: no file docs/absent.md",
          "2 docs/missing.md: no file docs/missing.md",
          "2 docs/a.md#nope: no heading with anchor #nope in docs/a.md",
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("reads decision citations, ranges included", () => {
      const found = citations("x.ts", "// architecture decisions 3–5\n// see ADR 012 and decision 7\n");
      expect(found.map((c) => `${c.line}:${c.number}`)).to.deep.equal(["1:3", "1:4", "1:5", "2:7", "2:12"]);
    });
  });

  describe("the repository", () => {
    it("has the documents the README and API.md point to", () => {
      expect(documents).to.include.members([
        "docs/requirements.md",
        "docs/spec-format.md",
        "docs/architecture.md",
      ]);
    });

    it("every relative link in README.md, simulator/API.md and docs/ resolves", () => {
      const broken = checkFiles(root, documents);
      expect(broken, `links that do not resolve:\n${describeBroken(broken)}`).to.deep.equal([]);
    });

    it("every ADR file is named NNN-title.md, one per number, with context, decision, consequences and status", () => {
      const { byNumber, misnamed } = adrFiles(join(root, "docs", "adr"));
      expect(misnamed, "docs/adr files not named NNN-kebab-title.md").to.deep.equal([]);
      const doubled = [...byNumber.values()].filter((names) => names.length > 1);
      expect(doubled, "two ADRs share a number").to.deep.equal([]);
      for (const [name] of byNumber.values()) {
        const text = readFileSync(join(root, "docs", "adr", name), "utf8");
        for (const section of ["Context", "Decision", "Consequences", "Status"])
          expect(text, `${name} has no "## ${section}" section`).to.match(
            new RegExp(`^## ${section}\\b`, "m"),
          );
      }
    });

    it("every decision the code cites is recorded in docs/adr/", () => {
      const files = [
        ...sourceFiles(root, ["provider", "simulator", "test", "bench", "examples", "scripts", "bin"]),
        "eslint.config.mjs",
      ];
      const recorded = new Set(adrFiles(join(root, "docs", "adr")).byNumber.keys());
      const missing = unrecordedCitations(root, files, recorded);
      expect(
        missing.map(
          (c) => `${c.file}:${c.line}: "${c.text}" has no docs/adr/${String(c.number).padStart(3, "0")}-*.md`,
        ),
      ).to.deep.equal([]);
      // The scan must see the citations that exist, or it proves nothing.
      expect(
        files.flatMap((f) => citations(f, readFileSync(join(root, f), "utf8"))).length,
      ).to.be.greaterThan(10);
    });
  });
});
