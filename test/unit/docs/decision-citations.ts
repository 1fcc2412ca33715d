/**
 * Code cites the design as "architecture decision 7", "decisions 3–5" or "ADR 012". Each cited
 * number must be recorded by a file docs/adr/NNN-title.md, numbered the same (decision 7 is
 * docs/adr/007-….md), so a reader can follow the citation.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Citation {
  file: string;
  line: number;
  number: number;
  text: string;
}

const DECISION = /\bdecisions?\s+(\d{1,3})(?:\s*(?:[–-]|to|and)\s*(\d{1,3}))?/gi;
const ADR = /\bADR[\s-]?(\d{1,3})\b/g;

/** Every decision number cited in one source text (a range "3–5" cites 3, 4 and 5). */
export function citations(file: string, text: string): Citation[] {
  const out: Citation[] = [];
  text.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(DECISION)) {
      const from = Number(m[1]);
      const to = m[2] === undefined ? from : Number(m[2]);
      for (let n = from; n <= Math.max(from, to); n++) out.push({ file, line: i + 1, number: n, text: m[0] });
    }
    for (const m of line.matchAll(ADR)) out.push({ file, line: i + 1, number: Number(m[1]), text: m[0] });
  });
  return out;
}

/** docs/adr file names as number → file; a name must read NNN-kebab-title.md. */
export function adrFiles(adrDir: string): { byNumber: Map<number, string[]>; misnamed: string[] } {
  const byNumber = new Map<number, string[]>();
  const misnamed: string[] = [];
  if (!existsSync(adrDir)) return { byNumber, misnamed };
  for (const name of readdirSync(adrDir)) {
    const m = /^(\d{3})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/.exec(name);
    if (m === null) {
      if (name.endsWith(".md") && name !== "README.md") misnamed.push(name);
      continue;
    }
    const n = Number(m[1]);
    byNumber.set(n, [...(byNumber.get(n) ?? []), name]);
  }
  return { byNumber, misnamed };
}

const SOURCE = /\.(ts|js|mjs|cjs|sh)$/;

/** Source files under `dirs` (paths from `root`), skipping build output and dependencies. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!["node_modules", "dist", ".tools", ".e2e", ".demo"].includes(entry.name)) walk(path);
      } else if (SOURCE.test(entry.name)) out.push(path);
    }
  };
  for (const dir of dirs) walk(dir);
  return out;
}

/** Citations in `files` (paths from `root`) whose number no docs/adr file records. */
export function unrecordedCitations(root: string, files: string[], recorded: Set<number>): Citation[] {
  return files
    .flatMap((file) => citations(file, readFileSync(join(root, file), "utf8")))
    .filter((c) => !recorded.has(c.number));
}
